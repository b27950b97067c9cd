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

/**
 * Markdown the hub wrote itself (bold labels, its own help text). Everything else that reaches a card is plain text:
 * client, company, customer and account names, error messages, what the user typed. Made only by `md`, which escapes
 * what it interpolates, so a name can never become a link or formatting inside the bot's own card.
 */
export class Markdown {
  private constructor(readonly text: string) {}
  /** Only for `md`. */
  static of(text: string): Markdown {
    return new Markdown(text);
  }
}

/** A tagged template for hub markdown: md`**${name}** was added` escapes `name` and keeps the `**`. */
export function md(strings: TemplateStringsArray, ...values: (string | number | Markdown)[]): Markdown {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += (v instanceof Markdown ? v.text : escapeMarkdown(String(v))) + (strings[i + 1] ?? '');
  });
  return Markdown.of(out);
}

/** Text a card shows: plain text (escaped when drawn) or the hub's own markdown. */
export type CardText = string | Markdown;

// A private-use character marks hub markdown while it passes through the template; it is removed from all data first,
// so text from outside can never forge the mark.
const TRUSTED = '\uE000';
const TRUSTED_ALL = /\uE000/g;

/** Data for the template: hub markdown carries the mark, every other string is stripped of it. */
function markData(value: unknown): unknown {
  if (value instanceof Markdown) return TRUSTED + value.text.replace(TRUSTED_ALL, '');
  if (typeof value === 'string') return value.replace(TRUSTED_ALL, '');
  if (Array.isArray(value)) return value.map(markData);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markData(v)]));
  return value;
}

/** Markdown-rendered text (TextBlock.text, Fact.title, Fact.value): hub markdown as is, anything else escaped. */
function shown(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  if (text.startsWith(TRUSTED) && text.lastIndexOf(TRUSTED) === 0) return text.slice(1);
  return escapeMarkdown(text.replace(TRUSTED_ALL, ''));
}

/**
 * The one place card text is made safe: after the template is expanded, every TextBlock and Fact (the only places
 * Teams renders markdown) is escaped unless it is hub markdown; the mark is removed from every other string
 * (button titles, URLs, action data: not markdown, so never escaped).
 */
function finish(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return value.replace(TRUSTED_ALL, '');
  if (Array.isArray(value)) return value.map((v) => finish(v, key));
  if (!value || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const isText = (o.type === 'TextBlock' && k === 'text') || (key === 'facts' && (k === 'title' || k === 'value'));
    out[k] = isText ? shown(v) : finish(v, k);
  }
  return out;
}

/** One compiled template per card; `expand` binds typed data to it, escaping every text from outside. */
export function cardTemplate<T extends object>(json: object): (data: T) => CardJson {
  const template = new Template(json);
  return (data: T) => finish(prune(template.expand({ $root: markData(data) }))) as CardJson;
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

/**
 * Plain text for Adaptive Card markdown (a CommonMark subset: bold, italic, lists, links; Teams adds <at> mentions):
 * every character that could start emphasis, a link or a tag is backslash-escaped, as are list and heading markers at
 * the start of a line. Parentheses alone cannot make a link once the brackets are escaped, so they stay readable.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\*_`~[\]<>])/g, '\\$1')
    .replace(/^([ \t]*)([-+=#])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)([.)])/gm, '$1\\$2');
}
