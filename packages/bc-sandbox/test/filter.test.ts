import { compileFilter, type FilterSchema } from '../src/odata/evaluate';
import { ODataError } from '../src/odata/errors';
import { parseFilter } from '../src/odata/parser';
import { tokenize } from '../src/odata/lexer';

const schema: FilterSchema = {
  typeName: 'salesInvoice',
  fields: new Set(['number', 'status', 'dueDate', 'totalAmountIncludingTax', 'customerName', 'customerId', 'lastModifiedDateTime', 'remainingAmount', 'pricesIncludeTax']),
  nonFilterable: new Set(['remainingAmount']),
};
const rows = [
  { number: 'A1', status: 'Open', dueDate: '2025-06-01', totalAmountIncludingTax: 1200.5, customerName: "O'Brien Ltd", customerId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', lastModifiedDateTime: '2025-06-02T10:00:00Z', pricesIncludeTax: false },
  { number: 'A2', status: 'Paid', dueDate: '2025-05-01', totalAmountIncludingTax: 99, customerName: 'Adatum Corporation', customerId: '00000000-0000-0000-0000-000000000001', lastModifiedDateTime: '2025-05-20T08:00:00Z', pricesIncludeTax: true },
  { number: 'A3', status: 'In Review', dueDate: '2025-07-01', totalAmountIncludingTax: 5000, customerName: 'Trey Research', customerId: '00000000-0000-0000-0000-000000000002', lastModifiedDateTime: '2025-06-14T23:59:59Z', pricesIncludeTax: false },
];
const match = (f: string) => rows.filter(compileFilter(f, schema).predicate).map((r) => r.number);
const error = (f: string): ODataError => {
  try { compileFilter(f, schema); } catch (e) { return e as ODataError; }
  throw new Error(`expected ${f} to fail`);
};

describe('$filter tokenizer and parser', () => {
  it('tokenizes literals of every kind', () => {
    const types = tokenize("a eq 'it''s' and b ge 2024-01-31 and c lt 2024-01-31T10:00:00Z and d eq 3f2504e0-4f89-41d3-9a0c-0305e82c3301 and e gt -1.5").map((t) => t.type);
    expect(types).toEqual(expect.arrayContaining(['string', 'date', 'datetime', 'guid', 'number']));
  });
  it('builds a tree with and binding tighter than or, parentheses and not', () => {
    expect(parseFilter("status eq 'Open' or status eq 'Paid' and number eq 'x'")).toMatchObject({ kind: 'or', right: { kind: 'and' } });
    expect(parseFilter("(status eq 'Open' or status eq 'Paid') and number eq 'x'")).toMatchObject({ kind: 'and', left: { kind: 'or' } });
    expect(parseFilter("not (status eq 'Open')")).toMatchObject({ kind: 'not' });
  });
  it('reports syntax errors as 400', () => {
    for (const bad of ["status eq 'Open", 'status eq', "status eq 'a' and", '(status eq 1', 'status eq 1)', 'foo(status)', "status ?? 'x'"]) {
      const e = error(bad);
      expect(e).toBeInstanceOf(ODataError);
      expect(e.status).toBe(400);
    }
  });
});

describe('$filter evaluation', () => {
  it('compares strings, numbers, dates, datetimes, booleans and GUIDs', () => {
    expect(match("status eq 'Open'")).toEqual(['A1']);
    expect(match('totalAmountIncludingTax gt 100 and totalAmountIncludingTax le 5000')).toEqual(['A1', 'A3']);
    expect(match('dueDate lt 2025-06-15')).toEqual(['A1', 'A2']);
    expect(match('lastModifiedDateTime gt 2025-06-01T00:00:00Z')).toEqual(['A1', 'A3']);
    expect(match('pricesIncludeTax eq true')).toEqual(['A2']);
    expect(match('customerId eq 3F2504E0-4F89-41D3-9A0C-0305E82C3301')).toEqual(['A1']);
    expect(match("status ne 'Open'")).toEqual(['A2', 'A3']);
  });
  it("handles '' escapes, functions and not", () => {
    expect(match("customerName eq 'O''Brien Ltd'")).toEqual(['A1']);
    expect(match("startswith(customerName,'Ad')")).toEqual(['A2']);
    expect(match("endswith(customerName,'Research')")).toEqual(['A3']);
    expect(match("contains(tolower(customerName),'brien')")).toEqual(['A1']);
    expect(match("toupper(status) eq 'PAID'")).toEqual(['A2']);
    expect(match("not (status eq 'Open')")).toEqual(['A2', 'A3']);
  });
  it('accepts both encodings of enum values with spaces', () => {
    expect(match("status eq 'In Review'")).toEqual(['A3']);
    expect(match("status eq 'In_x0020_Review'")).toEqual(['A3']);
  });
  it('allows OR on the same field and rejects OR across distinct fields', () => {
    expect(match("status eq 'Open' or status eq 'Paid'")).toEqual(['A1', 'A2']);
    expect(match("(status eq 'Open' or status eq 'Paid') and dueDate lt 2025-05-15")).toEqual(['A2']);
    const e = error("status eq 'Open' or dueDate lt 2025-01-01");
    expect(e.status).toBe(400);
    expect(e.message).toBe("The 'OR' operator is not supported on distinct fields");
  });
  it('rejects unknown fields like BC and refuses remainingAmount', () => {
    expect(error("foo eq 'x'").message).toBe("Could not find a property named 'foo' on type 'Microsoft.NAV.salesInvoice'.");
    expect(error('remainingAmount gt 0').status).toBe(400);
  });
});
