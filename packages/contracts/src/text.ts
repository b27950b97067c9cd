import { z } from 'zod';

// C0 control characters and DEL. NUL cannot be stored by PostgreSQL at all (text or jsonb), and the others have no
// place in a name, an address or a search; multi-line fields keep tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Characters that change how text reads without being seen: bidirectional embeddings, overrides, isolates and marks
 * (a name or file name written with U+202E reads backwards: "Invoice‮xslx.exe") and zero-width spaces, joiners and
 * the BOM (two names that look the same but differ). Stripped from names and file names; the cost is the rare
 * legitimate zero-width joiner (some scripts and emoji sequences), which a company name does not need to be told apart.
 */
const INVISIBLE = /[\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export function hasControlCharacters(value: string, allowLineBreaks = false): boolean {
  return (allowLineBreaks ? CONTROL_EXCEPT_LINES : CONTROL).test(value);
}

export function stripInvisible(value: string): string {
  return value.replace(INVISIBLE, '');
}

const CONTROL_MESSAGE = 'Contains a control character (such as NUL); remove it';

/** Trimmed, at most `max` characters, and not empty when `required` (its message) is given. */
const bounded = (max: number, required?: string) => (required ? z.string().trim().min(1, required).max(max) : z.string().trim().max(max));

/** One line of text: control characters refused, trimmed, at most `max` characters. */
export const lineText = (max: number, required?: string) =>
  z.string().refine((v) => !hasControlCharacters(v), CONTROL_MESSAGE).pipe(bounded(max, required));

/** Several lines (notes, messages): tab and line breaks allowed, other control characters refused. */
export const multilineText = (max: number) =>
  z.string().refine((v) => !hasControlCharacters(v, true), CONTROL_MESSAGE).pipe(bounded(max));

/** A name people read (client, company, contact, view): one line, with bidi controls and zero-width characters removed. */
export const nameText = (max: number, required?: string) =>
  z.string().refine((v) => !hasControlCharacters(v), CONTROL_MESSAGE).transform(stripInvisible).pipe(bounded(max, required));

/** Optional text: empty (after trimming) means not given. */
export const optionalText = (schema: z.ZodType<string, string>) =>
  schema.optional().transform((v) => (v === '' ? undefined : v));
