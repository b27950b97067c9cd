/** Hand-placed documents every generated company has, so the demo always shows each case. */
import { addDays } from '../util/dates';
import { ACC } from './chart';
import type { DocContext } from './generate-docs';
import { newDoc } from './generate-docs';
import type { Doc, Party } from './model';

function domestic(parties: Party[]): Party[] {
  const list = parties.filter((p) => !p.currencyCode);
  return list.length > 0 ? list : parties;
}

function foreign(parties: Party[]): Party | undefined {
  return parties.find((p) => p.currencyCode);
}

export function specialSalesDocs(ctx: DocContext, customers: Party[]): Doc[] {
  const local = domestic(customers);
  const c = (i: number) => local[i % local.length] as Party;
  const t = ctx.today;
  const docs: Doc[] = [];
  const open = (party: Party, date: number, due: number, cents: number) => {
    const doc = newDoc(ctx, 'salesInvoice', party, addDays(t, date), addDays(t, due), cents, 'Open');
    docs.push(doc);
    return doc;
  };
  open(c(0), -30, 0, 245_000);      // due today
  open(c(1), -31, -1, 118_050);     // due yesterday
  open(c(2), -50, -20, 360_000).payments.push({ date: addDays(t, -10), cents: 180_000 }); // partially paid, overdue
  open(c(3), -75, -45, 87_500);     // overdue 45 days
  open(c(0), -125, -95, 52_020);    // overdue 95 days
  open(c(1), 0, 30, 99_900);        // invoiced today: tax in the open period
  const fx = foreign(customers);
  if (fx) open(fx, -40, -10, 410_000); // foreign currency, overdue
  for (const [i, status] of (['Draft', 'Draft', 'Draft', 'In Review', 'In Review'] as const).entries()) {
    docs.push(newDoc(ctx, 'salesInvoice', c(i), addDays(t, -i), addDays(t, 30 - i), 50_000 + i * 12_345, status));
  }
  // A cancelled invoice and the corrective credit memo that reverses it.
  const cancelled = newDoc(ctx, 'salesInvoice', c(4), addDays(t, -60), addDays(t, -30), 150_000, 'Canceled');
  cancelled.number = 'PS-INV199001';
  const corrective = newDoc(ctx, 'salesCreditMemo', c(4), addDays(t, -58), addDays(t, -58), 150_000, 'Corrective');
  corrective.account = cancelled.account;
  corrective.appliesTo = cancelled.number;
  corrective.number = 'PS-CR199001';
  docs.push(cancelled, corrective);
  return docs;
}

export function specialPurchaseDocs(ctx: DocContext, vendors: Party[]): Doc[] {
  const local = domestic(vendors);
  const v = (i: number) => local[i % local.length] as Party;
  const t = ctx.today;
  const open = (party: Party, date: number, due: number, cents: number) =>
    newDoc(ctx, 'purchaseInvoice', party, addDays(t, date), addDays(t, due), cents, 'Open');
  const partial = open(v(3), -45, -15, 280_000);
  partial.payments.push({ date: addDays(t, -14), cents: 100_000 });
  const docs = [open(v(0), -20, 2, 180_000), open(v(1), -25, 5, 64_000), open(v(2), -23, 7, 92_500),
    open(v(0), -35, -5, 140_000), open(v(4), -70, -40, 77_700), partial, open(v(1), -1, 29, 31_000)];
  const draft = newDoc(ctx, 'purchaseInvoice', v(2), t, addDays(t, 30), 45_000, 'Draft');
  draft.account = ACC.office;
  docs.push(draft);
  return docs;
}
