import { candidatesFrom, matchName, nameScore } from '../../src/bot/matching/name-match';
import { damerauLevenshtein } from '../../src/bot/text/damerau';
import { nameKey } from '../../src/bot/text/normalize';

const clients = candidatesFrom([
  { id: 'c1', name: 'Contoso Ltd', companies: [{ id: 'c1a', name: 'Contoso Ltd' }, { id: 'c1b', name: 'Contoso Retail Ltd' }] },
  { id: 'c2', name: 'Contoso Ltd (sandbox)', companies: [{ id: 'c2a', name: 'Contoso Ltd (Test)' }] },
  { id: 'f', name: 'Fabrikam GmbH', companies: [{ id: 'fa', name: 'Fabrikam GmbH' }] },
  { id: 'a', name: 'Adventure Works Inc', companies: [{ id: 'aa', name: 'Adventure Works Inc' }] },
  { id: 'n', name: 'Northwind Traders Ltd', companies: [{ id: 'na', name: 'Northwind Traders Ltd' }] },
  { id: 't', name: 'Tailspin Toys Ltd', companies: [{ id: 'ta', name: 'Tailspin Toys Ltd' }, { id: 'tb', name: 'Tailspin Toys Europe GmbH' }] },
  { id: 'o', name: "O'Brien & Sons Ltd.", companies: [{ id: 'oa', name: "O'Brien & Sons Ltd." }] },
  { id: 'm', name: 'Müller AG', companies: [{ id: 'ma', name: 'Müller AG' }] },
  { id: 'x1', name: 'Client 001 Ltd', companies: [{ id: 'x1a', name: 'Client 001 Ltd' }] },
  { id: 'x2', name: 'Client 002 Ltd', companies: [{ id: 'x2a', name: 'Client 002 Ltd' }] },
  { id: 'w1', name: 'Wide World Importers Ltd', companies: [{ id: 'w1a', name: 'Wide World Importers Ltd' }] },
  { id: 'w2', name: 'Wide World Importers Inc.', companies: [{ id: 'w2a', name: 'Wide World Importers Inc.' }] },
]);

const matched = (q: string) => {
  const r = matchName(q, clients);
  return r.kind === 'match' ? `${r.candidate.kind}:${r.candidate.id}` : r.kind;
};

describe('name matching', () => {
  it('computes Damerau–Levenshtein with transpositions', () => {
    expect(damerauLevenshtein('contoso', 'cotnoso')).toBe(1);
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('', 'abc')).toBe(3);
    expect(damerauLevenshtein('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('reduces names to a comparable key', () => {
    expect(nameKey('Contoso Ltd.')).toBe('contoso');
    expect(nameKey('FABRIKAM GmbH')).toBe('fabrikam');
    expect(nameKey("O'Brien & Sons Ltd.")).toBe('obrien and sons');
    expect(nameKey('Fabrikam GmbH & Co. KG')).toBe('fabrikam');
    expect(nameKey('Müller AG')).toBe('muller');
    expect(nameKey('The Company Ltd')).toBe('the company ltd');
  });

  it.each([
    ['Contoso', 'client:c1'],
    ['contoso ltd', 'client:c1'],
    ['CONTOSO LIMITED', 'client:c1'],
    ['Contoso, Ltd.', 'client:c1'],
    ['Contso', 'client:c1'],
    ['Cotnoso', 'client:c1'],
    ['Contoso Retail', 'company:c1b'],
    ['contoso retial', 'company:c1b'],
    ['Fabrikam', 'client:f'],
    ['fabrikam gmbh', 'client:f'],
    ['Fabirkam', 'client:f'],
    ['fabrikm', 'client:f'],
    ['Adventure Works', 'client:a'],
    ['adventure wroks inc', 'client:a'],
    ['Adventure', 'client:a'],
    ['adv works', 'client:a'],
    ['Northwind', 'client:n'],
    ['Nortwind', 'client:n'],
    ['Tailspin', 'client:t'],
    ['Tailspin Toys Europe', 'company:tb'],
    ['tailspin europe', 'company:tb'],
    ['OBrien and Sons', 'client:o'],
    ["o'brien & sons", 'client:o'],
    ['Muller', 'client:m'],
    ['müller ag', 'client:m'],
    ['Client 002', 'client:x2'],
    ['client 2', 'client:x2'],
  ])('%s → %s', (q, want) => {
    expect(matched(q)).toBe(want);
  });

  it('asks when names are too close to pick', () => {
    const r = matchName('wide world importers', clients);
    expect(r.kind).toBe('ambiguous');
    if (r.kind === 'ambiguous') expect(r.candidates.map((c) => c.id).sort()).toEqual(['w1', 'w2']);
    expect(matchName('Wide Wrld', clients).kind).toBe('ambiguous');
    expect(matchName('wide world importers inc', clients).kind).toBe('ambiguous');
    const c = matchName('Contoso Ltd Test', clients);
    expect(c.kind === 'match' ? c.candidate.id : c.kind).toBe('c2a');
  });

  it('says when nothing matches, with the closest as a suggestion', () => {
    const r = matchName('Contsoo Retale', clients);
    expect(r.kind === 'match' ? r.candidate.id : r.kind).toBe('c1b');
    const none = matchName('Wingtip', clients);
    expect(none).toEqual({ kind: 'none', suggestion: null });
    const near = matchName('Nrthwd', clients);
    expect(near.kind).toBe('none');
    if (near.kind === 'none') expect(near.suggestion?.id).toBe('n');
    expect(nameScore('Client 3', 'Client 003 Ltd')).toBe(1);
    expect(nameScore('Client 13', 'Client 003 Ltd')).toBeLessThan(0.75);
  });
});
