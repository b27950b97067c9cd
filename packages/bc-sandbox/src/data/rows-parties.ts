/** customers and vendors rows. */
import type { Row } from '../types';
import { type Cents, fromCents } from '../util/money';
import type { Party } from './model';
import { EMPTY_GUID, type RowContext } from './row-context';

function address(p: Party): Row {
  return { addressLine1: p.address, addressLine2: '', city: p.city, state: '', country: p.country, postalCode: p.postCode };
}

export function customerRow(ctx: RowContext, p: Party, balanceDueLcy: Cents): Row {
  return {
    id: ctx.id('customer', p.number), number: p.number, displayName: p.name, type: 'Company', ...address(p),
    phoneNumber: p.phone, email: p.email, website: '', salespersonCode: 'JR', balanceDue: fromCents(balanceDueLcy),
    creditLimit: 0, taxLiable: !p.currencyCode, taxAreaId: ctx.id('taxArea', p.currencyCode ? 'EXPORT' : 'DOMESTIC'),
    taxAreaDisplayName: p.currencyCode ? 'Export' : 'Domestic', taxRegistrationNumber: '',
    currencyId: ctx.currencyId(p.currencyCode), currencyCode: p.currencyCode || ctx.lcy,
    paymentTermsId: ctx.id('paymentTerms', '30 DAYS'), shipmentMethodId: EMPTY_GUID, paymentMethodId: ctx.id('paymentMethod', 'BANK'),
    blocked: ' ', lastModifiedDateTime: ctx.modified(ctx.today, p.number),
  };
}

export function vendorRow(ctx: RowContext, p: Party, balanceLcy: Cents): Row {
  return {
    id: ctx.id('vendor', p.number), number: p.number, displayName: p.name, ...address(p),
    phoneNumber: p.phone, email: p.email, website: '', taxRegistrationNumber: '',
    currencyId: ctx.currencyId(p.currencyCode), currencyCode: p.currencyCode || ctx.lcy, irs1099Code: '',
    paymentTermsId: ctx.id('paymentTerms', '30 DAYS'), paymentMethodId: ctx.id('paymentMethod', 'BANK'),
    taxLiable: !p.currencyCode, blocked: ' ', balance: fromCents(balanceLcy),
    lastModifiedDateTime: ctx.modified(ctx.today, `v${p.number}`),
  };
}
