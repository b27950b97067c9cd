import { useEffect, useState, type FormEvent } from 'react';
import { Button, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Radio, RadioGroup, Spinner, Subtitle2, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { PlugConnectedRegular } from '@fluentui/react-icons';
import type { AppOnlyCheck, BcAuthModeValue, Client, ClientSaved, ClientUrlTest, TaxSettings } from '@hub/contracts';
import { useApp } from '../../app-context';
import { ApiRequestError, describeError } from '../../api/api-error';
import { emptyForm, fieldErrorsFromDetails, formFromClient, formToInput, validateForm, type ClientFormValues, type FieldErrors } from './client-form';
import { UrlTestResult } from './UrlTestResult';
import { KeepOneChoice } from './SameCompany';
import { RemovedCompanies } from './RemovedCompanies';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', gap: tokens.spacingVerticalM + ' ' + tokens.spacingHorizontalL },
  urlRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  grow: { flex: '1 1 auto' },
  fieldset: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, margin: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, justifyContent: 'flex-end' },
  note: { color: tokens.colorNeutralForeground2 },
});

/**
 * Whether the hub's app may read the typed Client URL's tenant (asked of the server once typing pauses): app-only
 * reading is only for tenants the firm's administrator allowed. Null until a URL is there and answered.
 */
function useAppOnlyCheck(url: string): AppOnlyCheck | null {
  const { api } = useApp();
  const [check, setCheck] = useState<AppOnlyCheck | null>(null);
  useEffect(() => {
    const trimmed = url.trim();
    setCheck(null);
    if (!trimmed) return undefined;
    let current = true;
    const timer = setTimeout(() => {
      api.appOnlyCheck(trimmed).then((c) => { if (current) setCheck(c); }, () => { if (current) setCheck(null); });
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, url]);
  return check;
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const regimes: Array<[TaxSettings['regime'], string]> = [
  ['vat', 'VAT'],
  ['sales_tax', 'Sales tax'],
  ['none', 'None (no tax returns)'],
];
const frequencies: Array<[TaxSettings['frequency'], string]> = [
  ['monthly', 'Monthly'],
  ['quarterly', 'Quarterly'],
  ['annually', 'Annually'],
];

interface Props {
  client: Client | null;
  /** `note`: what happened, when the accountant chose what to keep of a company already on the dashboard. */
  onSaved: (client: Client, note?: string) => void;
  onCancel: () => void;
  /** Something changed without saving the form (a removed company shown again). */
  onChanged?: () => void;
}

/** New / Edit client: checks in the browser first, then shows the server's field messages next to the fields. */
export function ClientForm({ client, onSaved, onCancel, onChanged }: Props) {
  const styles = useStyles();
  const { api } = useApp();
  const [values, setValues] = useState<ClientFormValues>(() => (client ? formFromClient(client) : emptyForm()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<ClientUrlTest | null>(null);
  // Saved, with companies already on the dashboard under another client: the accountant chooses what to keep.
  const [saved, setSaved] = useState<ClientSaved | null>(null);
  const appOnly = useAppOnlyCheck(values.clientUrl);
  // Why the hub app cannot be chosen here (it stays selectable while selected, so the accountant can see and change it).
  const appUnavailable = appOnly?.allowed ? null : (appOnly?.message ?? (values.clientUrl.trim()
    ? 'Checking whether your firm may use it for this client…'
    : 'Enter the Client URL to see whether your firm may use it for this client.'));

  const set = <K extends keyof ClientFormValues>(key: K, value: ClientFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    const path = ['regime', 'frequency', 'periodStartMonth', 'dueMonthsAfterPeriodEnd', 'dueDay'].includes(key) ? `tax.${key}` : key;
    setErrors((e) => (e[path] ? { ...e, [path]: undefined } : e));
    if (key === 'clientUrl' || key === 'bcAuthMode') setTest(null);
  };
  const err = (path: string) => errors[path];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setGeneral(null);
    const local = validateForm(values);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setGeneral('Please correct the fields marked below.');
      return;
    }
    setSaving(true);
    try {
      const input = formToInput(values);
      const result = client ? await api.updateClient(client.id, input) : await api.createClient(input);
      if (result.warnings?.length) {
        // Saved already: the dashboard must reload even if the window is closed before a choice is made.
        onChanged?.();
        setSaved(result);
      } else onSaved(result);
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.details.length > 0) {
        const { fields, other } = fieldErrorsFromDetails(caught.details);
        setErrors(fields);
        setGeneral([caught.message, ...other].join(' '));
      } else {
        setGeneral(describeError(caught));
      }
    } finally {
      setSaving(false);
    }
  };

  const runTest = async () => {
    const url = values.clientUrl.trim();
    if (!url) {
      setErrors((e) => ({ ...e, clientUrl: 'Enter the Client URL first.' }));
      return;
    }
    setTesting(true);
    setTest(null);
    try {
      setTest(await api.testClientUrl(url, values.bcAuthMode, client?.id));
    } catch (caught) {
      setTest({ ok: false, companies: [], problem: { kind: 'upstream', message: describeError(caught) } });
    } finally {
      setTesting(false);
    }
  };

  const warning = saved?.warnings?.[0];
  if (saved && warning) {
    return (
      <KeepOneChoice
        warning={warning}
        client={{ id: saved.id, name: saved.name, companyCount: saved.companies.length }}
        canCancel={!client}
        onDone={(note) => onSaved(saved, note)}
      />
    );
  }

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-label={client ? `Edit ${client.name}` : 'New client'}>
      {general && (
        <MessageBar intent="error">
          <MessageBarBody>{general}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.grid}>
        <Field label="Client name" required validationMessage={err('name')}>
          <Input value={values.name} onChange={(_, d) => set('name', d.value)} maxLength={120} />
        </Field>
        <Field label="Contact name" validationMessage={err('contactName')}>
          <Input value={values.contactName} onChange={(_, d) => set('contactName', d.value)} maxLength={120} />
        </Field>
        <Field label="Email" validationMessage={err('email')}>
          <Input type="email" value={values.email} onChange={(_, d) => set('email', d.value)} />
        </Field>
        <Field label="Phone" validationMessage={err('phone')}>
          <Input type="tel" value={values.phone} onChange={(_, d) => set('phone', d.value)} maxLength={40} />
        </Field>
      </div>
      <div className={styles.urlRow}>
        <Field
          className={styles.grow}
          label="Client URL"
          required
          hint="The client's Business Central, e.g. https://businesscentral.dynamics.com/{tenant}/{environment}"
          validationMessage={err('clientUrl')}
        >
          <Input value={values.clientUrl} onChange={(_, d) => set('clientUrl', d.value)} placeholder="https://businesscentral.dynamics.com/…" />
        </Field>
      </div>
      <Field
        label="Sign in to Business Central as"
        hint={
          values.bcAuthMode === 'app'
            ? 'The client registers the hub app on the Microsoft Entra Applications page of their Business Central and gives it permissions there.'
            : 'You sign in with your own account; the client invites you as an external accountant in their Business Central.'
        }
        validationMessage={err('bcAuthMode') ?? (values.bcAuthMode === 'app' && appOnly && !appOnly.allowed ? appOnly.message : undefined)}
      >
        <RadioGroup value={values.bcAuthMode} onChange={(_, d) => set('bcAuthMode', d.value as BcAuthModeValue)} aria-describedby={appUnavailable ? 'app-only-unavailable' : undefined}>
          <Radio value="delegated" label="Me (invited external accountant)" />
          <Radio value="app" label="The hub app (registered in the client's Microsoft Entra Applications page)" disabled={appUnavailable !== null && values.bcAuthMode !== 'app'} />
        </RadioGroup>
      </Field>
      {appUnavailable && values.bcAuthMode !== 'app' && (
        <Text id="app-only-unavailable" data-testid="app-only-unavailable" className={styles.note}>
          The hub app is not available for this client. {appUnavailable}
        </Text>
      )}
      <div>
        <Button icon={testing ? <Spinner size="extra-tiny" /> : <PlugConnectedRegular />} disabled={testing} onClick={() => void runTest()}>
          {testing ? 'Testing…' : 'Test Client URL'}
        </Button>
      </div>
      <div aria-live="polite">{test && <UrlTestResult result={test} />}</div>
      {client && <RemovedCompanies client={client} onChanged={onChanged} />}
      <fieldset className={styles.fieldset}>
        <legend>
          <Subtitle2>Tax settings</Subtitle2>
        </legend>
        <div className={styles.grid}>
          <Field label="Tax regime" validationMessage={err('tax.regime')}>
            <Dropdown
              value={regimes.find(([id]) => id === values.regime)?.[1] ?? ''}
              selectedOptions={[values.regime]}
              onOptionSelect={(_, d) => d.optionValue && set('regime', d.optionValue as TaxSettings['regime'])}
            >
              {regimes.map(([id, label]) => (
                <Option key={id} value={id}>
                  {label}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label="Filing frequency" validationMessage={err('tax.frequency')}>
            <Dropdown
              value={frequencies.find(([id]) => id === values.frequency)?.[1] ?? ''}
              selectedOptions={[values.frequency]}
              disabled={values.regime === 'none'}
              onOptionSelect={(_, d) => d.optionValue && set('frequency', d.optionValue as TaxSettings['frequency'])}
            >
              {frequencies.map(([id, label]) => (
                <Option key={id} value={id}>
                  {label}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label="Periods start in" validationMessage={err('tax.periodStartMonth')}>
            <Dropdown
              value={months[Number(values.periodStartMonth) - 1] ?? values.periodStartMonth}
              selectedOptions={[values.periodStartMonth]}
              disabled={values.regime === 'none'}
              onOptionSelect={(_, d) => d.optionValue && set('periodStartMonth', d.optionValue)}
            >
              {months.map((m, i) => (
                <Option key={m} value={String(i + 1)}>
                  {m}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label="Months after period end" hint="0: due in the month after the period" validationMessage={err('tax.dueMonthsAfterPeriodEnd')}>
            <Input type="number" min={0} max={11} value={values.dueMonthsAfterPeriodEnd} disabled={values.regime === 'none'} onChange={(_, d) => set('dueMonthsAfterPeriodEnd', d.value)} />
          </Field>
          <Field label="Due on day" validationMessage={err('tax.dueDay')}>
            <Input type="number" min={1} max={31} value={values.dueDay} disabled={values.regime === 'none'} onChange={(_, d) => set('dueDay', d.value)} />
          </Field>
        </div>
      </fieldset>
      <Field label="Notes" validationMessage={err('notes')}>
        <Textarea value={values.notes} onChange={(_, d) => set('notes', d.value)} maxLength={2000} resize="vertical" />
      </Field>
      <div className={styles.actions}>
        <Button onClick={onCancel}>Cancel</Button>
        <Button appearance="primary" type="submit" disabled={saving}>
          {saving ? 'Saving…' : client ? 'Save changes' : 'Add client'}
        </Button>
      </div>
    </form>
  );
}
