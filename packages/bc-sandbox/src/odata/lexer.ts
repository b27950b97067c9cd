/** Tokenizer for OData $filter expressions. */
import { badRequest } from './errors';

export type TokenType = 'string' | 'number' | 'date' | 'datetime' | 'guid' | 'ident' | 'lparen' | 'rparen' | 'comma' | 'eof';

export interface Token {
  type: TokenType;
  text: string;
  pos: number;
}

const PATTERNS: [TokenType, RegExp][] = [
  ['guid', /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/y],
  ['datetime', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})(?![\w])/y],
  ['date', /\d{4}-\d{2}-\d{2}(?![\w-])/y],
  ['number', /-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?(?![\w])/y],
  ['ident', /[A-Za-z_][\w]*(\/[A-Za-z_][\w]*)*/y],
];

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < input.length) {
    const ch = input[pos] as string;
    if (/\s/.test(ch)) { pos++; continue; }
    if (ch === '(') { tokens.push({ type: 'lparen', text: ch, pos }); pos++; continue; }
    if (ch === ')') { tokens.push({ type: 'rparen', text: ch, pos }); pos++; continue; }
    if (ch === ',') { tokens.push({ type: 'comma', text: ch, pos }); pos++; continue; }
    if (ch === "'") {
      let value = '';
      let i = pos + 1;
      for (;;) {
        if (i >= input.length) throw badRequest(`Syntax error: unterminated string literal at position ${pos} in '${input}'.`);
        if (input[i] === "'") {
          if (input[i + 1] === "'") { value += "'"; i += 2; continue; }
          break;
        }
        value += input[i];
        i++;
      }
      tokens.push({ type: 'string', text: value, pos });
      pos = i + 1;
      continue;
    }
    let matched = false;
    for (const [type, re] of PATTERNS) {
      re.lastIndex = pos;
      const m = re.exec(input);
      if (m) {
        tokens.push({ type, text: m[0], pos });
        pos += m[0].length;
        matched = true;
        break;
      }
    }
    if (!matched) throw badRequest(`Syntax error at position ${pos} in '${input}'.`);
  }
  tokens.push({ type: 'eof', text: '', pos });
  return tokens;
}
