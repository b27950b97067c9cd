import { Template } from 'adaptivecards-templating';

/** An Adaptive Card as plain JSON (schema 1.5), ready for an attachment or an invoke response. */
export type CardJson = Record<string, unknown>;

/** Teams refuses message-extension cards over 28 KB; the bot keeps every card under it too. */
export const CARD_BYTE_LIMIT = 28 * 1024;

export interface ExecuteButton {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}
export interface OpenButton {
  title: string;
  url: string;
}

export const cardBytes = (card: CardJson): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

/** Drops empty arrays the template left behind (an empty `actions` list, a FactSet with no facts is guarded by $when). */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (Array.isArray(v) && v.length === 0 && (k === 'actions' || k === 'body')) continue;
      out[k] = prune(v);
    }
    return out;
  }
  return value;
}

/** One compiled template per card; `expand` binds typed data to it. */
export function cardTemplate<T extends object>(json: object): (data: T) => CardJson {
  const template = new Template(json);
  return (data: T) => prune(template.expand({ $root: data })) as CardJson;
}

/**
 * Renders with at most `limit` list items, fewer while the card is over the byte limit (a card is
 * never refused by Teams for its size; the "and N more" line says what was left out).
 */
export function fitted(render: (limit: number) => CardJson, limit: number): CardJson {
  let n = limit;
  let card = render(n);
  while (cardBytes(card) > CARD_BYTE_LIMIT && n > 1) {
    n = Math.max(1, Math.floor(n * 0.7));
    card = render(n);
  }
  return card;
}

/** Text shown inside Adaptive Card markdown: names must not turn into formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_`~[\]()#>])/g, '\\$1').replace(/^(\d+)\./, '$1\\.');
}
