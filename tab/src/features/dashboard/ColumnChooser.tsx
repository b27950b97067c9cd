import { Button, Checkbox, Popover, PopoverSurface, PopoverTrigger, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ColumnTripleEditRegular } from '@fluentui/react-icons';
import type { ColumnId } from '@hub/contracts';
import { allColumnIds, columnMeta } from './columns';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: '260px' },
  hint: { color: tokens.colorNeutralForeground3, paddingBottom: tokens.spacingVerticalS },
});

/** Adds or removes the optional columns; Client Name and Company Name always stay. */
export function ColumnChooser({ columns, onChange }: { columns: ColumnId[]; onChange: (columns: ColumnId[]) => void }) {
  const styles = useStyles();
  const toggle = (id: ColumnId, on: boolean) => onChange(allColumnIds.filter((c) => (c === id ? on : columns.includes(c))));
  return (
    <Popover trapFocus positioning="below-end">
      <PopoverTrigger disableButtonEnhancement>
        <Button icon={<ColumnTripleEditRegular />}>Columns</Button>
      </PopoverTrigger>
      <PopoverSurface aria-labelledby="column-chooser-title">
        <div className={styles.list} role="group" aria-labelledby="column-chooser-title">
          <Text weight="semibold" id="column-chooser-title">
            Columns
          </Text>
          <Text size={200} className={styles.hint}>
            Client Name and Company Name are always shown.
          </Text>
          {allColumnIds.map((id) => (
            <Checkbox key={id} label={columnMeta[id].label} checked={columns.includes(id)} onChange={(_, d) => toggle(id, d.checked === true)} />
          ))}
        </div>
      </PopoverSurface>
    </Popover>
  );
}
