import { Button, MenuItem, MenuList, MenuPopover, Spinner } from '@fluentui/react-components';
import { ArrowClockwiseRegular, DocumentTableArrowRightRegular, MoreHorizontalRegular, OpenRegular, PanelRightRegular, CheckboxCheckedRegular, CopyRegular } from '@fluentui/react-icons';
import type { DashboardRow } from '@hub/contracts';
import { LazyMenu } from '../../shared/LazyMenu';

export interface RowActions {
  openDetails: (row: DashboardRow) => void;
  refresh: (row: DashboardRow) => void;
  openBusinessCentral: (row: DashboardRow) => void;
  selectMore: (row: DashboardRow) => void;
  reports: (row: DashboardRow) => void;
  /** A company also shown under another client: keep this row only (confirmed first). */
  keepOnlyHere?: (row: DashboardRow) => void;
}

interface Props {
  row: DashboardRow;
  actions: RowActions;
  tabIndex: number;
  busy: boolean;
}

/** The row's ellipsis menu (mounted when first opened: see LazyMenu). */
export function RowMenu({ row, actions, tabIndex, busy }: Props) {
  return (
    <LazyMenu
      trigger={
        <Button
          data-widget
          tabIndex={tabIndex}
          appearance="subtle"
          size="small"
          icon={busy ? <Spinner size="extra-tiny" /> : <MoreHorizontalRegular />}
          aria-label={`More actions for ${row.companyName}`}
        />
      }
    >
      <MenuPopover>
        <MenuList>
          <MenuItem icon={<ArrowClockwiseRegular />} disabled={busy} onClick={() => actions.refresh(row)}>
            Refresh
          </MenuItem>
          <MenuItem icon={<PanelRightRegular />} onClick={() => actions.openDetails(row)}>
            Company details
          </MenuItem>
          <MenuItem icon={<DocumentTableArrowRightRegular />} onClick={() => actions.reports(row)}>
            Reports…
          </MenuItem>
          <MenuItem icon={<OpenRegular />} onClick={() => actions.openBusinessCentral(row)}>
            Go to client&apos;s Business Central
          </MenuItem>
          <MenuItem icon={<CheckboxCheckedRegular />} onClick={() => actions.selectMore(row)}>
            Select more clients
          </MenuItem>
          {row.sameCompany && actions.keepOnlyHere && (
            <MenuItem icon={<CopyRegular />} onClick={() => actions.keepOnlyHere?.(row)}>
              Keep only under this client…
            </MenuItem>
          )}
        </MenuList>
      </MenuPopover>
    </LazyMenu>
  );
}
