import { damerauLevenshtein } from '../text/damerau';
import { simplify } from '../text/normalize';
import type { Intent, TaxWindow } from './intent';
import { parseSettings } from './parse-settings';

/** Words that carry the question, each mapped to a concept; typos of them are recognised too. */
const KEYWORDS: Record<string, string> = {
  help: 'help', commands: 'help', hint: 'help', usage: 'help',
  hi: 'greet', hello: 'greet', hey: 'greet', hiya: 'greet', morning: 'greet', afternoon: 'greet', evening: 'greet',
  summary: 'summary', summarise: 'summary', summarize: 'summary', overview: 'summary', digest: 'summary', status: 'summary', dashboard: 'summary',
  refresh: 'refresh', reload: 'refresh', update: 'refresh', sync: 'refresh', resync: 'refresh', refetch: 'refresh',
  tax: 'tax', taxes: 'tax', vat: 'tax', gst: 'tax', ust: 'tax',
  cash: 'cash', bank: 'cash', banks: 'cash', balance: 'cash', balances: 'cash', liquidity: 'cash', money: 'cash',
  bill: 'bills', bills: 'bills', payable: 'bills', payables: 'bills', purchase: 'bills', purchases: 'bills', vendor: 'bills', vendors: 'bills',
  supplier: 'bills', suppliers: 'bills', creditor: 'bills', creditors: 'bills',
  invoice: 'invoices', invoices: 'invoices', receivable: 'invoices', receivables: 'invoices', sales: 'invoices', customer: 'invoices',
  customers: 'invoices', debtor: 'invoices', debtors: 'invoices',
  overdue: 'overdue', late: 'overdue', unpaid: 'overdue', outstanding: 'overdue', pastdue: 'overdue', delinquent: 'overdue', open: 'overdue',
  owe: 'owe', owes: 'owe', owing: 'owe', owed: 'owed',
  clients: 'clients', companies: 'clients',
};

/** Words that carry no name and no question. */
const FILLER = new Set([
  'show', 'me', 'my', 'a', 'an', 'the', 'please', 'pls', 'plz', 'list', 'get', 'give', 'what', 'whats', 'is', 'are', 'does', 'do',
  'did', 'how', 'much', 'many', 'any', 'all', 'of', 'for', 'at', 'from', 'about', 'on', 'in', 'to', 'with', 'have', 'has', 'had',
  'due', 'current', 'currently', 'now', 'today', 'tell', 'can', 'could', 'would', 'you', 'i', 'there', 'which', 'who', 'our', 'their',
  'its', 'position', 'situation', 'report', 'details', 'thanks', 'thank', 'check', 'see', 'view', 'display', 'find', 'look', 'up',
  'and', 'or', 'by', 'this', 'next', 'week', 'month', 'coming', 'upcoming', 'soon', 'days', 'still', 'right', 'up', 'yet', 'ok', 'okay',
  'need', 'want', 'know', 'like', 'amount', 'amounts', 'total', 'totals', 'paid', 'pay', 'payment', 'payments', 'be', 'will', 'go', 'run',
  'again', 'figures', 'numbers', 'data', 'latest', 'newest', 'new', 'doing', 'going', 'everything', 'it', 'them', 'that', 'those',
  'these', 'there', 'so', 'far', 'far', 'morning', 'good', 'hi', 'hello', 'hey', 'in', 'dear', 'bot', 'hub', 'just', 'quick', 'quickly',
]);
const PREPOSITIONS = new Set(['for', 'of', 'at', 'from', 'about', 'on', 'to', 'in', 'with', 'by']);

const VOCABULARY = Object.keys(KEYWORDS);

/** The concept a word stands for, forgiving one slip (two in long words); null for other words. */
function concept(word: string): string | null {
  const exact = KEYWORDS[word];
  if (exact) return exact;
  return fuzzyConcept(word);
}

function fuzzyConcept(word: string): string | null {
  if (word.length < 3 || /\d/.test(word)) return null;
  const allowed = word.length >= 8 ? 2 : 1;
  let best: string | null = null;
  let bestD = allowed + 1;
  for (const k of VOCABULARY) {
    if (k.length < 4 || (word.length === 3 && k.length !== 4)) continue;
    const d = damerauLevenshtein(word, k, allowed);
    if (d < bestD) {
      bestD = d;
      best = KEYWORDS[k] as string;
    }
  }
  return best;
}

function taxWindow(t: string): TaxWindow {
  if (/\bnext month\b/.test(t)) return 'next-month';
  if (/\b(this|current) month\b|\bmonth\b/.test(t)) return 'this-month';
  if (/\b(this|current) week\b|\bweek\b/.test(t)) return 'this-week';
  return 'upcoming';
}

/**
 * The target name as the user typed it: the words after the first preposition that follows a
 * keyword ("cash for Adventure Works"), else every word that is neither a keyword nor filler
 * ("overdue bills Fabrikam", "what does Contoso owe").
 */
function targetOf(raw: string[], concepts: (string | null)[]): string | null {
  const firstKeyword = concepts.findIndex((c) => c !== null);
  if (firstKeyword >= 0) {
    for (let i = firstKeyword + 1; i < raw.length; i += 1) {
      if (!PREPOSITIONS.has((raw[i] as string).toLowerCase())) continue;
      const rest = raw.slice(i + 1).filter((w, k) => !(k === 0 && /^(the|my)$/i.test(w)));
      const restWords = rest.map((w) => simplify(w)).filter(Boolean);
      if (restWords.length > 0 && !restWords.every((w) => FILLER.has(w) || concept(w) !== null)) return rest.join(' ').trim();
    }
  }
  const kept = raw.filter((w, i) => {
    const s = simplify(w);
    return s && concepts[i] === null && !FILLER.has(s);
  });
  return kept.length > 0 ? kept.join(' ') : null;
}

/** Turns a chat message into an intent. Pure: name matching happens later, against the user's clients. */
export function parseIntent(input: string): Intent {
  const text = input.replace(/<at>.*?<\/at>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').trim();
  const settings = parseSettings(text);
  if (settings) return { kind: 'settings', change: settings };

  // Possessives ("Contoso's") and punctuation at word edges go; inner punctuation ("A.B. Ltd") stays.
  const raw = text.replace(/(\w)['’]s\b/g, '$1').replace(/[?!,;:"“”()]/g, ' ').split(/\s+/).map((w) => w.replace(/^[.'’]+|[.'’]+$/g, '')).filter(Boolean);
  // A capitalised word that only resembles a keyword, past the first word, is taken as part of a name ("Client 012").
  const concepts = raw.map((w, i) => {
    const s = simplify(w);
    const exact = KEYWORDS[s];
    if (exact) return exact;
    return i > 0 && /^\p{Lu}/u.test(w) ? null : fuzzyConcept(s);
  });
  const has = (c: string) => concepts.includes(c);
  const t = simplify(text);
  const target = targetOf(raw, concepts);

  if (t === '' || (has('help') && !target) || /^(\?|what can you do|how does this work)/.test(t)) return { kind: 'help' };
  if (has('refresh')) return { kind: 'refresh', target: /^(all|everything|everyone|all clients)$/i.test(target ?? '') ? null : target };
  if (has('tax')) return { kind: 'taxes', target, window: taxWindow(t) };
  if (has('owed') || (has('owe') && /\bwho\b/.test(t))) return { kind: 'overdue-invoices', target };
  if (has('owe')) return has('invoices') ? { kind: 'overdue-invoices', target } : { kind: 'owes', target };
  if (has('bills')) return { kind: 'overdue-bills', target };
  if (has('invoices') || has('overdue')) return { kind: 'overdue-invoices', target };
  if (has('cash')) return { kind: 'cash', target };
  if (has('summary')) return { kind: 'summary', target };
  if (has('clients') && !target) return { kind: 'clients' };
  if (has('help')) return { kind: 'help' };
  if (has('greet') && !target) return { kind: 'greeting' };
  return { kind: 'unknown', text };
}
