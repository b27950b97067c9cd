import { Button, Checkbox, Field, Popover, PopoverSurface, PopoverTrigger, SpinButton, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { FilterRegular } from '@fluentui/react-icons';
import { countActiveFilters, type RowStatus, type ViewDefinition } from './view-state';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: '280px' },
  group: { display: 'flex', flexDirection: 'column', border: 'none', margin: 0, padding: 0 },
});

const statuses: Array<{ id: RowStatus; label: string }> = [
  { id: 'ok', label: 'Up to date' },
  { id: 'error', label: 'Failed' },
  { id: 'never', label: 'Not read yet' },
];

type Filters = ViewDefinition['filters'];

/** Status, "only overdue" and "tax due within N days". */
export function FilterPopover({ view, onChange }: { view: ViewDefinition; onChange: (filters: Filters) => void }) {
  const styles = useStyles();
  const f = view.filters;
  const active = countActiveFilters(view);
  const toggleStatus = (id: RowStatus, on: boolean) => {
    const list = statuses.map((s) => s.id).filter((s) => (s === id ? on : (f.status ?? []).includes(s)));
    onChange({ ...f, status: list.length ? list : undefined });
  };
  const taxOn = f.onlyTaxDueWithinDays !== undefined;
  return (
    <Popover trapFocus positioning="below-start">
      <PopoverTrigger disableButtonEnhancement>
        <Button icon={<FilterRegular />} appearance={active ? 'primary' : 'secondary'}>
          {active ? `Filters (${active})` : 'Filters'}
        </Button>
      </PopoverTrigger>
      <PopoverSurface aria-labelledby="filters-title">
        <div className={styles.body}>
          <Text weight="semibold" id="filters-title">
            Filters
          </Text>
          <fieldset className={styles.group}>
            <legend>
              <Text size={200}>Status</Text>
            </legend>
            {statuses.map((s) => (
              <Checkbox key={s.id} label={s.label} checked={(f.status ?? []).includes(s.id)} onChange={(_, d) => toggleStatus(s.id, d.checked === true)} />
            ))}
          </fieldset>
          <Switch label="Only companies with overdue invoices" checked={f.onlyOverdue === true} onChange={(_, d) => onChange({ ...f, onlyOverdue: d.checked || undefined })} />
          <Switch
            label="Only taxes due soon"
            checked={taxOn}
            onChange={(_, d) => onChange({ ...f, onlyTaxDueWithinDays: d.checked ? 30 : undefined })}
          />
          {taxOn && (
            <Field label="Tax due within (days)">
              <SpinButton
                min={0}
                max={366}
                value={f.onlyTaxDueWithinDays ?? 30}
                onChange={(_, d) => {
                  const raw = d.value ?? Number.parseInt(d.displayValue ?? '', 10);
                  if (Number.isFinite(raw)) onChange({ ...f, onlyTaxDueWithinDays: Math.max(0, Math.min(366, Math.round(raw as number))) });
                }}
              />
            </Field>
          )}
          {/* Never disabled: a button that disables itself on click drops the keyboard focus out of the popover. */}
          <Button onClick={() => onChange({})}>
            Clear filters
          </Button>
        </div>
      </PopoverSurface>
    </Popover>
  );
}
