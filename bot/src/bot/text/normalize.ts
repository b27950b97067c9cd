/** Legal-form and filler words that people leave out or add when naming a company. */
const NOISE = new Set([
  'ltd', 'limited', 'inc', 'incorporated', 'gmbh', 'llc', 'llp', 'plc', 'ag', 'sa', 'sas', 'sarl', 'bv', 'nv', 'oy', 'ab',
  'as', 'aps', 'spa', 'srl', 'pty', 'co', 'corp', 'corporation', 'company', 'the', 'kg', 'ug', 'se', 'lp',
]);

/** Lower case, no accents, "&" as "and", punctuation as spaces, single spaces. */
export function simplify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function words(text: string): string[] {
  const s = simplify(text);
  return s ? s.split(' ') : [];
}

/**
 * The comparable core of a company or client name: simplified, legal forms dropped
 * ("Contoso Ltd." → "contoso", "Fabrikam GmbH & Co. KG" → "fabrikam and"). Keeps the words when the
 * name is nothing but noise ("The Company Ltd").
 */
export function nameKey(name: string): string {
  const all = words(name);
  const kept = all.filter((w) => !NOISE.has(w));
  while (kept.length > 1 && kept[kept.length - 1] === 'and') kept.pop();
  return (kept.length > 0 ? kept : all).join(' ');
}
