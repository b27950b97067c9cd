import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, DismissRegular } from '@fluentui/react-icons';
import type { ReportInfo, ReportKind, ReportLinkRequest } from '@hub/contracts';
import { useApp } from '../../app-context';
import { useFormDialogStyles } from '../../shared/form-dialog-styles';
import { ApiRequestError, describeError } from '../../api/api-error';
import { openDownload } from '../../shared/open-download';
import { SIGN_IN_AGAIN } from '../dashboard/auth-guidance';
import { defaultHint, downloadErrorTitle, emptyPeriod, fieldsFor, validatePeriod, type PeriodErrors, type PeriodValues } from './report-form';

const useStyles = makeStyles({
  kinds: { display: 'flex', flexDirection: 'column' },
  desc: { color: tokens.colorNeutralForeground3, paddingLeft: '32px', marginTop: '-6px', marginBottom: tokens.spacingVerticalXS, display: 'block' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', gap: tokens.spacingHorizontalM },
});

export interface ReportTarget {
  companyId: string;
  companyName: string;
}

interface Props {
  companies: readonly ReportTarget[];
  onClose: () => void;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'preparing' }
  | { kind: 'started' }
  | { kind: 'failed'; title: string; message: string; signIn: boolean };

/** Reports for one company (row menu, details) or the selected ones (one zip): kinds from the catalog, the period they need, Download. */
export default function ReportsDialog({ companies, onClose }: Props) {
  const styles = { ...useFormDialogStyles(), ...useStyles() };
  const { api, teams } = useApp();
  const [catalog, setCatalog] = useState<ReportInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [kinds, setKinds] = useState<ReadonlySet<ReportKind>>(new Set());
  const [values, setValues] = useState<PeriodValues>(emptyPeriod);
  const [errors, setErrors] = useState<PeriodErrors>({});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    let live = true;
    api.reports().then(
      (r) => live && setCatalog(r.reports),
      (err: unknown) => live && setLoadError(describeError(err)),
    );
    return () => {
      live = false;
      abort.current?.abort();
    };
  }, [api]);

  const toggle = (kind: ReportKind, on: boolean) => {
    setKinds((prev) => {
      const next = new Set(prev);
      if (on) next.add(kind);
      else next.delete(kind);
      return next;
    });
    setErrors((e) => ({ ...e, kinds: undefined }));
  };
  const set = (field: keyof PeriodValues, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const download = async (e: FormEvent) => {
    e.preventDefault();
    if (!catalog) return;
    const checked = validatePeriod(values, kinds, catalog);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    const ordered = catalog.map((r) => r.kind).filter((k) => kinds.has(k));
    // The server answers one company and one report with that workbook, anything more with one zip.
    const request: ReportLinkRequest = { companyIds: companies.map((c) => c.companyId), kinds: ordered, ...checked.query };
    const ctrl = new AbortController();
    abort.current = ctrl;
    setStatus({ kind: 'preparing' });
    try {
      const link = await api.reportLink(request, ctrl.signal);
      await openDownload(link.url, teams);
      setStatus({ kind: 'started' });
    } catch (err) {
      if (ctrl.signal.aborted) return;
      const code = err instanceof ApiRequestError ? err.code : 'unknown';
      setStatus({ kind: 'failed', title: downloadErrorTitle(code), message: describeError(err), signIn: code === 'business_central_auth' || (err instanceof ApiRequestError && err.status === 401) });
    }
  };

  const needed = catalog ? fieldsFor(kinds, catalog) : new Set();
  const busy = status.kind === 'preparing';
  const many = companies.length > 1;
  const title = many ? `Reports for ${companies.length} companies` : `Reports for ${companies[0]?.companyName ?? 'the company'}`;
  const dateField = (field: 'asOf' | 'from' | 'to', label: string) =>
    needed.has(field) && (
      <Field label={label} hint={catalog ? defaultHint(field, kinds, catalog) : undefined} validationMessage={errors[field]}>
        <Input type="date" value={values[field]} min="1990-01-01" max="2100-12-31" onChange={(_, d) => set(field, d.value)} />
      </Field>
    );

  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && !busy && onClose()}>
      <DialogSurface className={styles.surface}>
        <form onSubmit={(e) => void download(e)} noValidate>
          <DialogBody>
            <DialogTitle action={<Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={onClose} />}>{title}</DialogTitle>
            <DialogContent className={styles.content}>
              {many && <Text>{companies.map((c) => c.companyName).join(', ')}: one zip with a workbook per company and report.</Text>}
              {loadError && (
                <MessageBar intent="error">
                  <MessageBarBody>The list of reports could not be loaded. {loadError}</MessageBarBody>
                </MessageBar>
              )}
              {!catalog && !loadError && <Spinner size="small" label="Loading reports…" />}
              {catalog && (
                <fieldset className={mergeClasses(styles.fieldset, styles.kinds)} aria-describedby={errors.kinds ? 'report-kinds-error' : undefined}>
                  <legend className={styles.legend}>Reports</legend>
                  {catalog.map((r) => (
                    <div key={r.kind}>
                      <Checkbox label={r.label} checked={kinds.has(r.kind)} onChange={(_, d) => toggle(r.kind, d.checked === true)} />
                      <Text size={200} className={styles.desc}>
                        {r.description}
                      </Text>
                    </div>
                  ))}
                  {errors.kinds && (
                    <Text id="report-kinds-error" role="alert" className={styles.error}>
                      {errors.kinds}
                    </Text>
                  )}
                </fieldset>
              )}
              {needed.size > 0 && (
                <div className={styles.grid}>
                  {dateField('from', 'From')}
                  {dateField('to', 'To')}
                  {dateField('asOf', 'As of')}
                  {needed.has('period') && (
                    <Field label="Aging period" hint={catalog ? `30D, 4W, 1M or 1Q. ${defaultHint('period', kinds, catalog)}` : undefined} validationMessage={errors.period}>
                      <Input value={values.period} placeholder="30D" onChange={(_, d) => set('period', d.value)} maxLength={5} />
                    </Field>
                  )}
                </div>
              )}
              <div aria-live="polite">
                {status.kind === 'preparing' && (
                  <div>
                    <ProgressBar aria-label="Preparing the download" />
                    <Text size={200}>Checking with Business Central…</Text>
                  </div>
                )}
                {status.kind === 'started' && (
                  <MessageBar intent="success">
                    <MessageBarBody>Download started: your browser saves the file with its other downloads.</MessageBarBody>
                  </MessageBar>
                )}
                {status.kind === 'failed' && (
                  <MessageBar intent="error" layout="multiline">
                    <MessageBarBody>
                      <MessageBarTitle>{status.title}</MessageBarTitle> {status.message}
                      {status.signIn && <div>{SIGN_IN_AGAIN}</div>}
                    </MessageBarBody>
                  </MessageBar>
                )}
              </div>
            </DialogContent>
            <DialogActions>
              {busy && (
                <Button
                  onClick={() => {
                    abort.current?.abort();
                    setStatus({ kind: 'idle' });
                  }}
                >
                  Stop
                </Button>
              )}
              <Button onClick={onClose} disabled={busy}>
                Close
              </Button>
              <Button appearance="primary" type="submit" icon={busy ? <Spinner size="extra-tiny" /> : <ArrowDownloadRegular />} disabled={busy || !catalog}>
                {busy ? 'Preparing…' : 'Download'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
