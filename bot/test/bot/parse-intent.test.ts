import { parseIntent } from '../../src/bot/intents/parse-intent';
import { parseDays, parseTime, parseTimeZone } from '../../src/bot/intents/parse-settings';

describe('parseIntent: questions accountants type', () => {
  it.each([
    ['show overdue invoices for Contoso', 'overdue-invoices', 'Contoso'],
    ['Show me the overdue invoices of Contoso Ltd.', 'overdue-invoices', 'Contoso Ltd'],
    ['overdue invoices contoso', 'overdue-invoices', 'contoso'],
    ['ovrdue invocies for contso', 'overdue-invoices', 'contso'],
    ["Contoso's overdue invoices?", 'overdue-invoices', 'Contoso'],
    ['any late invoices at Fabrikam?', 'overdue-invoices', 'Fabrikam'],
    ['unpaid sales invoices Adventure Works', 'overdue-invoices', 'Adventure Works'],
    ['who owes Northwind money', 'overdue-invoices', 'Northwind'],
    ['what is owed to Tailspin Toys', 'overdue-invoices', 'Tailspin Toys'],
    ['receivables for Adventure Works Inc', 'overdue-invoices', 'Adventure Works Inc'],
    ['overdue invoices', 'overdue-invoices', null],
    ['overdue bills Fabrikam', 'overdue-bills', 'Fabrikam'],
    ['Overdue bils fabrikam gmbh', 'overdue-bills', 'fabrikam gmbh'],
    ['show unpaid purchase invoices for Contoso Retail', 'overdue-bills', 'Contoso Retail'],
    ['payables of Northwind Traders', 'overdue-bills', 'Northwind Traders'],
    ['late supplier invoices tailspin', 'overdue-bills', 'tailspin'],
    ['what does Contoso owe', 'owes', 'Contoso'],
    ['What does Adventure Works owe?', 'owes', 'Adventure Works'],
    ['how much does fabrikam owe', 'owes', 'fabrikam'],
    ['cash for Adventure Works', 'cash', 'Adventure Works'],
    ['Cash Adventure Works', 'cash', 'Adventure Works'],
    ['how much cash does Northwind have', 'cash', 'Northwind'],
    ["what's Tailspin's bank balance", 'cash', 'Tailspin'],
    ['csh for contoso', 'cash', 'contoso'],
    ['bank balances of Fabrikam', 'cash', 'Fabrikam'],
    ['cash for Cash Converters Ltd', 'cash', 'Cash Converters Ltd'],
    ['summary', 'summary', null],
    ['Summary please', 'summary', null],
    ['sumary', 'summary', null],
    ['overview of Contoso', 'summary', 'Contoso'],
    ['status Fabrikam', 'summary', 'Fabrikam'],
    ['refresh Contoso', 'refresh', 'Contoso'],
    ['refrsh contoso ltd', 'refresh', 'contoso ltd'],
    ['update the figures for Fabrikam', 'refresh', 'Fabrikam'],
    ['refresh all', 'refresh', null],
    ['refresh', 'refresh', null],
    ['overdue bills Client 012 Ltd', 'overdue-bills', 'Client 012 Ltd'],
  ])('%s', (text, kind, target) => {
    const intent = parseIntent(text);
    expect(intent.kind).toBe(kind);
    expect((intent as { target?: string | null }).target ?? null).toBe(target);
  });

  it.each([
    ['taxes due this month', null, 'this-month'],
    ['Taxes due this month?', null, 'this-month'],
    ['what tax is due next month', null, 'next-month'],
    ['VAT due this week', null, 'this-week'],
    ['taxes', null, 'upcoming'],
    ['txes due', null, 'upcoming'],
    ['tax for Fabrikam', 'Fabrikam', 'upcoming'],
    ['sales tax Adventure Works', 'Adventure Works', 'upcoming'],
  ])('taxes: %s', (text, target, window) => {
    expect(parseIntent(text)).toEqual({ kind: 'taxes', target, window });
  });

  it.each([['help'], ['Help!'], ['hlep'], ['?'], ['what can you do'], ['']])('help: %j', (text) => {
    expect(parseIntent(text).kind).toBe('help');
  });

  it('greets, lists clients, and leaves the rest unknown (it may be a bare client name)', () => {
    expect(parseIntent('hello').kind).toBe('greeting');
    expect(parseIntent('my clients').kind).toBe('clients');
    expect(parseIntent('Contoso')).toEqual({ kind: 'unknown', text: 'Contoso' });
    expect(parseIntent('<at>Accountant Hub</at> overdue invoices Contoso')).toEqual({ kind: 'overdue-invoices', target: 'Contoso' });
  });
});

describe('parseIntent: settings by chat', () => {
  it.each([
    ['settings', {}],
    ['my settings', {}],
    ['show my alerts', {}],
    ['send my summary at 7:30', { summaryTime: '07:30' }],
    ['Send my summary at 7.30am', { summaryTime: '07:30' }],
    ['summary at 6pm', { summaryTime: '18:00' }],
    ['send the morning summary at 0645', { summaryTime: '06:45' }],
    ['send my summary at 8 on weekdays', { summaryTime: '08:00', summaryDays: [1, 2, 3, 4, 5] }],
    ['send my summary every day', { summaryDays: [1, 2, 3, 4, 5, 6, 7] }],
    ['summary only on mon, wed and fri', { summaryDays: [1, 3, 5] }],
    ['set summary days monday to thursday', { summaryDays: [1, 2, 3, 4] }],
    ['turn off tax alerts', { alerts: { taxDue: false } }],
    ['Turn on tax alerts', { alerts: { taxDue: true } }],
    ['disable overdue bill alerts', { alerts: { overdueBills: false } }],
    ['switch off alerts for overdue invoices', { alerts: { overdueInvoices: false } }],
    ['stop the morning summary', { alerts: { summary: false } }],
    ['mute all alerts', { alerts: { overdueInvoices: false, overdueBills: false, taxDue: false, invitations: false } }],
    ['enable invitation notifications', { alerts: { invitations: true } }],
    ['set my time zone to Europe/Berlin', { timeZone: 'Europe/Berlin' }],
    ['timezone America/New_York', { timeZone: 'America/New_York' }],
  ])('%s', (text, change) => {
    expect(parseIntent(text)).toEqual({ kind: 'settings', change });
  });

  it('parses times, days and zones', () => {
    expect(parseTime('at 12am')).toBe('00:00');
    expect(parseTime('at 12pm')).toBe('12:00');
    expect(parseTime('at 25:00')).toBeNull();
    expect(parseTime('Client 2024')).toBeNull();
    expect(parseDays('weekends')).toEqual([6, 7]);
    expect(parseDays('friday to monday')).toEqual([1, 5, 6, 7]);
    expect(parseTimeZone('Mars/Olympus')).toBeNull();
    expect(parseTimeZone('UTC')).toBe('UTC');
  });
});
