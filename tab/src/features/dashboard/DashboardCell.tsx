import { Badge, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { ColumnId, DashboardRow, Money } from '@hub/contracts';
import { formatMoney, formatMoneyBag } from '../../shared/format-money';
import { daysUntil, formatAge, formatDate, formatTimestamp } from '../../shared/format-time';
import { errorKindLabel } from '../../shared/error-kind';
import { guidanceFor } from './auth-guidance';
import { unavailableReason } from './columns';

const useStyles = makeStyles({
  lines: { display: 'flex', flexDirection: 'column', lineHeight: tokens.lineHeightBase200, fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3 },
  danger: { color: tokens.colorPaletteRedForeground1 },
  status: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  why: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: tokens.fontSizeBase200 },
  kind: { fontWeight: tokens.fontWeightSemibold },
});

interface Props {
  row: DashboardRow;
  column: ColumnId;
  locale: string;
  now: number;
  refreshing: boolean;
}

function Bag({ amounts, row, locale, warnIfAny }: { amounts: readonly Money[]; row: DashboardRow; locale: string; warnIfAny?: boolean }) {
  const styles = useStyles();
  const lines = formatMoneyBag(amounts, locale, row.currency);
  const cls = warnIfAny && amounts.some((a) => a.minor !== 0) ? styles.danger : undefined;
  if (lines.length === 1) return <span className={cls}>{lines[0]}</span>;
  // Each currency stays separate; a row has room for two lines, the rest is named in the tooltip and the details pane.
  const shown = lines.length > 2 ? [lines[0] ?? '', `+ ${lines.length - 1} more currencies`] : lines;
  return (
    <span className={`${styles.lines} ${cls ?? ''}`} title={lines.join('\n')}>
      {shown.map((l) => (
        <span key={l}>{l}</span>
      ))}
    </span>
  );
}

const none = '—';

/** What one dashboard cell shows for one of the optional columns. */
export function DashboardCell({ row, column, locale, now, refreshing }: Props) {
  const styles = useStyles();
  const k = row.kpis;
  const missing = unavailableReason(row, column);
  if (missing !== undefined) return <span className={styles.muted} title={missing}>Unavailable</span>;
  switch (column) {
    case 'cash':
      return k ? <span className={k.cash.minor < 0 ? styles.danger : undefined}>{formatMoney(k.cash, locale)}</span> : <>{none}</>;
    case 'overdueSalesCount':
      return <>{k ? k.overdueSales.count : none}</>;
    case 'overdueSalesAmount':
      return k ? <Bag amounts={k.overdueSales.amounts} row={row} locale={locale} warnIfAny /> : <>{none}</>;
    case 'overduePurchasesCount':
      return <>{k ? k.overduePurchases.count : none}</>;
    case 'overduePurchasesAmount':
      return k ? <Bag amounts={k.overduePurchases.amounts} row={row} locale={locale} warnIfAny /> : <>{none}</>;
    case 'taxDueAmount':
      if (!k) return <>{none}</>;
      if (!k.taxDue) return <span className={styles.muted}>None filed</span>;
      return (
        <span
          title={`Estimate from posted documents${k.taxDue.foreignDocumentsExcluded ? `; ${k.taxDue.foreignDocumentsExcluded} documents in other currencies left out` : ''}`}
        >
          ≈ {formatMoney(k.taxDue.amount, locale)}
          {k.taxDue.foreignDocumentsExcluded > 0 && ' *'}
        </span>
      );
    case 'taxDueDate': {
      if (!k?.taxDue) return <>{none}</>;
      const days = daysUntil(k.taxDue.dueDate, new Date(now));
      return (
        <span className={days <= 7 ? styles.danger : undefined} title={days < 0 ? `${-days} days late` : `in ${days} days`}>
          {formatDate(k.taxDue.dueDate, locale)}
        </span>
      );
    }
    case 'openSalesDocuments':
      return k ? (
        <span title={`${k.openSalesDocuments.quotes} quotes, ${k.openSalesDocuments.orders} orders, ${k.openSalesDocuments.draftInvoices} draft invoices`}>
          {k.openSalesDocuments.count}
        </span>
      ) : (
        <>{none}</>
      );
    case 'purchasesDueNextWeek':
      return k ? <Bag amounts={k.purchasesDueNextWeek.amounts} row={row} locale={locale} /> : <>{none}</>;
    case 'refreshedAt':
      return row.refreshedAt ? <span title={formatTimestamp(row.refreshedAt, locale)}>{formatAge(row.refreshedAt, now, locale)}</span> : <span className={styles.muted}>never</span>;
    case 'status':
      return <StatusCell row={row} locale={locale} now={now} refreshing={refreshing} />;
  }
}

export function StatusCell({ row, locale, now, refreshing }: Omit<Props, 'column'>) {
  const styles = useStyles();
  if (refreshing) return <Spinner size="extra-tiny" label="Refreshing…" labelPosition="after" />;
  if (row.status === 'error' && row.error) {
    const age = row.refreshedAt ? `data ${formatAge(row.refreshedAt, now, locale)}` : 'no data yet';
    const why = `${errorKindLabel[row.error.kind]}: ${row.error.message}`;
    const guidance = guidanceFor(row.error.kind);
    return (
      <span className={styles.status} title={`${why} (failed ${formatAge(row.error.at, now, locale)}; ${age})${guidance ? `\n${guidance}` : ''}`}>
        <Badge color="danger" appearance="filled" size="small" style={{ flexShrink: 0 }}>
          Failed
        </Badge>
        <span className={styles.lines} style={{ minWidth: 0 }}>
          <span className={styles.why}>
            {/* A plain span: Fluent's Text may wrap, which would push the line below out of the row. */}
            <span className={styles.kind}>{errorKindLabel[row.error.kind]}</span> · {age}
          </span>
          <span className={styles.why}>{row.error.message}</span>
        </span>
      </span>
    );
  }
  if (row.status === 'never') return <Badge appearance="outline" color="informative">Not read yet</Badge>;
  return <Badge appearance="tint" color="success">Up to date</Badge>;
}
