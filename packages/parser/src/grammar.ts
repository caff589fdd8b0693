/**
 * The RouterOS grammar: chevrotain EmbeddedActionsParser, one rule per method, building the AST
 * of ast.ts directly. It parses the tokens of ONE top-level statement (the scanner splits the file),
 * so one instance is reused for the whole file. Bracket balance was checked by the scanner; what is
 * left here are ordinary "expected X, found Y" errors, reported by the driver (parse.ts).
 */
import { EmbeddedActionsParser, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import type {
  Arg, ArrayExpr, BinaryOperator, BlockExpr, CommandStatement, Expr, Identifier, NamedArg, PathSegment,
  Statement, StringExpr, StringPart, SubstitutionExpr, VariableExpr,
} from './ast.js';
import { KNOWN_COMMANDS, SCRIPT_COMMANDS, SPACED_VALUE_ARGS } from './commands.js';
import * as T from './lexer/tokens.js';
import type { Tok } from './lexer/tokens.js';

const show = (tok: IToken): string =>
  tok.tokenType.name === 'EOF' ? 'the end of the command' : tok.tokenType === T.Sep ? 'the end of the command' : `\`${tok.image}\``;
const label = (tt: TokenType): string => tt.LABEL ?? tt.name;

const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `expected ${label(expected)} but found ${show(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `unexpected ${show(firstRedundant)}`,
  buildNoViableAltMessage: ({ actual, ruleName }) => `expected ${RULE_WHAT[ruleName] ?? ruleName} but found ${show(actual[0]!)}`,
  buildEarlyExitMessage: ({ actual, ruleName }) => `expected ${RULE_WHAT[ruleName] ?? ruleName} but found ${show(actual[0]!)}`,
};

const RULE_WHAT: Record<string, string> = {
  statement: 'a command',
  commandLine: 'a command',
  item: 'an argument',
  primary: 'a value',
  unary: 'a value',
  expression: 'an expression',
  arrayEntry: 'an array element',
};

/** Binary operator precedence, higher binds tighter. */
const PRECEDENCE = new Map<TokenType, [BinaryOperator, number]>([
  [T.Comma, [',', 1]],
  [T.OrOr, ['||', 2]], [T.KwOr, ['or', 2]],
  [T.AndAnd, ['&&', 3]], [T.KwAnd, ['and', 3]],
  [T.Eq, ['=', 4]], [T.Neq, ['!=', 4]], [T.Lt, ['<', 4]], [T.Gt, ['>', 4]], [T.Le, ['<=', 4]], [T.Ge, ['>=', 4]],
  [T.Tilde, ['~', 4]], [T.KwIn, ['in', 4]],
  [T.Pipe, ['|', 5]], [T.Caret, ['^', 6]], [T.Amp, ['&', 7]],
  [T.Shl, ['<<', 8]], [T.Shr, ['>>', 8]],
  [T.Plus, ['+', 9]], [T.Minus, ['-', 9]], [T.Dot, ['.', 9]],
  [T.Star, ['*', 10]], [T.Div, ['/', 10]], [T.Percent, ['%', 10]],
  [T.Arrow, ['->', 12]],
]);

const PRIMARY_START = new Set<TokenType>([T.Word, T.StringStart, T.Variable, T.LBracket, T.LParen, T.LBrace, T.LCurlyArray]);

const end = (tok: IToken): number => (tok as Tok).end;
/** A word made of path segments: `ip`, `ip/firewall/filter/`, `..`, `../peers` (not `10.0.0.1`, `*1A`). */
function isPathWord(w: string): boolean {
  let segStart = true;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c === 47 /* / */) { segStart = true; continue; }
    if (segStart) {
      if (c === 46 /* . */) {
        if (w.charCodeAt(i + 1) !== 46) return false;
        const n = w.charCodeAt(i + 2);
        if (i + 2 < w.length && n !== 47) return false;
        i++;
        continue;
      }
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) return false;
      segStart = false;
      continue;
    }
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95)) return false;
  }
  return true;
}


export class RouterOsParser extends EmbeddedActionsParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: false, maxLookahead: 2, errorMessageProvider: errorMessages, skipValidations: true });
    this.performSelfAnalysis();
  }

  /** Entry: the tokens of one top-level statement. */
  public topStatement = this.RULE('topStatement', (): Statement => {
    return this.SUBRULE(this.statement);
  });

  private statement = this.RULE('statement', (): Statement => {
    return this.OR([
      {
        ALT: () => {
          const open = this.CONSUME(T.LBrace);
          const body = this.SUBRULE(this.statementList);
          const close = this.CONSUME(T.RBrace);
          return this.ACTION((): Statement => ({ kind: 'blockStatement', body, start: open.startOffset, end: end(close) }));
        },
      },
      { ALT: () => this.SUBRULE(this.commandLine) },
    ]);
  });

  /** Statements separated by `;`/newlines, up to (not including) the closing bracket. */
  private statementList = this.RULE('statementList', (): Statement[] => {
    const body: Statement[] = [];
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(T.Sep); } },
        { ALT: () => { const s = this.SUBRULE(this.statement); this.ACTION(() => body.push(s)); } },
      ]);
    });
    return body;
  });

  private commandLine = this.RULE('commandLine', (): Statement => {
    let colon: IToken | undefined;
    let slash: IToken | undefined;
    let name: Tok | undefined;
    const items: Arg[] = [];
    this.OR([
      { ALT: () => { colon = this.CONSUME(T.Colon); name = this.CONSUME(T.Word) as Tok; } },
      { ALT: () => { slash = this.CONSUME(T.Slash); } },
      { ALT: () => { const it = this.SUBRULE(this.item); this.ACTION(() => items.push(it)); } },
    ]);
    this.MANY(() => {
      const it = this.SUBRULE2(this.item);
      this.ACTION(() => items.push(it));
    });
    return this.ACTION(() => buildCommand(colon, slash, name, items));
  });

  private item = this.RULE('item', (): Arg => {
    return this.OR([
      {
        ALT: () => {
          const bang = this.CONSUME(T.Bang);
          const w = this.CONSUME(T.Word) as Tok;
          return this.ACTION((): Arg => ({ kind: 'unset', name: w.image, start: bang.startOffset, end: w.end }));
        },
      },
      { ALT: () => this.SUBRULE(this.namedArg) },
      {
        ALT: () => {
          const kw = this.CONSUME(T.Where);
          const cond = this.OPTION(() => this.SUBRULE(this.expression));
          return this.ACTION((): Arg => {
            const e = cond ? cond.end : end(kw);
            return { kind: 'positional', value: { kind: 'where', condition: cond ?? null, start: kw.startOffset, end: e }, start: kw.startOffset, end: e };
          });
        },
      },
      {
        ALT: () => {
          const v = this.SUBRULE(this.value);
          return this.ACTION((): Arg => ({ kind: 'positional', value: v, start: v.start, end: v.end }));
        },
      },
    ]);
  });

  private namedArg = this.RULE('namedArg', (): NamedArg => {
    const n = this.CONSUME(T.ArgName) as Tok;
    const eq = this.CONSUME(T.Assign);
    const spacedOk = this.ACTION(() => SPACED_VALUE_ARGS.has(n.image));
    const bang = this.OPTION(() => this.CONSUME(T.Bang));
    const v = this.OPTION2({
      GATE: () => !(this.LA(1) as Tok).ws || spacedOk,
      DEF: () => this.SUBRULE(this.value),
    });
    return this.ACTION((): NamedArg => ({
      kind: 'named', name: n.image, nameSpan: { start: n.startOffset, end: n.end }, negated: bang !== undefined,
      value: v ?? null, start: n.startOffset, end: v ? v.end : bang ? end(bang) : end(eq),
    }));
  });

  /** A value: primaries glued without whitespace (`wg-$n`, `"a"$b`). */
  private value = this.RULE('value', (): Expr => {
    const first = this.SUBRULE(this.primary);
    const parts: Expr[] = [first];
    this.MANY({
      GATE: () => { const t = this.LA(1) as Tok; return !t.ws && PRIMARY_START.has(t.tokenType); },
      DEF: () => { const p = this.SUBRULE2(this.primary); this.ACTION(() => parts.push(p)); },
    });
    return this.ACTION((): Expr => (parts.length === 1 ? first : { kind: 'concat', parts, start: first.start, end: parts[parts.length - 1]!.end }));
  });

  private primary = this.RULE('primary', (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const w = this.CONSUME(T.Word) as Tok;
          return this.ACTION((): Expr => ({ kind: 'word', text: w.image, start: w.startOffset, end: w.end }));
        },
      },
      { ALT: () => this.SUBRULE(this.string) },
      { ALT: () => this.SUBRULE(this.variable) },
      { ALT: () => this.SUBRULE(this.substitution) },
      { ALT: () => this.SUBRULE(this.paren) },
      { ALT: () => this.SUBRULE(this.block) },
      { ALT: () => this.SUBRULE(this.array) },
    ]);
  });

  private variable = this.RULE('variable', (): VariableExpr => {
    const v = this.CONSUME(T.Variable) as Tok;
    return this.ACTION((): VariableExpr => ({ kind: 'variable', name: v.value ?? '', quoted: v.quoted ?? false, start: v.startOffset, end: v.end }));
  });

  private string = this.RULE('string', (): StringExpr => {
    const open = this.CONSUME(T.StringStart);
    const parts: StringPart[] = [];
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            const t = this.CONSUME(T.StringText) as Tok;
            this.ACTION(() => {
              const part = { kind: 'text' as const, value: t.value ?? '', start: t.startOffset, end: t.end };
              if (t.srcStart) OFFSET_MAPS.set(part, { srcStart: t.srcStart, srcEnd: t.srcEnd! });
              parts.push(part);
            });
          },
        },
        {
          ALT: () => {
            const v = this.SUBRULE(this.variable);
            this.ACTION(() => parts.push({ kind: 'interpolation', expr: v, start: v.start, end: v.end }));
          },
        },
        {
          ALT: () => {
            const o = this.CONSUME(T.InterpParen);
            const e = this.OPTION(() => this.SUBRULE(this.expression));
            const c = this.CONSUME(T.RParen);
            this.ACTION(() => parts.push({
              kind: 'interpolation', start: o.startOffset, end: end(c),
              expr: { kind: 'paren', expr: e ?? null, start: o.startOffset, end: end(c) },
            }));
          },
        },
        {
          ALT: () => {
            const o = this.CONSUME(T.InterpBracket);
            const cmd = this.OPTION2(() => this.SUBRULE(this.commandLine));
            const c = this.CONSUME(T.RBracket);
            this.ACTION(() => parts.push({
              kind: 'interpolation', start: o.startOffset, end: end(c),
              expr: { kind: 'substitution', command: asCommand(cmd), start: o.startOffset, end: end(c) },
            }));
          },
        },
      ]);
    });
    const close = this.CONSUME(T.StringEnd);
    return this.ACTION((): StringExpr => {
      let value: string | null = '';
      for (const p of parts) {
        if (p.kind === 'text') value += p.value;
        else { value = null; break; }
      }
      return { kind: 'string', value, parts, start: open.startOffset, end: end(close) };
    });
  });

  private substitution = this.RULE('substitution', (): SubstitutionExpr => {
    const open = this.CONSUME(T.LBracket);
    this.MANY(() => this.CONSUME(T.Sep));
    const cmd = this.OPTION(() => this.SUBRULE(this.commandLine));
    this.MANY2(() => this.CONSUME2(T.Sep));
    const close = this.CONSUME(T.RBracket);
    return this.ACTION((): SubstitutionExpr => ({ kind: 'substitution', command: asCommand(cmd), start: open.startOffset, end: end(close) }));
  });

  private paren = this.RULE('paren', (): Expr => {
    const open = this.CONSUME(T.LParen);
    const e = this.OPTION(() => this.SUBRULE(this.expression));
    const close = this.CONSUME(T.RParen);
    return this.ACTION((): Expr => ({ kind: 'paren', expr: e ?? null, start: open.startOffset, end: end(close) }));
  });

  private block = this.RULE('block', (): BlockExpr => {
    const open = this.CONSUME(T.LBrace);
    const body = this.SUBRULE(this.statementList);
    const close = this.CONSUME(T.RBrace);
    return this.ACTION((): BlockExpr => ({ kind: 'block', body, start: open.startOffset, end: end(close) }));
  });

  private array = this.RULE('array', (): ArrayExpr => {
    const open = this.CONSUME(T.LCurlyArray);
    const entries: ArrayExpr['entries'] = [];
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(T.Sep); } },
        { ALT: () => { const e = this.SUBRULE(this.arrayEntry); this.ACTION(() => entries.push(e)); } },
      ]);
    });
    const close = this.CONSUME(T.RBrace);
    return this.ACTION((): ArrayExpr => ({ kind: 'array', entries, start: open.startOffset, end: end(close) }));
  });

  private arrayEntry = this.RULE('arrayEntry', (): ArrayExpr['entries'][number] => {
    return this.OR([
      {
        ALT: () => {
          const n = this.CONSUME(T.ArgName) as Tok;
          const eq = this.CONSUME(T.Assign);
          const v = this.OPTION(() => this.SUBRULE(this.value));
          return this.ACTION(() => {
            const key: Expr = { kind: 'word', text: n.image, start: n.startOffset, end: n.end };
            const value: Expr = v ?? { kind: 'word', text: '', start: end(eq), end: end(eq) };
            return { key, value, start: n.startOffset, end: value.end };
          });
        },
      },
      {
        ALT: () => {
          const first = this.SUBRULE2(this.value);
          const second = this.OPTION2(() => {
            this.CONSUME2(T.Assign);
            return this.SUBRULE3(this.value);
          });
          return this.ACTION(() =>
            second ? { key: first, value: second, start: first.start, end: second.end } : { key: null, value: first, start: first.start, end: first.end });
        },
      },
    ]);
  });

  /** Operator expression (parentheses, `$( )`, `where`): a flat operand/operator list, folded by precedence. */
  private expression = this.RULE('expression', (): Expr => {
    const operands: Expr[] = [this.SUBRULE(this.unary)];
    const ops: IToken[] = [];
    this.MANY(() => {
      const op = this.CONSUME(T.BinaryOp);
      const right = this.SUBRULE2(this.unary);
      this.ACTION(() => { ops.push(op); operands.push(right); });
    });
    return this.ACTION(() => foldBinary(operands, ops));
  });

  private unary = this.RULE('unary', (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const op = this.OR2([
            { ALT: () => this.CONSUME(T.Bang) },
            { ALT: () => this.CONSUME(T.Minus) },
            { ALT: () => this.CONSUME(T.Tilde) },
          ]);
          const operand = this.SUBRULE(this.unary);
          return this.ACTION((): Expr => ({ kind: 'unary', operator: op.image as '!' | '-' | '~', operand, start: op.startOffset, end: operand.end }));
        },
      },
      {
        // `(>[:global z "blah"])`: quoted code (undocumented; RouterOS's :parse writes `(> …)`). The
        // command is not run here, like a `do={ … }` body, so it becomes a block.
        ALT: () => {
          const gt = this.CONSUME(T.Gt);
          const operand = this.SUBRULE2(this.unary);
          return this.ACTION((): Expr => operand.kind === 'substitution'
            ? { kind: 'block', body: operand.command ? [operand.command] : [], start: gt.startOffset, end: operand.end }
            : operand);
        },
      },
      { ALT: () => this.SUBRULE(this.value) },
    ]);
  });
}

/** Side table: offset of the `{` of a PathBlockStatement (error recovery puts statements back into it). */
export const BLOCK_OPEN = new WeakMap<object, number>();

/** Side table: decoded→source offset maps of string text parts in script-carrying properties. */
export const OFFSET_MAPS = new WeakMap<object, { srcStart: Int32Array; srcEnd: Int32Array }>();

function asCommand(s: Statement | undefined): CommandStatement | null {
  return s && s.kind === 'command' ? s : null;
}

/** Precedence climbing over a flat operand/operator list (all operators left-associative). */
function foldBinary(operands: Expr[], ops: IToken[]): Expr {
  let i = 0; // index of the next operator; operands[i] is the operand before it
  const climb = (minPrec: number): Expr => {
    let left = operands[i]!;
    while (i < ops.length) {
      const info = PRECEDENCE.get(ops[i]!.tokenType);
      if (!info || info[1] < minPrec) break;
      i++;
      const right = climb(info[1] + 1);
      left = { kind: 'binary', operator: info[0], left, right, start: left.start, end: right.end };
    }
    return left;
  };
  return climb(0);
}

/**
 * Shapes a command line (ast.ts, CommandStatement): leading bare words are path segments up to the
 * first known command word; `$f …` is a call; `/path { … }` is a path block.
 */
export function buildCommand(colon: IToken | undefined, slash: IToken | undefined, name: Tok | undefined, items: Arg[]): Statement {
  const firstTok = colon ?? slash;
  const start = firstTok ? firstTok.startOffset : items[0]!.start;
  let stmtEnd = name ? name.end : slash ? end(slash) : start;
  if (items.length) stmtEnd = Math.max(stmtEnd, items[items.length - 1]!.end);

  if (colon && name) {
    const command: Identifier = { kind: 'identifier', name: name.image, start: colon.startOffset, end: name.end };
    return { kind: 'command', path: null, command, colon: true, callee: null, args: items, start, end: stmtEnd };
  }
  const first = items[0];
  if (!slash && first && first.kind === 'positional' && first.value.kind === 'variable') {
    return { kind: 'command', path: null, command: null, colon: false, callee: first.value, args: items.slice(1), start, end: stmtEnd };
  }
  // Leading bare words: path segments up to the first known command word.
  const segments: PathSegment[] = [];
  let command: Identifier | null = null;
  let k = 0;
  for (; k < items.length; k++) {
    const item = items[k]!;
    if (item.kind !== 'positional' || item.value.kind !== 'word') break;
    const it = item.value;
    const w = it.text;
    if (!slash && k === 0 ? isLeadingVerb(w) : KNOWN_COMMANDS.has(w)) {
      command = { kind: 'identifier', name: w, start: it.start, end: it.end };
      k++;
      break;
    }
    if (!isPathWord(w)) break;
    if (w.indexOf('/') === -1) segments.push({ kind: 'segment', name: w, start: it.start, end: it.end });
    else {
      // `/ip/address/print`: a known verb as the last part of a slash-joined word is the command.
      let off = it.start;
      const parts = w.split('/');
      let last = parts.length - 1;
      while (last > 0 && parts[last] === '') last--;
      for (let j = 0; j < parts.length; j++) {
        const p = parts[j]!;
        if (j === last && j > 0 && KNOWN_COMMANDS.has(p)) command = { kind: 'identifier', name: p, start: off, end: off + p.length };
        else if (p !== '') segments.push({ kind: 'segment', name: p, start: off, end: off + p.length });
        off += p.length + 1;
      }
      if (command) {
        k++;
        break;
      }
    }
  }
  const rest = k === 0 ? items : items.slice(k);
  // `/ip firewall { … }`: a path followed only by a block.
  if (!command && rest.length === 1 && rest[0]!.kind === 'positional' && rest[0]!.value.kind === 'block' && (slash || segments.length)) {
    const block = rest[0]!.value;
    const body = block.body;
    const pathEnd = segments.length ? segments[segments.length - 1]!.end : end(slash!);
    const pb: Statement = {
      kind: 'pathBlock', body, start, end: stmtEnd,
      path: { kind: 'path', absolute: slash !== undefined, segments, start, end: pathEnd },
    };
    BLOCK_OPEN.set(pb, block.start);
    return pb;
  }
  if (!command && rest.length > 0 && segments.length > 0) {
    const last = segments.pop()!;
    command = { kind: 'identifier', name: last.name, start: last.start, end: last.end };
  }
  let path: CommandStatement['path'] = null;
  if (slash || segments.length) {
    const pathEnd = segments.length ? segments[segments.length - 1]!.end : slash ? end(slash) : start;
    path = { kind: 'path' as const, absolute: slash !== undefined, segments, start: slash ? slash.startOffset : segments[0]!.start, end: pathEnd };
  }
  return commandStatement(path, command, rest, start, stmtEnd);
}

function commandStatement(path: CommandStatement['path'], command: Identifier | null, args: Arg[], start: number, stmtEnd: number): CommandStatement {
  return { kind: 'command', path, command, colon: false, callee: null, args, start, end: stmtEnd };
}

/** A word that, first on a line without a leading `/`, is the command itself (see `buildCommand`). */
export function isLeadingVerb(word: string): boolean {
  return KNOWN_COMMANDS.has(word) || SCRIPT_COMMANDS.has(word);
}

/**
 * What `buildCommand` builds for a line whose first word is a leading verb (`add a=b`, `find`):
 * `command` is that word, `args` the items after it. The flat-line path builds it directly.
 */
export function verbCommand(command: Identifier, args: Arg[]): CommandStatement {
  const stmtEnd = args.length ? Math.max(command.end, args[args.length - 1]!.end) : command.end;
  return commandStatement(null, command, args, command.start, stmtEnd);
}
