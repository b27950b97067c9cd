import { clientInputSchema, defaultTaxSettings, type BcAuthModeValue, type Client, type ClientInput, type TaxSettings } from '@hub/contracts';

/** The form as typed: text everywhere, numbers parsed on submit. */
export interface ClientFormValues {
  name: string;
  contactName: string;
  email: string;
  phone: string;
  notes: string;
  clientUrl: string;
  /** How the hub signs in to the client's Business Central. */
  bcAuthMode: BcAuthModeValue;
  regime: TaxSettings['regime'];
  frequency: TaxSettings['frequency'];
  periodStartMonth: string;
  dueMonthsAfterPeriodEnd: string;
  dueDay: string;
}

/** Field name → message; keys are the API's `details[].path` ("name", "tax.dueDay"). */
export type FieldErrors = Partial<Record<string, string>>;

export function emptyForm(): ClientFormValues {
  return fromTax({ name: '', contactName: '', email: '', phone: '', notes: '', clientUrl: '', bcAuthMode: 'delegated' }, defaultTaxSettings);
}

function fromTax(base: Pick<ClientFormValues, 'name' | 'contactName' | 'email' | 'phone' | 'notes' | 'clientUrl' | 'bcAuthMode'>, tax: TaxSettings): ClientFormValues {
  return {
    ...base,
    regime: tax.regime,
    frequency: tax.frequency,
    periodStartMonth: String(tax.periodStartMonth),
    dueMonthsAfterPeriodEnd: String(tax.dueMonthsAfterPeriodEnd),
    dueDay: String(tax.dueDay),
  };
}

export function formFromClient(c: Client): ClientFormValues {
  return fromTax(
    { name: c.name, contactName: c.contactName ?? '', email: c.email ?? '', phone: c.phone ?? '', notes: c.notes ?? '', clientUrl: c.clientUrl, bcAuthMode: c.bcAuthMode },
    c.tax,
  );
}

const toInt = (s: string): number => (/^\s*-?\d+\s*$/.test(s) ? Number.parseInt(s, 10) : Number.NaN);

export function formToInput(v: ClientFormValues): ClientInput {
  return {
    name: v.name,
    contactName: v.contactName,
    email: v.email.trim(),
    phone: v.phone,
    notes: v.notes,
    clientUrl: v.clientUrl,
    bcAuthMode: v.bcAuthMode,
    tax: {
      regime: v.regime,
      frequency: v.frequency,
      periodStartMonth: toInt(v.periodStartMonth),
      dueMonthsAfterPeriodEnd: toInt(v.dueMonthsAfterPeriodEnd),
      dueDay: toInt(v.dueDay),
    },
  };
}

const friendly: Record<string, string> = {
  'tax.periodStartMonth': 'Enter a month from 1 to 12.',
  'tax.dueMonthsAfterPeriodEnd': 'Enter a whole number from 0 to 11.',
  'tax.dueDay': 'Enter a day from 1 to 31.',
};

/** The same checks the server makes (the contracts' schema), with messages for people; the server has the last word. */
export function validateForm(v: ClientFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const result = clientInputSchema.safeParse(formToInput(v));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.join('.');
      if (!errors[path]) errors[path] = friendly[path] ?? issue.message;
    }
  }
  const url = v.clientUrl.trim();
  if (url && !errors.clientUrl && !/^https?:\/\//i.test(url)) {
    errors.clientUrl = 'Start the Client URL with https://, e.g. https://businesscentral.dynamics.com/{tenant}/{environment}';
  }
  return errors;
}

/** The server's `details` as field errors; problems on unknown paths go to the general message. */
export function fieldErrorsFromDetails(details: ReadonlyArray<{ path: string; message: string }>): { fields: FieldErrors; other: string[] } {
  const known = new Set(['name', 'contactName', 'email', 'phone', 'notes', 'clientUrl', 'bcAuthMode', 'tax.regime', 'tax.frequency', 'tax.periodStartMonth', 'tax.dueMonthsAfterPeriodEnd', 'tax.dueDay']);
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const d of details) {
    const path = d.path.replace(/^body\./, '');
    if (known.has(path)) fields[path] = fields[path] ?? d.message;
    else other.push(path ? `${path}: ${d.message}` : d.message);
  }
  return { fields, other };
}
