/**
 * The bot's own date windows (it filters the KPIs it is given, it does not recompute them): "taxes due this week /
 * this month / next month" and the summary's "tax due within 14 days", on each side of every boundary; and KPIs
 * Business Central gave no data for, which are never shown or totalled as zero.
 */
import type { DashboardRow } from '@hub/contracts';
import type { CardJson } from '../../src/bot/cards/render';
import { summaryCard } from '../../src/bot/views/summary';
import { taxesCard, windowRange } from '../../src/bot/views/taxes';
import { bigCompany, deps, fakeServices, turn } from './fixtures';

const text = (card: CardJson) => JSON.stringify(card);
const at = (iso: string) => ({ ...turn, now: new Date(iso) });
const d = deps(fakeServices(0, 0));

function withTax(i: number, dueDate: string): DashboardRow {
  const { row } = bigCompany(i, `00000000-0000-4000-8000-00000000000${i}`, `Client ${i}`, `Company ${i}`);
  return { ...row, status: 'ok', error: null, kpis: { ...(row.kpis as NonNullable<DashboardRow['kpis']>), taxDue: { ...(row.kpis?.taxDue as NonNullable<NonNullable<DashboardRow['kpis']>['taxDue']>), dueDate } } };
}

describe('tax windows', () => {
  it('this week is Monday to Sunday (UTC calendar), wherever in the week today is', () => {
    expect(windowRange('this-week', new Date('2026-11-25T23:30:00Z'))).toMatchObject({ from: '2026-11-23', to: '2026-11-29' });
    expect(windowRange('this-week', new Date('2026-11-23T00:00:00Z'))).toMatchObject({ from: '2026-11-23', to: '2026-11-29' });
    expect(windowRange('this-week', new Date('2026-11-29T23:59:59Z'))).toMatchObject({ from: '2026-11-23', to: '2026-11-29' });
    expect(windowRange('this-week', new Date('2026-11-30T00:00:00Z'))).toMatchObject({ from: '2026-11-30', to: '2026-12-06' });
  });

  it('this month and next month are whole calendar months, across the year end', () => {
    expect(windowRange('this-month', new Date('2026-02-28T12:00:00Z'))).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(windowRange('next-month', new Date('2026-12-31T23:59:00Z'))).toMatchObject({ from: '2027-01-01', to: '2027-01-31' });
  });

  it('lists a payment due on the last day of the window, not one due the day after or the day before it', () => {
    const rows = [withTax(1, '2026-11-22'), withTax(2, '2026-11-23'), withTax(3, '2026-11-29'), withTax(4, '2026-11-30')];
    const card = text(taxesCard({ kind: 'taxes', scope: { type: 'all' }, window: 'this-week' }, rows, () => undefined, at('2026-11-25T09:00:00Z'), d));
    expect(card).toContain('Company 2');
    expect(card).toContain('Company 3');
    expect(card).not.toContain('Company 1');
    expect(card).not.toContain('Company 4');
    expect(card).toContain('2 payments due this week');
  });
});

describe('summary', () => {
  it('counts a tax due in 14 days as due within 14 days, not one due in 15', () => {
    const rows = [withTax(1, '2026-11-25'), withTax(2, '2026-12-09'), withTax(3, '2026-12-10')];
    const card = text(summaryCard({ kind: 'summary', scope: { type: 'all' } }, rows, at('2026-11-25T09:00:00Z'), d));
    expect(card).toMatch(/"title":"Tax due within 14 days","value":"2"/);
  });

  it('leaves figures Business Central did not give out of the totals and says they are unavailable', () => {
    const a = withTax(1, '2026-12-20');
    const b = withTax(2, '2026-12-20');
    a.kpis = { ...(a.kpis as NonNullable<DashboardRow['kpis']>), cash: { currency: 'GBP', minor: 0 }, taxDue: null, unavailable: { cash: 'No permission for accounts.', taxDue: 'No permission for purchase credit memos.' } };
    b.kpis = { ...(b.kpis as NonNullable<DashboardRow['kpis']>), cash: { currency: 'GBP', minor: 250 } };
    const card = text(summaryCard({ kind: 'summary', scope: { type: 'all' } }, [a, b], at('2026-11-25T09:00:00Z'), d));
    expect(card).toMatch(/"title":"Cash \(GBP\)","value":"£2\.50"/);
    expect(card).toContain('tax estimate unavailable');
    const taxes = text(taxesCard({ kind: 'taxes', scope: { type: 'all' }, window: 'upcoming' }, [a, b], () => undefined, at('2026-11-25T09:00:00Z'), d));
    expect(taxes).toContain('No estimate for Company 1 (Client 1): No permission for purchase credit memos.');
  });
});
