/**
 * The RouterOS script AST.
 *
 * Every node carries `start`/`end`: a half-open span of offsets into the decoded source text
 * (`SourceText.text`). Line/column are computed only when a diagnostic is made (SourceText.positionAt),
 * which keeps nodes small on 20 MB exports.
 *
 * The AST knows the *shape* of the language, not what commands mean: `:if`, `add`, `set` and `$f`
 * calls are all `CommandStatement`s; the evaluator (packages/core) gives them meaning.
 */

export interface NodeBase {
  start: number;
  end: number;
}

export interface Script extends NodeBase {
  kind: 'script';
  body: Statement[];
  /** Every `#` comment in the file (including the export header), in source order. */
  comments: Comment[];
}

export interface Comment extends NodeBase {
  kind: 'comment';
  /** Text after the `#`, without the line terminator. */
  text: string;
}

export type Statement = CommandStatement | PathBlockStatement | BlockStatement | ErrorStatement;

/**
 * A path segment: a menu name (`ip`, `firewall`), `..` (up one level).
 * `/ip firewall filter` and `/ip/firewall/filter` both give segments ip, firewall, filter.
 * Names are kept as written (possibly abbreviated: `/ip fire fil`); the model resolves them.
 */
export interface PathSegment extends NodeBase {
  kind: 'segment';
  name: string;
}

export interface Path extends NodeBase {
  kind: 'path';
  /** True when the path starts with `/` (from root); false when relative to the current menu. */
  absolute: boolean;
  segments: PathSegment[];
}

/**
 * One command line: `[/path…] [command] [args…]`.
 *
 * - `/ip firewall filter`                 → path set, command null (path-only line: changes the current menu)
 * - `/ip firewall filter add chain=input` → path ip/firewall/filter, command `add`
 * - `add chain=input`                     → path null, command `add`
 * - `:local x 1` / `:if (…) do={…}`       → command `local` / `if` with `colon: true`
 * - `if (…) do={…}` (no colon)            → command `if`, colon false
 * - `$f a=1 "x"`                          → command null, callee VariableExpr `f`
 *
 * Which trailing path word is the command: the parser splits on a known verb list
 * (see `KNOWN_COMMANDS`); when no known verb is present and the line has arguments, the last
 * path word is taken as the command (`/ping 10.0.0.1`, `/interface wireguard wg-import file=x`).
 */
export interface CommandStatement extends NodeBase {
  kind: 'command';
  path: Path | null;
  command: Identifier | null;
  /** `:` prefix present (`:local`, `:if`). */
  colon: boolean;
  /** For function calls `$f a=1`. */
  callee: VariableExpr | null;
  args: Arg[];
}

/** `/ip firewall { filter add …; nat add … }` — the body runs relative to `path`. */
export interface PathBlockStatement extends NodeBase {
  kind: 'pathBlock';
  path: Path;
  body: Statement[];
}

/** A bare `{ … }` local-scope block at statement position. */
export interface BlockStatement extends NodeBase {
  kind: 'blockStatement';
  body: Statement[];
}

/** What the parser kept of a statement it could not parse (a diagnostic was reported for it). */
export interface ErrorStatement extends NodeBase {
  kind: 'error';
}

export interface Identifier extends NodeBase {
  kind: 'identifier';
  name: string;
}

export type Arg = NamedArg | PositionalArg | UnsetArg;

/**
 * `name=value`. Also dotted (`configuration.mode=ap`) and leading-dot (`.mode=ap`) names, kept as
 * written in `name`. `name=!value` sets `negated`. `name=` with nothing after it has value null
 * (an empty value).
 */
export interface NamedArg extends NodeBase {
  kind: 'named';
  name: string;
  nameSpan: { start: number; end: number };
  negated: boolean;
  value: Expr | null;
}

/** `set ether1`, `:put "x"`, `print detail`, `:if (cond)`, `:local x 1`, `:do { … }`. */
export interface PositionalArg extends NodeBase {
  kind: 'positional';
  value: Expr;
}

/** `!name` in `set` (unset a property) or in `find` (flag negation, `!disabled`). */
export interface UnsetArg extends NodeBase {
  kind: 'unset';
  name: string;
}

/**
 * Values and expressions share one node family.
 *
 * In argument position an unquoted value is a `WordExpr` holding its raw text
 * (`10.0.0.0/8,10.1.0.0/24`, `established,related`, `1d2h`, `*1A`, `172.17.0.1%wireguard1`);
 * the parser does not type it. Inside `( … )` and `where` clauses the parser builds operator trees.
 */
export type Expr =
  | WordExpr
  | StringExpr
  | VariableExpr
  | SubstitutionExpr
  | ParenExpr
  | BinaryExpr
  | UnaryExpr
  | ArrayExpr
  | BlockExpr
  | ConcatExpr
  | WhereExpr;

/** Unquoted text. `text` is exactly as in the source (after joining `\`-continuations). */
export interface WordExpr extends NodeBase {
  kind: 'word';
  text: string;
}

export type StringPart =
  | { kind: 'text'; value: string; start: number; end: number }
  | { kind: 'interpolation'; expr: Expr; start: number; end: number };

/**
 * `"…"`. `value` is the decoded text when the string has no interpolation (escapes resolved,
 * continuations joined), else null. `parts` always holds the pieces.
 * `embedded` is the parsed script for script-carrying properties (`source=`, `on-event=`, …)
 * with spans already mapped back into this file.
 */
export interface StringExpr extends NodeBase {
  kind: 'string';
  value: string | null;
  parts: StringPart[];
  embedded?: Script;
}

/** `$name`, `$"quoted name"`, `$1`. */
export interface VariableExpr extends NodeBase {
  kind: 'variable';
  name: string;
  quoted: boolean;
}

/** `[ command ]`; `command` is null for `[]`. */
export interface SubstitutionExpr extends NodeBase {
  kind: 'substitution';
  command: CommandStatement | null;
}

export interface ParenExpr extends NodeBase {
  kind: 'paren';
  expr: Expr | null;
}

export type BinaryOperator =
  | '&&' | '||' | 'and' | 'or' | 'in' | '~' | '->' | '.' | ','
  | '+' | '-' | '*' | '/' | '%'
  | '<' | '>' | '=' | '<=' | '>=' | '!='
  | '|' | '^' | '&' | '<<' | '>>';

export interface BinaryExpr extends NodeBase {
  kind: 'binary';
  operator: BinaryOperator;
  left: Expr;
  right: Expr;
}

export interface UnaryExpr extends NodeBase {
  kind: 'unary';
  operator: '!' | '-' | '~';
  operand: Expr;
}

/** `{1;2;"a"=3}` in value/expression position. */
export interface ArrayExpr extends NodeBase {
  kind: 'array';
  entries: { key: Expr | null; value: Expr; start: number; end: number }[];
}

/** `{ … }` code block as a value: `do={…}`, `else={…}`, `on-error={…}`, `:do { … }`. */
export interface BlockExpr extends NodeBase {
  kind: 'block';
  body: Statement[];
}

/** Pieces glued without whitespace: `wg-$n`, `"a"$b`, `10.0.$x.1`. */
export interface ConcatExpr extends NodeBase {
  kind: 'concat';
  parts: Expr[];
}

/**
 * `where <expr>` in `find`/`print`/`export`, e.g. `[find where name~"^wg" && !disabled]`.
 * Inside it, bare words on the left of comparisons are property names (WordExpr).
 * Appears as a PositionalArg value.
 */
export interface WhereExpr extends NodeBase {
  kind: 'where';
  condition: Expr | null;
}
