import { useEffect, useState, type FormEvent } from 'react';
import {
  Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle1, Text, Textarea, makeStyles, tokens,
} from '@fluentui/react-components';
import type { Invitation, PublicUrlCheck } from '@hub/contracts';
import { ApiRequestError, describeError } from '../../api/api-error';
import { wizardApi } from './invitations-api';

const useStyles = makeStyles({
  page: { minHeight: '100%', display: 'flex', justifyContent: 'center', padding: tokens.spacingHorizontalXL, boxSizing: 'border-box' },
  card: {
    width: '560px', maxWidth: '100%', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalXXL,
    borderRadius: tokens.borderRadiusLarge, backgroundColor: tokens.colorNeutralBackground1, boxShadow: tokens.shadow16, alignSelf: 'flex-start',
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

type Step = 'business-central' | 'accountant' | 'done';

const fieldError = (err: unknown, path: string) =>
  err instanceof ApiRequestError ? err.details.find((d) => d.path === path || d.path.startsWith(`${path}.`))?.message : undefined;

/**
 * The client's side, served by the hub at /connect (no Teams, no sign-in): company and Business Central address, then
 * the accountant's work email (or, opened from an accountant's email, who asked), your name, optional companies and message.
 */
export function ConnectWizardPage() {
  const styles = useStyles();
  const [token] = useState(() => new URL(window.location.href).searchParams.get('invitation'));
  const [from, setFrom] = useState<Invitation | null>(null);
  const [opening, setOpening] = useState(token !== null);
  const [fatal, setFatal] = useState<{ title: string; message: string } | null>(null);
  const [step, setStep] = useState<Step>('business-central');
  const [companyName, setCompanyName] = useState('');
  const [clientUrl, setClientUrl] = useState('');
  const [check, setCheck] = useState<PublicUrlCheck | null>(null);
  const [accountantEmail, setAccountantEmail] = useState('');
  const [inviterName, setInviterName] = useState('');
  const [inviterEmail, setInviterEmail] = useState('');
  const [companies, setCompanies] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Connect your Business Central – Accountant Hub';
    if (!token) return;
    wizardApi.lookup(token).then(
      (inv) => {
        setFrom(inv);
        setCompanyName(inv.companyName ?? '');
        setInviterEmail(inv.clientEmail ?? '');
        setOpening(false);
      },
      (err: unknown) => {
        setFatal({ title: 'This link cannot be used', message: describeError(err) });
        setOpening(false);
      },
    );
  }, [token]);

  const checkUrl = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!companyName.trim()) return setError(new ApiRequestError(400, 'invalid_request', 'Company name is required', [{ path: 'companyName', message: 'Company name is required' }]));
    setBusy(true);
    try {
      const r = await wizardApi.checkUrl(clientUrl);
      setCheck(r);
      if (r.ok) {
        if (r.normalizedUrl) setClientUrl(r.normalizedUrl);
        setStep('accountant');
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    const shared = companies.split('\n').map((c) => c.trim()).filter(Boolean);
    const fields = { companyName, clientUrl, inviterName, inviterEmail, companies: shared, message };
    try {
      if (token && from) {
        const r = await wizardApi.complete({ ...fields, token });
        const missing = r.companiesNotFound.length ? ` Not found in Business Central, so not shared: ${r.companiesNotFound.join(', ')}.` : '';
        setDone(`${companyName} is connected: ${from.inviterName} now sees it on their dashboard.${missing} Grant them access in Business Central if you have not yet (Users → Invite external accountant).`);
      } else {
        const r = await wizardApi.create({ ...fields, accountantEmail });
        setDone(`We emailed your accountant (${r.sentTo}) a link to accept. It works once and expires on ${new Date(r.expiresAt).toLocaleDateString()}.`);
      }
      setStep('done');
    } catch (err) {
      setError(err);
      if (err instanceof ApiRequestError && fieldError(err, 'clientUrl')) setStep('business-central');
    } finally {
      setBusy(false);
    }
  };

  const general = error && !(error instanceof ApiRequestError && error.details.length > 0) ? describeError(error) : null;

  return (
    <main className={styles.page}>
      <section className={styles.card} aria-labelledby="wizard-title">
        <Subtitle1 as="h1" id="wizard-title">Connect your Business Central to your accountant</Subtitle1>
        {opening && <Spinner label="Opening your invitation…" />}
        {fatal && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{fatal.title}</MessageBarTitle>
              {fatal.message}
            </MessageBarBody>
          </MessageBar>
        )}
        {!opening && !fatal && step !== 'done' && (
          <Text>
            {from
              ? `${from.inviterName} asked you to connect your company in Accountant Hub.`
              : 'Your accountant keeps your books in view with Accountant Hub. Tell us where your Business Central is and who your accountant is; we email them a link.'}{' '}
            Step {step === 'business-central' ? 1 : 2} of 2.
          </Text>
        )}
        {from?.message && step !== 'done' && <Text>Message from {from.inviterName}: “{from.message}”</Text>}
        {!opening && !fatal && step === 'business-central' && (
          <form className={styles.form} onSubmit={(e) => void checkUrl(e)} noValidate>
            <Field label="Company name" required validationMessage={fieldError(error, 'companyName')}>
              <Input value={companyName} onChange={(_, d) => setCompanyName(d.value)} maxLength={120} />
            </Field>
            <Field
              label="Business Central URL"
              required
              hint="Copy it from your browser's address bar in Business Central, e.g. https://businesscentral.dynamics.com/contoso.com/Production"
              validationMessage={fieldError(error, 'clientUrl') ?? (check && !check.ok ? check.message : undefined)}
            >
              <Input value={clientUrl} onChange={(_, d) => setClientUrl(d.value)} maxLength={2000} />
            </Field>
            {general && <MessageBar intent="error"><MessageBarBody>{general}</MessageBarBody></MessageBar>}
            <div className={styles.actions}>
              <Button appearance="primary" type="submit" disabled={busy}>{busy ? 'Checking…' : 'Next'}</Button>
            </div>
          </form>
        )}
        {step === 'accountant' && (
          <form className={styles.form} onSubmit={(e) => void send(e)} noValidate>
            {check?.ok && (
              <MessageBar intent="success" layout="multiline" data-testid="wizard-url-check">
                <MessageBarBody>
                  <MessageBarTitle>Business Central address recognised</MessageBarTitle>
                  Tenant {check.tenant}, environment {check.environment}.
                </MessageBarBody>
              </MessageBar>
            )}
            {!from && (
              <Field label="Your accountant's work email" required validationMessage={fieldError(error, 'accountantEmail')}>
                <Input type="email" value={accountantEmail} onChange={(_, d) => setAccountantEmail(d.value)} maxLength={254} />
              </Field>
            )}
            <Field label="Your name" required validationMessage={fieldError(error, 'inviterName')}>
              <Input value={inviterName} onChange={(_, d) => setInviterName(d.value)} maxLength={120} />
            </Field>
            <Field label="Your email" hint="Optional: your accountant can reply to it." validationMessage={fieldError(error, 'inviterEmail')}>
              <Input type="email" value={inviterEmail} onChange={(_, d) => setInviterEmail(d.value)} maxLength={254} />
            </Field>
            <Field
              label="Companies to share"
              hint="Optional, one per line, as Business Central names them: only these reach your accountant's dashboard. Leave empty to share every company. Access itself is granted in Business Central."
              validationMessage={fieldError(error, 'companies')}
            >
              <Textarea value={companies} onChange={(_, d) => setCompanies(d.value)} resize="vertical" />
            </Field>
            <Field label="Message" hint="Optional" validationMessage={fieldError(error, 'message')}>
              <Textarea value={message} onChange={(_, d) => setMessage(d.value)} maxLength={2000} resize="vertical" />
            </Field>
            {general && <MessageBar intent="error" layout="multiline"><MessageBarBody>{general}</MessageBarBody></MessageBar>}
            <div className={styles.actions}>
              <Button onClick={() => setStep('business-central')} disabled={busy}>Back</Button>
              <Button appearance="primary" type="submit" disabled={busy}>
                {busy ? 'Sending…' : from ? 'Connect' : 'Send invitation'}
              </Button>
            </div>
          </form>
        )}
        {step === 'done' && done && (
          <MessageBar intent="success" layout="multiline" data-testid="wizard-done">
            <MessageBarBody>
              <MessageBarTitle>{from ? 'Connected' : 'Invitation sent'}</MessageBarTitle>
              {done}
            </MessageBarBody>
          </MessageBar>
        )}
      </section>
    </main>
  );
}
