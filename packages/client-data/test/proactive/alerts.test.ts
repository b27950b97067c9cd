import { BASELINE, dueTaxAlert, overdueAlertKey, planOverdueAlerts, type CompanyAlertInput } from '../../src/proactive/alerts';

const company = (companyId: string, clientId: string, sales: string[], purchases: string[] = []): CompanyAlertInput => ({
  companyId, clientId, clientName: `Client ${clientId}`, companyName: `Company ${companyId}`,
  overdueSales: sales.map((id) => ({ id })), overduePurchases: purchases.map((id) => ({ id })), truncated: false,
});
const both = { sales: true, purchases: true };

describe('overdue alert detection (pure)', () => {
  it('sets a silent baseline for a company seen for the first time', () => {
    const plan = planOverdueAlerts([company('A', 'c1', ['i1', 'i2'])], new Map(), both);
    expect(plan.alerts).toEqual([]);
    expect(plan.remember).toEqual([{ companyId: 'A', docKeys: [BASELINE, 'sales:i1', 'sales:i2'] }]);
  });

  it('alerts only documents not alerted before, grouped per client', () => {
    const alerted = new Map([['A', new Set([BASELINE, 'sales:i1'])], ['B', new Set([BASELINE])], ['C', new Set([BASELINE])]]);
    const plan = planOverdueAlerts([company('A', 'c1', ['i1', 'i2'], ['p1']), company('B', 'c1', ['i3']), company('C', 'c2', [])], alerted, both);
    expect(plan.alerts).toEqual([{
      clientId: 'c1', clientName: 'Client c1',
      companies: [{ companyId: 'A', companyName: 'Company A', sales: ['i2'], purchases: ['p1'] }, { companyId: 'B', companyName: 'Company B', sales: ['i3'], purchases: [] }],
    }]);
    expect(plan.remember).toEqual([{ companyId: 'A', docKeys: ['sales:i2', 'purchases:p1'] }, { companyId: 'B', docKeys: ['sales:i3'] }]);
    // The next day only the newly overdue one.
    const next = new Map([['A', new Set([BASELINE, 'sales:i1', 'sales:i2', 'purchases:p1'])]]);
    const again = planOverdueAlerts([company('A', 'c1', ['i1', 'i2', 'i4'], ['p1'])], next, both);
    expect(again.alerts[0]?.companies).toEqual([{ companyId: 'A', companyName: 'Company A', sales: ['i4'], purchases: [] }]);
  });

  it('a kind switched off is remembered but not alerted; paid documents are forgotten', () => {
    const alerted = new Map([['A', new Set([BASELINE, 'sales:old'])]]);
    const plan = planOverdueAlerts([company('A', 'c1', ['i1'], ['p1'])], alerted, { sales: false, purchases: true });
    expect(plan.alerts[0]?.companies[0]).toMatchObject({ sales: [], purchases: ['p1'] });
    expect(plan.remember[0]?.docKeys).toEqual(['sales:i1', 'purchases:p1']);
    expect(plan.forget).toEqual([{ companyId: 'A', docKeys: ['sales:old'] }]);
    const off = planOverdueAlerts([company('A', 'c1', ['i1'])], alerted, { sales: false, purchases: false });
    expect(off.alerts).toEqual([]);
    // A truncated list does not mean the rest were paid.
    expect(planOverdueAlerts([{ ...company('A', 'c1', ['i1']), truncated: true }], alerted, both).forget).toEqual([]);
  });

  it('keys the same new documents the same way on every instance', () => {
    const a = { clientId: 'c1', clientName: 'x', companies: [{ companyId: 'A', companyName: 'a', sales: ['2', '1'], purchases: [] }] };
    const b = { clientId: 'c1', clientName: 'x', companies: [{ companyId: 'A', companyName: 'a', sales: ['1', '2'], purchases: [] }] };
    expect(overdueAlertKey('u', a)).toBe(overdueAlertKey('u', b));
    expect(overdueAlertKey('u', a)).not.toBe(overdueAlertKey('v', a));
  });
});

describe('tax alerts (pure)', () => {
  const leads = [7, 1];
  it('alerts at 7 days and at 1 day, once per lead', () => {
    const tax = { dueDate: '2026-03-20' };
    expect(dueTaxAlert(tax, '2026-03-12', leads)).toBeNull();
    expect(dueTaxAlert(tax, '2026-03-13', leads)).toEqual({ lead: 7, daysLeft: 7 });
    expect(dueTaxAlert(tax, '2026-03-16', leads)).toEqual({ lead: 7, daysLeft: 4 });
    expect(dueTaxAlert(tax, '2026-03-19', leads)).toEqual({ lead: 1, daysLeft: 1 });
    expect(dueTaxAlert(tax, '2026-03-20', leads)).toEqual({ lead: 1, daysLeft: 0 });
    expect(dueTaxAlert(tax, '2026-03-21', leads)).toBeNull();
    expect(dueTaxAlert(null, '2026-03-21', leads)).toBeNull();
    expect(dueTaxAlert(tax, '2026-03-10', [14])).toEqual({ lead: 14, daysLeft: 10 });
  });
});
