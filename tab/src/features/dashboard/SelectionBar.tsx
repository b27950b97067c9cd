import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';

interface Props {
  className: string;
  count: number;
  /** A refresh job is running: another cannot start. */
  refreshDisabled: boolean;
  onRefresh: () => void;
  onReports: () => void;
  onCancel: () => void;
}

/** In select mode: how many companies are selected and what to do with all of them. */
export function SelectionBar({ className, count, refreshDisabled, onRefresh, onReports, onCancel }: Props) {
  return (
    <MessageBar intent="info" className={className} layout="singleline">
      <MessageBarBody>{count} selected</MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" disabled={count === 0 || refreshDisabled} onClick={onRefresh}>
          Refresh selected
        </Button>
        <Button icon={<ArrowDownloadRegular />} disabled={count === 0} onClick={onReports}>
          Download reports
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
