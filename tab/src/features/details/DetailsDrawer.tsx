import { lazy, Suspense, useEffect, useState } from 'react';
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  MessageBar,
  MessageBarBody,
  OverlayDrawer,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, DismissRegular, DocumentTableArrowRightRegular, OpenRegular } from '@fluentui/react-icons';
import type { CompanyDetails, DashboardRow } from '@hub/contracts';
import { useApp } from '../../app-context';
import { describeError } from '../../api/api-error';
import { errorKindLabel } from '../../shared/error-kind';
import { guidanceFor } from '../dashboard/auth-guidance';
import { ExternalLink } from '../../shared/ExternalLink';
import { formatMoney, formatMoneyBag } from '../../shared/format-money';
import { formatAge, formatDate } from '../../shared/format-time';
import { openExternal } from '../../shared/open-link';
import { DocumentTable } from './DocumentTable';
import { ForecastChart } from './ForecastChart';
import { ForecastTable } from './ForecastTable';

// Rendered inside the drawer, so Fluent stacks the dialog on the drawer and gives focus back to it.
const ReportsDialog = lazy(() => import('../reports/ReportsDialog'));

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, paddingBottom: tokens.spacingVerticalXXL },
  sub: { color: tokens.colorNeutralForeground3, display: 'block' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  tiles: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: tokens.spacingHorizontalM },
  tile: { padding: tokens.spacingHorizontalM, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground2, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  tileLabel: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  tileValue: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', '& .fui-TableHeaderCell__button': { justifyContent: 'flex-end' } },
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

interface Props {
  row: DashboardRow;
  onClose: () => void;
  onRefresh: () => void;
  refreshing: boolean;
}

/** A KPI tile; `missing` (Business Central gave no data for it) replaces the figures, which would read as zero. */
function Tile({ label, lines, missing }: { label: string; lines: string[]; missing?: string | undefined }) {
  const styles = useStyles();
  return (
    <div className={styles.tile} title={missing}>
      <span className={styles.tileLabel}>{missing === undefined ? label : label.replace(/ \(\d+\)$/, '')}</span>
      {missing === undefined ? (
        lines.map((l) => (
          <span key={l} className={styles.tileValue}>
            {l}
          </span>
        ))
      ) : (
        <span className={`${styles.tileValue} ${styles.note}`}>Unavailable</span>
      )}
    </div>
  );
}

/** A part of the pane Business Central gave no data for, and why. */
function Unavailable({ reason }: { reason: string }) {
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <strong>Not available.</strong> {reason}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Company Details: cash accounts, the 13-week forecast, overdue sales and purchase invoices, all linking into Business Central. */
export default function DetailsDrawer({ row, onClose, onRefresh, refreshing }: Props) {
  const styles = useStyles();
  const { api, locale, teams } = useApp();
  const [details, setDetails] = useState<CompanyDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reportsOpen, setReportsOpen] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    setError(null);
    api.company(row.companyId, ctrl.signal).then(
      (d) => setDetails(d),
      (err: unknown) => {
        if (!ctrl.signal.aborted) setError(describeError(err));
      },
    );
    return () => ctrl.abort();
  }, [api, row.companyId, row.refreshedAt, row.status]);

  const k = row.kpis;
  const now = Date.now();
  return (
    <OverlayDrawer open position="end" size="large" onOpenChange={(_, d) => !d.open && onClose()} aria-labelledby="details-title">
      <DrawerHeader>
        <DrawerHeaderTitle
          heading={{ id: 'details-title' }}
          action={<Button appearance="subtle" aria-label="Close details" icon={<DismissRegular />} onClick={onClose} />}
        >
          {row.companyName}
        </DrawerHeaderTitle>
        <Text className={styles.sub}>
          {row.clientName} · {row.refreshedAt ? `figures from ${formatAge(row.refreshedAt, now, locale)}` : 'not read yet'}
          {row.currency ? ` · ${row.currency}` : ''}
        </Text>
        <div className={styles.actions}>
          <Button icon={refreshing ? <Spinner size="extra-tiny" /> : <ArrowClockwiseRegular />} disabled={refreshing} onClick={onRefresh}>
            {refreshing ? 'Refreshing…' : 'Refresh'}
          </Button>
          <Button icon={<DocumentTableArrowRightRegular />} onClick={() => setReportsOpen(true)}>
            Reports
          </Button>
          <Button icon={<OpenRegular />} onClick={() => void openExternal(row.bcUrl, teams)}>
            Open in Business Central
          </Button>
        </div>
      </DrawerHeader>
      <DrawerBody>
        {reportsOpen && (
          <Suspense fallback={null}>
            <ReportsDialog companies={[row]} onClose={() => setReportsOpen(false)} />
          </Suspense>
        )}
        <div className={styles.body}>
          {row.status === 'error' && row.error && (
            <MessageBar intent="error">
              <MessageBarBody>
                <strong>{errorKindLabel[row.error.kind]}.</strong> {row.error.message} (last try {formatAge(row.error.at, now, locale)}
                {row.refreshedAt ? `; the figures shown are from ${formatAge(row.refreshedAt, now, locale)}` : ''})
                {guidanceFor(row.error.kind) && <div>{guidanceFor(row.error.kind)}</div>}
              </MessageBarBody>
            </MessageBar>
          )}
          {k && (
            <div className={styles.tiles}>
              <Tile label="Cash balance" lines={[formatMoney(k.cash, locale)]} missing={k.unavailable?.cash} />
              <Tile label={`Overdue sales (${k.overdueSales.count})`} lines={formatMoneyBag(k.overdueSales.amounts, locale, row.currency)} missing={k.unavailable?.overdueSales} />
              <Tile
                label={`Overdue purchases (${k.overduePurchases.count})`}
                lines={formatMoneyBag(k.overduePurchases.amounts, locale, row.currency)}
                missing={k.unavailable?.overduePurchases}
              />
              <Tile
                label={k.taxDue ? `Tax due ${formatDate(k.taxDue.dueDate, locale)} (estimate)` : 'Tax due'}
                lines={[k.taxDue ? formatMoney(k.taxDue.amount, locale) : 'None filed']}
                missing={k.unavailable?.taxDue}
              />
              {k.taxDue && k.taxDue.foreignDocumentsExcluded > 0 && (
                <Text className={styles.note}>
                  The tax estimate leaves out {k.taxDue.foreignDocumentsExcluded} documents in other currencies.
                </Text>
              )}
            </div>
          )}
          {error && (
            <MessageBar intent="error">
              <MessageBarBody>The details could not be loaded. {error}</MessageBarBody>
            </MessageBar>
          )}
          {!details && !error && <Spinner label="Loading details…" />}
          {details && (
            <>
              <section className={styles.section} aria-labelledby="cash-title">
                <Subtitle2 as="h2" id="cash-title">
                  Cash accounts
                </Subtitle2>
                {details.unavailable?.cashAccounts ? (
                  <Unavailable reason={details.unavailable.cashAccounts} />
                ) : details.cashAccounts.length === 0 ? (
                  <Text className={styles.note}>No cash accounts found.</Text>
                ) : (
                  <Table size="small" aria-labelledby="cash-title">
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell>Account</TableHeaderCell>
                        <TableHeaderCell>Name</TableHeaderCell>
                        <TableHeaderCell className={styles.num}>Balance</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {details.cashAccounts.map((a) => (
                        <TableRow key={a.number}>
                          <TableCell>
                            <ExternalLink href={a.bcUrl} label={`Open account ${a.number} ${a.name} in Business Central`}>
                              {a.number}
                            </ExternalLink>
                          </TableCell>
                          <TableCell>{a.name}</TableCell>
                          <TableCell className={styles.num}>{formatMoney(a.balance, locale)}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
              </section>
              <section className={styles.section} aria-labelledby="forecast-title">
                <Subtitle2 as="h2" id="forecast-title">
                  13-week cash forecast
                </Subtitle2>
                {details.unavailable?.forecast ? (
                  <Unavailable reason={details.unavailable.forecast} />
                ) : details.forecast ? (
                  <>
                    <Text className={styles.note}>
                      Opening balance {formatMoney(details.forecast.opening, locale)}; receipts and payments from open documents by due date.
                      {details.forecast.excludedForeignDocuments > 0 &&
                        ` ${details.forecast.excludedForeignDocuments} open documents in other currencies are not included.`}
                    </Text>
                    <ForecastChart forecast={details.forecast} locale={locale} />
                    <ForecastTable forecast={details.forecast} locale={locale} />
                  </>
                ) : (
                  <Text className={styles.note}>No forecast yet: refresh the company first.</Text>
                )}
              </section>
              <section className={styles.section} aria-labelledby="sales-title">
                <Subtitle2 as="h2" id="sales-title">
                  Overdue sales invoices
                </Subtitle2>
                {details.unavailable?.overdueSales ? (
                  <Unavailable reason={details.unavailable.overdueSales} />
                ) : (
                  <DocumentTable lines={details.overdueSales} partyLabel="Customer" caption="Overdue sales invoices" locale={locale} />
                )}
              </section>
              <section className={styles.section} aria-labelledby="purchases-title">
                <Subtitle2 as="h2" id="purchases-title">
                  Overdue purchase invoices
                </Subtitle2>
                {details.unavailable?.overduePurchases ? (
                  <Unavailable reason={details.unavailable.overduePurchases} />
                ) : (
                  <DocumentTable lines={details.overduePurchases} partyLabel="Vendor" caption="Overdue purchase invoices" locale={locale} />
                )}
              </section>
            </>
          )}
        </div>
      </DrawerBody>
    </OverlayDrawer>
  );
}
