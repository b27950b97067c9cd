import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import type { CompanyDetails } from '@hub/contracts';
import { formatMoney } from '../../shared/format-money';
import { formatDate } from '../../shared/format-time';

const useStyles = makeStyles({
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', '& .fui-TableHeaderCell__button': { justifyContent: 'flex-end' } },
  negative: { color: tokens.colorPaletteRedForeground1 },
});

/** The forecast's figures week by week (the chart's accessible twin). */
export function ForecastTable({ forecast, locale }: { forecast: NonNullable<CompanyDetails['forecast']>; locale: string }) {
  const styles = useStyles();
  return (
    <Table size="extra-small" aria-label="13-week cash forecast by week">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Week of</TableHeaderCell>
          <TableHeaderCell className={styles.num}>Receipts</TableHeaderCell>
          <TableHeaderCell className={styles.num}>Payments</TableHeaderCell>
          <TableHeaderCell className={styles.num}>Net</TableHeaderCell>
          <TableHeaderCell className={styles.num}>Closing balance</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {forecast.weeks.map((w) => (
          <TableRow key={w.weekStart}>
            <TableCell>{formatDate(w.weekStart, locale)}</TableCell>
            <TableCell className={styles.num}>{formatMoney(w.receipts, locale)}</TableCell>
            <TableCell className={styles.num}>{formatMoney(w.payments, locale)}</TableCell>
            <TableCell className={styles.num}>{formatMoney(w.net, locale)}</TableCell>
            <TableCell className={`${styles.num} ${w.closing.minor < 0 ? styles.negative : ''}`}>{formatMoney(w.closing, locale)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
