import { damerauLevenshtein } from '../text/damerau';
import { nameKey } from '../text/normalize';

/** Something the user can name: a client (all its companies) or one company. */
export interface NameCandidate {
  kind: 'client' | 'company';
  id: string;
  clientId: string;
  name: string;
}

export type MatchResult =
  | { kind: 'match'; candidate: NameCandidate; score: number }
  | { kind: 'ambiguous'; candidates: NameCandidate[] }
  | { kind: 'none'; suggestion: NameCandidate | null };

/** Scores at or above this count as the user meaning that name. */
export const MATCH_THRESHOLD = 0.75;
/** Candidates this close to the best are too close to pick between: the user chooses. */
const AMBIGUITY_MARGIN = 0.06;
/** Below the threshold but at least this: offered as "did you mean". */
const SUGGEST_THRESHOLD = 0.45;
const MAX_CHOICES = 8;

const numbers = (s: string) => (s.match(/\d+/g) ?? []).map((n) => Number(n)).join(',');

function similarity(a: string, b: string): number {
  const len = Math.max(a.length, b.length);
  return len === 0 ? 0 : 1 - damerauLevenshtein(a, b, len) / len;
}

/** Each query word starts the candidate word at the same position (or any position when `anywhere`). */
function wordsMatch(q: string[], c: string[], anywhere: boolean): boolean {
  if (q.length > c.length) return false;
  if (!anywhere) return q.every((w, i) => (c[i] as string).startsWith(w));
  let from = 0;
  for (const w of q) {
    const at = c.findIndex((cw, i) => i >= from && (cw === w || (w.length >= 4 && similarity(w, cw) >= 0.75)));
    if (at < 0) return false;
    from = at + 1;
  }
  return true;
}

/** How well `query` names `candidate`, 0..1, on their comparable keys (case, punctuation, legal forms ignored). */
export function nameScore(query: string, candidate: string): number {
  const unpad = (k: string) => k.replace(/\b0+(\d)/g, '$1');
  const q = unpad(nameKey(query));
  const c = unpad(nameKey(candidate));
  if (!q || !c) return 0;
  if (q === c) return 1;
  const qw = q.split(' ');
  const cw = c.split(' ');
  let score = similarity(q, c);
  if (q.length >= 3 && wordsMatch(qw, cw, false)) score = Math.max(score, 0.9 - 0.02 * (cw.length - qw.length));
  else if (wordsMatch(qw, cw, true)) score = Math.max(score, 0.8 - 0.02 * (cw.length - qw.length));
  // A slip in the first words of a longer name ("Contso" for "Contoso Retail").
  if (cw.length > qw.length) score = Math.max(score, 0.95 * similarity(q, cw.slice(0, qw.length).join(' ')) - 0.02 * (cw.length - qw.length));
  // "Client 12" is not "Client 13": numbers must agree.
  if (numbers(q) !== numbers(c) && numbers(q) !== '') score *= 0.7;
  return Math.max(0, Math.min(score, 0.99));
}

/**
 * Finds what the user named among their clients and companies. A client beats its own companies on
 * a tie (it covers them); near-equal different candidates make the answer ambiguous.
 */
export function matchName(query: string, candidates: readonly NameCandidate[]): MatchResult {
  const scored = candidates
    .map((candidate) => ({ candidate, score: nameScore(query, candidate.name) }))
    .sort((a, b) => b.score - a.score || (a.candidate.kind === 'client' ? -1 : 1) - (b.candidate.kind === 'client' ? -1 : 1) || a.candidate.name.localeCompare(b.candidate.name));
  const best = scored[0];
  if (!best || best.score < MATCH_THRESHOLD) {
    return { kind: 'none', suggestion: best && best.score >= SUGGEST_THRESHOLD ? best.candidate : null };
  }
  let contenders = scored.filter((s) => s.score >= MATCH_THRESHOLD && s.score >= best.score - AMBIGUITY_MARGIN);
  const clients = new Set(contenders.filter((s) => s.candidate.kind === 'client').map((s) => s.candidate.clientId));
  contenders = contenders.filter((s) => s.candidate.kind === 'client' || !clients.has(s.candidate.clientId));
  const exact = contenders.filter((s) => s.score === 1);
  if (contenders.length === 1 || exact.length === 1) {
    const chosen = (exact[0] ?? contenders[0]) as { candidate: NameCandidate; score: number };
    return { kind: 'match', candidate: chosen.candidate, score: chosen.score };
  }
  return { kind: 'ambiguous', candidates: contenders.slice(0, MAX_CHOICES).map((s) => s.candidate) };
}

/**
 * Every client once, then each of its companies; `notCounted` leaves out company rows of a company that counts under
 * another client, so a company on the dashboard twice is one name to match, not two to choose between.
 */
export function candidatesFrom(
  clients: readonly { id: string; name: string; companies: readonly { id: string; name: string }[] }[], notCounted: ReadonlySet<string> = new Set(),
): NameCandidate[] {
  return clients.flatMap((c) => [
    { kind: 'client' as const, id: c.id, clientId: c.id, name: c.name },
    ...c.companies.filter((co) => !notCounted.has(co.id)).map((co) => ({ kind: 'company' as const, id: co.id, clientId: c.id, name: co.name })),
  ]);
}
