import { Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { CopyRegular } from '@fluentui/react-icons';
import type { DashboardRow } from '@hub/contracts';

const useStyles = makeStyles({ icon: { color: tokens.colorPaletteMarigoldForeground2, flexShrink: 0 } });

/** What a row of a company also shown under another client says: where else, and which row the totals count. */
export function sameCompanyText(row: DashboardRow): string | null {
  const mark = row.sameCompany;
  if (!mark) return null;
  const where = mark.others.map((o) => o.clientName).join(', ');
  const counted = mark.countedRow === row.companyId ? 'this row' : `the row under ${mark.others.find((o) => o.companyId === mark.countedRow)?.clientName ?? 'the other client'}`;
  return `Also under ${where}: the same Business Central company, counted once (${counted}).`;
}

/** A small marker beside the company name of a row whose company the dashboard shows under another client too. */
export function SameCompanyMark({ row }: { row: DashboardRow }) {
  const styles = useStyles();
  const text = sameCompanyText(row);
  if (!text) return null;
  return (
    <Tooltip content={text} relationship="description">
      <CopyRegular className={styles.icon} aria-label={text} role="img" data-testid="same-company-mark" />
    </Tooltip>
  );
}
