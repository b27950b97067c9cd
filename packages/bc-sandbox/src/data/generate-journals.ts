/** Non-document postings of a generated company: opening balances, payroll, depreciation, loan, petty cash. */
import { addDays, addMonths, startOfMonth } from '../util/dates';
import { ACC } from './chart';
import type { Journal } from './model';

export function openingJournal(date: string, monthlySalesCents: number): Journal {
  const m = Math.max(monthlySalesCents, 100_000);
  const debits: [string, number][] = [
    [ACC.checking, Math.round(m * 1.5)], [ACC.savings, Math.round(m * 2)], [ACC.pettyCash, 50_000],
    [ACC.fixedAssets, Math.round(m * 4)], [ACC.equipment, Math.round(m * 1.2)], [ACC.inventory, Math.round(m * 0.8)],
    [ACC.prepaid, Math.round(m * 0.1)],
  ];
  const totalDebit = debits.reduce((s, [, c]) => s + c, 0);
  const capital = Math.round(m * 2);
  const loan = Math.round(m * 3);
  const lines = debits.map(([account, cents]) => ({ account, cents }));
  lines.push({ account: ACC.capital, cents: -capital }, { account: ACC.loan, cents: -loan },
    { account: ACC.retained, cents: -(totalDebit - capital - loan) });
  return { date, documentNumber: 'OPENING', documentType: ' ', description: 'Opening balances', lines };
}

function entry(date: string, doc: string, description: string, debit: string, credit: string, cents: number, type: Journal['documentType'] = ' '): Journal {
  return { date, documentNumber: doc, documentType: type, description, lines: [{ account: debit, cents }, { account: credit, cents: -cents }] };
}

/** Monthly recurring postings from `from` until `today` (inclusive), sized from monthly sales. */
export function recurringJournals(from: string, today: string, monthlySalesCents: number): Journal[] {
  const journals: Journal[] = [];
  const m = Math.max(monthlySalesCents, 100_000);
  const loan = Math.round(m * 3);
  for (let month = startOfMonth(from), n = 1; month <= today; month = addMonths(month, 1), n++) {
    const tag = month.slice(0, 7).replace('-', '');
    const on = (day: number) => addDays(month, day - 1);
    const add = (day: number, j: (d: string) => Journal) => { if (on(day) <= today && on(day) > from) journals.push(j(on(day))); };
    add(1, (d) => ({ date: d, documentNumber: `LOAN${tag}`, documentType: 'Payment', description: 'Loan repayment and interest',
      lines: [{ account: ACC.loan, cents: Math.round(loan / 60) }, { account: ACC.interest, cents: Math.round(loan * 0.004) },
        { account: ACC.checking, cents: -(Math.round(loan / 60) + Math.round(loan * 0.004)) }] }));
    add(5, (d) => entry(d, `PETTY${tag}`, 'Petty cash top-up', ACC.pettyCash, ACC.checking, 30_000));
    add(15, (d) => entry(d, `PETTYEXP${tag}`, 'Petty cash expenses', ACC.office, ACC.pettyCash, 24_000 + (n % 5) * 1_100));
    add(25, (d) => entry(d, `SAL${tag}`, 'Salaries', ACC.salaries, ACC.checking, Math.round(m * 0.2 + (n % 3) * m * 0.005), 'Payment'));
    add(28, (d) => entry(d, `BANK${tag}`, 'Bank charges', ACC.bankCharges, ACC.checking, 4_500 + (n % 4) * 700));
    add(28, (d) => entry(d, `DEP${tag}`, 'Depreciation', ACC.depreciationExpense, ACC.depreciation, Math.round(m * 0.02)));
    if (n % 3 === 0) add(20, (d) => entry(d, `TRF${tag}`, 'Transfer to deposit account', ACC.savings, ACC.checking, Math.round(m * 0.1)));
  }
  return journals;
}
