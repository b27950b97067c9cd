import type { BotSettings, BotSettingsChange } from '@hub/client-data';
import type { CompanyDetails, DashboardRow, DocumentLine, Money, RefreshJob } from '@hub/contracts';
import type { BotDeps, HubServices, Messenger, Turn } from '../../src/bot/context';
import type { CardJson } from '../../src/bot/cards/render';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const bc = (tenant: string, company: string, extra = '') =>
  `https://businesscentral.dynamics.com/${tenant}/production/?company=${encodeURIComponent(company)}${extra}`;

export interface FakeCompany { row: DashboardRow; details: CompanyDetails }

/** A company as big as a real one gets: 200 overdue lines each side (the snapshot cap), long names, foreign currency. */
export function bigCompany(i: number, clientId: string, clientName: string, companyName: string, currency = 'GBP'): FakeCompany {
  const m = (minor: number, cur = currency): Money => ({ currency: cur, minor });
  const line = (k: number, kind: 'SI' | 'PI'): DocumentLine => ({
    id: `${kind}-${i}-${k}`, number: `${kind}-${String(100000 + k)}`, party: `Very Long Customer And Partner Name Number ${k} Holdings & Sons (Europe) Ltd`,
    dueDate: '2026-01-15', daysOverdue: 400 - k, amount: m(123_456_78 + k, k % 7 === 0 ? 'USD' : currency),
    bcUrl: bc(`tenant-${i}`, companyName, `&page=43&filter='No.' IS '${kind}-${100000 + k}'`),
  });
  const row: DashboardRow = {
    companyId: uuid(i), clientId, clientName, companyName, currency,
    kpis: {
      cash: m(98_765_432_10), overdueSales: { count: 950, amounts: [m(123_456_789_00), m(5_000_00, 'USD')], oldestDays: 400 },
      overduePurchases: { count: 420, amounts: [m(45_678_90)], oldestDays: 200 },
      openSalesDocuments: { count: 3, quotes: 1, orders: 1, draftInvoices: 1 },
      purchasesDueNextWeek: { count: 4, amounts: [m(1_234_00)] },
      taxDue: { amount: m(12_345_67), dueDate: '2026-12-07', periodStart: '2026-07-01', periodEnd: '2026-09-30', estimate: true, foreignDocumentsExcluded: i % 3 },
    },
    refreshedAt: '2026-11-20T08:00:00.000Z', status: i % 11 === 5 ? 'error' : 'ok',
    error: i % 11 === 5 ? { kind: 'throttled', message: 'Business Central asked us to slow down; try again in a few minutes.', at: '2026-11-20T08:05:00.000Z' } : null,
    bcUrl: bc(`tenant-${i}`, companyName),
  };
  const details: CompanyDetails = {
    row,
    cashAccounts: Array.from({ length: 30 }, (_, k) => ({ number: `29${String(k).padStart(2, '0')}`, name: `Bank account with a long descriptive name ${k}`, balance: m(1_000_000_00 + k), bcUrl: bc(`tenant-${i}`, companyName, `&page=16&account=29${k}`) })),
    forecast: { currency, opening: m(1), excludedForeignDocuments: 0, weeks: Array.from({ length: 13 }, (_, k) => ({ weekStart: `2026-11-${String(2 + k).padStart(2, '0')}`, receipts: m(k), payments: m(k), net: m(0), closing: m(1000 - k * 100) })) },
    overdueSales: Array.from({ length: 200 }, (_, k) => line(k, 'SI')),
    overduePurchases: Array.from({ length: 200 }, (_, k) => line(k, 'PI')),
  };
  return { row, details };
}

/** An in-memory stand-in for the client-data service with `clients` clients of `perClient` companies. */
export function fakeServices(clients: number, perClient: number): HubServices & { companies: FakeCompany[] } {
  const companies: FakeCompany[] = [];
  const list = Array.from({ length: clients }, (_, c) => {
    const id = uuid(100000 + c);
    const name = `Client ${String(c + 1).padStart(3, '0')} Holdings Ltd`;
    const cos = Array.from({ length: perClient }, (_, k) => bigCompany(c * 100 + k, id, name, k === 0 ? name : `${name} Subsidiary ${k}`, (c + k) % 2 ? 'EUR' : 'GBP'));
    companies.push(...cos);
    return {
      id, name, companies: cos.map((x) => ({ id: x.row.companyId, bcCompanyId: x.row.companyId, name: x.row.companyName })), tax: { regime: 'vat', frequency: 'quarterly', periodStartMonth: 1, dueMonthsAfterPeriodEnd: 1, dueDay: 7 },
      bcOrigin: 'https://businesscentral.dynamics.com', bcTenant: `tenant-${c}.example`, bcEnvironment: 'production', createdAt: '2026-01-01T00:00:00.000Z',
    };
  });
  let settings: BotSettings = { summaryTime: '08:00', summaryDays: [1, 2, 3, 4, 5], timeZone: 'Europe/London', timeZoneChosen: false, alerts: { summary: true, overdueInvoices: true, overdueBills: true, taxDue: true, invitations: true } };
  const job: RefreshJob = { id: uuid(9), state: 'done', abandoned: false, total: 1, done: 1, failed: 0, startedAt: '2026-11-20T08:00:00.000Z', finishedAt: '2026-11-20T08:00:01.000Z' };
  const fake = {
    companies,
    clients: { list: async () => list },
    dashboard: {
      rows: async () => companies.map((c) => c.row),
      details: async (_u: string, id: string) => (companies.find((c) => c.row.companyId === id) as FakeCompany).details,
    },
    refresh: { start: async () => job, job: async () => job },
    botState: {
      settings: async () => settings,
      updateSettings: async (_u: string, ch: BotSettingsChange) => {
        if (ch.summaryTime && !/^\d\d:\d\d$/.test(ch.summaryTime)) throw new RangeError('bad');
        settings = { ...settings, ...ch, alerts: { ...settings.alerts, ...ch.alerts }, ...(ch.timeZone ? { timeZoneChosen: true } : {}) } as BotSettings;
        return settings;
      },
    },
  };
  return fake as unknown as HubServices & { companies: FakeCompany[] };
}

export const turn: Turn = { userId: 'u1', locale: 'en-GB', timeZone: 'Europe/London', now: new Date('2026-11-20T09:00:00Z') };

export function deps(svc: HubServices): BotDeps {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  return { svc, dashboardUrl: () => 'https://teams.microsoft.com/l/entity/app-id/dashboard', log, refreshWaitMs: 50, backgroundWaitMs: 50 };
}

/** A messenger that keeps what the bot sent and runs background work at once. */
export function recordingMessenger(): Messenger & { sent: CardJson[]; updates: CardJson[]; tasks: Promise<void>[] } {
  const m = {
    sent: [] as CardJson[], updates: [] as CardJson[], tasks: [] as Promise<void>[],
    send: async (card: CardJson) => { m.sent.push(card); return `msg-${m.sent.length}`; },
    update: async (_id: string, card: CardJson) => { m.updates.push(card); },
    background: (task: (x: Messenger) => Promise<void>) => { m.tasks.push(task(m)); },
  };
  return m;
}
