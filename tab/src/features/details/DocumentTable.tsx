import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { DocumentLine } from '@hub/contracts';
import { ExternalLink } from '../../shared/ExternalLink';
import { formatMoney } from '../../shared/format-money';
import { formatDate } from '../../shared/format-time';

const useStyles = makeStyles({
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', '& .fui-TableHeaderCell__button': { justifyContent: 'flex-end' } },
  empty: { color: tokens.colorNeutralForeground3 },
});

/** Overdue invoices, oldest first, each linking to the document in Business Central. */
export function DocumentTable({ lines, partyLabel, caption, locale }: { lines: DocumentLine[]; partyLabel: string; caption: string; locale: string }) {
  const styles = useStyles();
  if (lines.length === 0) return <Text className={styles.empty}>None overdue.</Text>;
  const sorted = [...lines].sort((a, b) => b.daysOverdue - a.daysOverdue);
  return (
    <Table size="small" aria-label={caption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Invoice</TableHeaderCell>
          <TableHeaderCell>{partyLabel}</TableHeaderCell>
          <TableHeaderCell>Due date</TableHeaderCell>
          <TableHeaderCell className={styles.num}>Days overdue</TableHeaderCell>
          <TableHeaderCell className={styles.num}>Amount</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {sorted.map((l) => (
          <TableRow key={l.id}>
            <TableCell>
              <ExternalLink href={l.bcUrl} label={`Open invoice ${l.number} in Business Central`}>
                {l.number}
              </ExternalLink>
            </TableCell>
            <TableCell>{l.party}</TableCell>
            <TableCell>{formatDate(l.dueDate, locale)}</TableCell>
            <TableCell className={styles.num}>{l.daysOverdue}</TableCell>
            <TableCell className={styles.num}>{formatMoney(l.amount, locale)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
