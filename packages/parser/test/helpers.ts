import { flatLineHooks } from '../src/flatline.js';
import { parserTestHooks } from '../src/parse.js';
import { parse, type CommandStatement, type Expr, type NamedArg, type Statement } from '@roslint/parser';

export function parseOk(src: string) {
  const r = parse(src);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`unexpected diagnostics for ${JSON.stringify(src)}: ${errors.map((d) => d.message).join('; ')}`);
  return r;
}

export function cmd(src: string, index = 0): CommandStatement {
  const s = parseOk(src).script.body[index];
  if (!s || s.kind !== 'command') throw new Error(`statement ${index} of ${JSON.stringify(src)} is ${s?.kind}`);
  return s;
}

export function named(c: CommandStatement, name: string): NamedArg {
  const a = c.args.find((x): x is NamedArg => x.kind === 'named' && x.name === name);
  if (!a) throw new Error(`no arg ${name}`);
  return a;
}

/** The source text a node spans. */
export const spanText = (src: string, n: { start: number; end: number }) => src.slice(n.start, n.end);

/** Compact rendering of an expression, for shape assertions. */
export function show(e: Expr | null | undefined): string {
  if (!e) return '∅';
  switch (e.kind) {
    case 'word': return e.text;
    case 'string':
      return e.value !== null ? JSON.stringify(e.value) : '"' + e.parts.map((p) => (p.kind === 'text' ? p.value : '${' + show(p.expr) + '}')).join('') + '"';
    case 'variable': return '$' + (e.quoted ? JSON.stringify(e.name) : e.name);
    case 'substitution': return '[' + (e.command ? showStmt(e.command) : '') + ']';
    case 'paren': return '(' + show(e.expr) + ')';
    case 'binary': return '(' + show(e.left) + ' ' + e.operator + ' ' + show(e.right) + ')';
    case 'unary': return e.operator + show(e.operand);
    case 'array': return '{' + e.entries.map((x) => (x.key ? show(x.key) + '=' : '') + show(x.value)).join(';') + '}';
    case 'block': return '{' + e.body.map(showStmt).join('; ') + '}';
    case 'concat': return 'cat(' + e.parts.map(show).join(',') + ')';
    case 'where': return 'where ' + show(e.condition);
  }
}

export function showStmt(s: Statement): string {
  switch (s.kind) {
    case 'command': {
      const path = s.path ? (s.path.absolute ? '/' : '') + s.path.segments.map((x) => x.name).join('/') + ' ' : '';
      const head = s.callee ? 'call ' + show(s.callee) : s.command ? (s.colon ? ':' : '') + s.command.name : '<menu>';
      const args = s.args.map((a) => (a.kind === 'named' ? `${a.name}=${a.negated ? '!' : ''}${show(a.value)}` : a.kind === 'unset' ? '!' + a.name : show(a.value)));
      return [path + head, ...args].join(' ');
    }
    case 'pathBlock': return '/' + s.path.segments.map((x) => x.name).join('/') + ' {' + s.body.map(showStmt).join('; ') + '}';
    case 'blockStatement': return '{' + s.body.map(showStmt).join('; ') + '}';
    case 'error': return '<error>';
  }
}

/**
 * Parse with the fast paths on (flat lines from the text, then tokens; `tokensOnly`: the token fast
 * path alone) and with both off (scanner + grammar only).
 */
export function both(src: string | Uint8Array, tokensOnly = false) {
  parserTestHooks.disableFastPath = false;
  flatLineHooks.disabled = tokensOnly;
  const fast = parse(src);
  parserTestHooks.disableFastPath = true;
  flatLineHooks.disabled = true;
  try {
    return { fast, slow: parse(src) };
  } finally {
    parserTestHooks.disableFastPath = false;
    flatLineHooks.disabled = false;
  }
}
