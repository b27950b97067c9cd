/** Document rows: sales/purchase invoices and credit memos, sales orders and quotes, invoice lines. */
import type { Row } from '../types';
import { addDays } from '../util/dates';
import { fromCents } from '../util/money';
import { hashString } from '../util/prng';
import { type Doc, type Party, grossCents, isPosted, paidCents } from './model';
import { EMPTY_GUID, type RowContext } from './row-context';

/** BC serialises an empty date as 0001-01-01. */
const NO_DATE = '0001-01-01';

function addr(prefix: string, p: Party): Row {
  return { [`${prefix}AddressLine1`]: p.address, [`${prefix}AddressLine2`]: '', [`${prefix}City`]: p.city,
    [`${prefix}Country`]: p.country, [`${prefix}State`]: '', [`${prefix}PostCode`]: p.postCode };
}

function totals(doc: Doc): Row {
  return { discountAmount: 0, discountAppliedBeforeTax: false, totalAmountExcludingTax: fromCents(doc.netCents),
    totalTaxAmount: fromCents(doc.taxCents), totalAmountIncludingTax: fromCents(grossCents(doc)) };
}

/** salesQuote documents no discountAppliedBeforeTax. */
function quoteTotals(doc: Doc): Row {
  const { discountAppliedBeforeTax: _omitted, ...rest } = totals(doc);
  return rest;
}

function currency(ctx: RowContext, doc: Doc): Row {
  return { currencyId: ctx.currencyId(doc.currencyCode), currencyCode: doc.currencyCode };
}

function customerPart(ctx: RowContext, doc: Doc, p: Party): Row {
  const customerId = ctx.id('customer', p.number);
  return { customerId, customerNumber: p.number, customerName: p.name, billToName: p.name, billToCustomerId: customerId,
    billToCustomerNumber: p.number, shipToName: p.name, shipToContact: p.contact,
    ...addr('sellTo', p), ...addr('billTo', p), ...addr('shipTo', p), ...currency(ctx, doc) };
}

export function docId(ctx: RowContext, doc: Doc): string {
  return ctx.id(doc.kind, doc.number);
}

export function salesInvoiceRow(ctx: RowContext, doc: Doc, p: Party): Row {
  const remaining = doc.status === 'Canceled' ? 0 : isPosted(doc) ? grossCents(doc) - paidCents(doc) : grossCents(doc);
  return {
    id: docId(ctx, doc), number: doc.number, externalDocumentNumber: doc.externalDocumentNumber, invoiceDate: doc.date,
    postingDate: doc.date, dueDate: doc.dueDate, promisedPayDate: NO_DATE, customerPurchaseOrderReference: '',
    ...customerPart(ctx, doc, p), shortcutDimension1Code: '', shortcutDimension2Code: '', orderId: EMPTY_GUID, orderNumber: '',
    paymentTermsId: ctx.id('paymentTerms', '30 DAYS'), shipmentMethodId: EMPTY_GUID, salesperson: 'JR',
    disputeStatusId: EMPTY_GUID, disputeStatus: '', pricesIncludeTax: false, remainingAmount: fromCents(remaining),
    ...totals(doc), status: doc.status, lastModifiedDateTime: ctx.modified(doc.payments.at(-1)?.date ?? doc.date, doc.number),
    phoneNumber: p.phone, email: p.email,
  };
}

export function salesCreditMemoRow(ctx: RowContext, doc: Doc, p: Party): Row {
  return {
    id: docId(ctx, doc), number: doc.number, externalDocumentNumber: doc.externalDocumentNumber, creditMemoDate: doc.date,
    postingDate: doc.date, dueDate: doc.dueDate, ...customerPart(ctx, doc, p), paymentTermsId: ctx.id('paymentTerms', '30 DAYS'),
    shipmentMethodId: EMPTY_GUID, shortcutDimension1Code: '', shortcutDimension2Code: '', salesperson: 'JR', pricesIncludeTax: false, ...totals(doc),
    status: doc.status, lastModifiedDateTime: ctx.modified(doc.date, doc.number),
    invoiceId: doc.appliesTo ? ctx.id('salesInvoice', doc.appliesTo) : EMPTY_GUID, invoiceNumber: doc.appliesTo ?? '',
    phoneNumber: p.phone, email: p.email, customerReturnReasonId: EMPTY_GUID,
  };
}

function vendorPart(ctx: RowContext, doc: Doc, p: Party): Row {
  const vendorId = ctx.id('vendor', p.number);
  return { vendorId, vendorNumber: p.number, vendorName: p.name, payToName: p.name, payToContact: p.contact,
    payToVendorId: vendorId, payToVendorNumber: p.number, shipToName: p.name, shipToContact: p.contact,
    ...addr('buyFrom', p), ...addr('shipTo', p), ...addr('payTo', p), ...currency(ctx, doc) };
}

export function purchaseInvoiceRow(ctx: RowContext, doc: Doc, p: Party): Row {
  return {
    id: docId(ctx, doc), number: doc.number, postingDate: doc.date, invoiceDate: doc.date, dueDate: doc.dueDate,
    vendorInvoiceNumber: doc.externalDocumentNumber, ...vendorPart(ctx, doc, p), shortcutDimension1Code: '', shortcutDimension2Code: '',
    orderId: EMPTY_GUID, orderNumber: '', purchaser: '', pricesIncludeTax: false, ...totals(doc), status: doc.status,
    lastModifiedDateTime: ctx.modified(doc.payments.at(-1)?.date ?? doc.date, doc.number),
  };
}

/** The documented purchaseCreditMemo: pay-to and buy-from addresses only (no ship-to block, no pay-to contact). */
export function purchaseCreditMemoRow(ctx: RowContext, doc: Doc, p: Party): Row {
  const vendorId = ctx.id('vendor', p.number);
  return {
    id: docId(ctx, doc), number: doc.number, creditMemoDate: doc.date, postingDate: doc.date, dueDate: doc.dueDate,
    vendorId, vendorNumber: p.number, vendorName: p.name, payToVendorId: vendorId, payToVendorNumber: p.number, payToName: p.name,
    ...addr('buyFrom', p), ...addr('payTo', p), shortcutDimension1Code: '', shortcutDimension2Code: '', ...currency(ctx, doc),
    paymentTermsId: ctx.id('paymentTerms', '30 DAYS'), shipmentMethodId: EMPTY_GUID, purchaser: '', pricesIncludeTax: false,
    ...totals(doc), status: doc.status, lastModifiedDateTime: ctx.modified(doc.date, doc.number),
    invoiceId: EMPTY_GUID, invoiceNumber: '', vendorReturnReasonId: EMPTY_GUID,
  };
}

export function salesOrderRow(ctx: RowContext, doc: Doc, p: Party): Row {
  return {
    id: docId(ctx, doc), number: doc.number, externalDocumentNumber: '', orderDate: doc.date, postingDate: doc.date,
    ...customerPart(ctx, doc, p), shortcutDimension1Code: '', shortcutDimension2Code: '', pricesIncludeTax: false,
    paymentTermsId: ctx.id('paymentTerms', '30 DAYS'), shipmentMethodId: EMPTY_GUID, salesperson: 'JR', partialShipping: true,
    requestedDeliveryDate: addDays(doc.date, 14), ...totals(doc), fullyShipped: false, status: doc.status,
    lastModifiedDateTime: ctx.modified(doc.date, doc.number), phoneNumber: p.phone, email: p.email,
  };
}

export function salesQuoteRow(ctx: RowContext, doc: Doc, p: Party): Row {
  return {
    id: docId(ctx, doc), number: doc.number, externalDocumentNumber: '', documentDate: doc.date, postingDate: doc.date,
    dueDate: doc.dueDate, ...customerPart(ctx, doc, p), paymentTermsId: ctx.id('paymentTerms', '30 DAYS'),
    shipmentMethodId: EMPTY_GUID, salesperson: 'JR', ...quoteTotals(doc), status: doc.status,
    sentDate: doc.status === 'Draft' ? '0001-01-01T00:00:00Z' : `${doc.date}T10:00:00Z`, validUntilDate: addDays(doc.date, 30),
    acceptedDate: doc.status === 'Accepted' ? addDays(doc.date, 5) : NO_DATE,
    lastModifiedDateTime: ctx.modified(doc.date, doc.number), phoneNumber: p.phone, email: p.email,
  };
}

/** The line entity set of each document kind, as Business Central names it. */
export const LINE_SETS = {
  salesInvoice: 'salesInvoiceLines', salesCreditMemo: 'salesCreditMemoLines', salesOrder: 'salesOrderLines',
  salesQuote: 'salesQuoteLines', purchaseInvoice: 'purchaseInvoiceLines', purchaseCreditMemo: 'purchaseCreditMemoLines',
} as const satisfies Record<Doc['kind'], string>;

/** What each line entity documents beyond the shared fields (API v2.0 resource pages). */
function kindFields(doc: Doc, net: number): { price: Row; extra: Row } {
  const none = { itemVariantId: EMPTY_GUID };
  const located = { itemVariantId: EMPTY_GUID, locationId: EMPTY_GUID };
  switch (doc.kind) {
    case 'salesInvoice':
      return { price: { unitPrice: fromCents(net) }, extra: { shipmentDate: doc.date, ...located, description2: '' } };
    case 'salesCreditMemo':
      return { price: { unitPrice: fromCents(net) }, extra: { shipmentDate: doc.date, ...located } };
    case 'salesOrder':
      return { price: { unitPrice: fromCents(net) }, extra: { shipmentDate: addDays(doc.date, 14), shippedQuantity: 0, invoicedQuantity: 0,
        invoiceQuantity: 0, shipQuantity: 1, ...none } };
    case 'salesQuote':
      return { price: { unitPrice: fromCents(net) }, extra: none };
    case 'purchaseInvoice':
      return { price: { unitCost: fromCents(net) }, extra: { expectedReceiptDate: doc.date, ...located } };
    case 'purchaseCreditMemo':
      return { price: { unitCost: fromCents(net) }, extra: located };
  }
}

/** One to three account lines whose amounts add up to the document's totals exactly. */
export function documentLineRows(ctx: RowContext, doc: Doc): Row[] {
  const count = 1 + (hashString(doc.number) % 3);
  const rows: Row[] = [];
  let netLeft = doc.netCents;
  let taxLeft = doc.taxCents;
  const sales = doc.kind.startsWith('sales');
  for (let i = 0; i < count; i++) {
    const last = i === count - 1;
    const net = last ? netLeft : Math.round(doc.netCents / count);
    const tax = last ? taxLeft : Math.round((net * doc.taxRate) / 100);
    netLeft -= net;
    taxLeft -= tax;
    const { price, extra } = kindFields(doc, net);
    const { description2, ...rest } = extra;
    rows.push({
      id: ctx.id(`${doc.kind}Line`, `${doc.number}/${i}`), documentId: docId(ctx, doc), sequence: (i + 1) * 10000,
      itemId: EMPTY_GUID, accountId: ctx.id('account', doc.account), lineType: 'Account', lineObjectNumber: doc.account,
      description: `${sales ? 'Services' : 'Purchases'} ${i + 1}`, ...(description2 === undefined ? {} : { description2 }),
      unitOfMeasureId: EMPTY_GUID, unitOfMeasureCode: '', quantity: 1, ...price, discountAmount: 0, discountPercent: 0,
      discountAppliedBeforeTax: false, amountExcludingTax: fromCents(net), taxCode: doc.taxRate > 0 ? 'STANDARD' : 'ZERO',
      taxPercent: doc.taxRate, totalTaxAmount: fromCents(tax), amountIncludingTax: fromCents(net + tax),
      // salesQuoteLine documents no invoice discount allocation.
      ...(doc.kind === 'salesQuote' ? {} : { invoiceDiscountAllocation: 0 }),
      netAmount: fromCents(net), netTaxAmount: fromCents(tax), netAmountIncludingTax: fromCents(net + tax), ...rest,
    });
  }
  return rows;
}
