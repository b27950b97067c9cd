/** Recursive-descent parser for $filter: or > and > not > comparison > primary. */
import { badRequest } from './errors';
import { type Token, type TokenType, tokenize } from './lexer';

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type LiteralType = 'string' | 'number' | 'date' | 'datetime' | 'guid' | 'boolean' | 'null';

export type Expr =
  | { kind: 'literal'; type: LiteralType; value: string | number | boolean | null }
  | { kind: 'field'; name: string }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr };

const COMPARE = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
export const FUNCTIONS: Record<string, number> = { startswith: 2, endswith: 2, contains: 2, tolower: 1, toupper: 1, trim: 1 };

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[], private readonly input: string) {}

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }
  private next(): Token {
    return this.tokens[this.i++] as Token;
  }
  private isWord(word: string): boolean {
    const t = this.peek();
    return t.type === 'ident' && t.text.toLowerCase() === word;
  }
  private expect(type: TokenType, what: string): Token {
    const t = this.next();
    if (t.type !== type) throw this.error(`expected ${what}`, t);
    return t;
  }
  error(what: string, t: Token): Error {
    return badRequest(`Syntax error at position ${t.pos} in '${this.input}': ${what}${t.type === 'eof' ? ' at end of input' : ` near '${t.text}'`}.`);
  }

  parse(): Expr {
    const expr = this.or();
    const t = this.peek();
    if (t.type !== 'eof') throw this.error('unexpected token', t);
    return expr;
  }
  private or(): Expr {
    let left = this.and();
    while (this.isWord('or')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }
  private and(): Expr {
    let left = this.unary();
    while (this.isWord('and')) {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }
  private unary(): Expr {
    if (this.isWord('not')) {
      this.next();
      return { kind: 'not', expr: this.unary() };
    }
    return this.comparison();
  }
  private comparison(): Expr {
    const left = this.primary();
    const t = this.peek();
    if (t.type === 'ident' && COMPARE.has(t.text.toLowerCase())) {
      this.next();
      return { kind: 'compare', op: t.text.toLowerCase() as CompareOp, left, right: this.primary() };
    }
    return left;
  }
  private primary(): Expr {
    const t = this.next();
    switch (t.type) {
      case 'lparen': {
        const inner = this.or();
        this.expect('rparen', "')'");
        return inner;
      }
      case 'string': return { kind: 'literal', type: 'string', value: t.text };
      case 'number': return { kind: 'literal', type: 'number', value: Number(t.text.replace(/[mMdDfFlL]$/, '')) };
      case 'date': return { kind: 'literal', type: 'date', value: t.text };
      case 'datetime': return { kind: 'literal', type: 'datetime', value: t.text };
      case 'guid': return { kind: 'literal', type: 'guid', value: t.text.toLowerCase() };
      case 'ident': return this.identifier(t);
      default: throw this.error('expected a value, field or function', t);
    }
  }
  private identifier(t: Token): Expr {
    const word = t.text.toLowerCase();
    if (word === 'true' || word === 'false') return { kind: 'literal', type: 'boolean', value: word === 'true' };
    if (word === 'null') return { kind: 'literal', type: 'null', value: null };
    if (this.peek().type === 'lparen') {
      const arity = FUNCTIONS[word];
      if (arity === undefined) throw badRequest(`Unknown function '${t.text}' in '${this.input}'.`);
      this.next();
      const args: Expr[] = [this.or()];
      while (this.peek().type === 'comma') {
        this.next();
        args.push(this.or());
      }
      this.expect('rparen', "')'");
      if (args.length !== arity) throw badRequest(`The function '${word}' takes ${arity} argument(s), got ${args.length}.`);
      return { kind: 'call', name: word, args };
    }
    if (COMPARE.has(word) || word === 'and' || word === 'or' || word === 'not') throw this.error('expected a value or field', t);
    return { kind: 'field', name: t.text };
  }
}

export function parseFilter(input: string): Expr {
  return new Parser(tokenize(input), input).parse();
}

export function fieldsOf(expr: Expr): Set<string> {
  const out = new Set<string>();
  const walk = (e: Expr): void => {
    if (e.kind === 'field') out.add(e.name);
    else if (e.kind === 'call') e.args.forEach(walk);
    else if (e.kind === 'compare' || e.kind === 'and' || e.kind === 'or') { walk(e.left); walk(e.right); }
    else if (e.kind === 'not') walk(e.expr);
  };
  walk(expr);
  return out;
}
