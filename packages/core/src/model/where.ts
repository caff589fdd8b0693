/**
 * `find` filters and `where` expressions evaluated against one item, in three-valued logic:
 * true, false, or undefined (= cannot tell statically: a variable, a dynamic value, a property a
 * built-in item may have without the file saying so).
 */
import type { Arg, Expr } from '@roslint/parser';
import type { Item } from './types.js';
import { boolText, exprText } from './values.js';

export type Truth = boolean | undefined;

type Operand = { kind: 'str'; text: string } | { kind: 'bool'; value: boolean } | undefined;

function and3(a: Truth, b: Truth): Truth {
  if (a === false || b === false) return false;
  if (a === undefined || b === undefined) return undefined;
  return true;
}

function or3(a: Truth, b: Truth): Truth {
  if (a === true || b === true) return true;
  if (a === undefined || b === undefined) return undefined;
  return false;
}

function not3(a: Truth): Truth {
  return a === undefined ? undefined : !a;
}

/**
 * An item's property as `find` sees it. Items created by `add` hold everything the file gave them,
 * so an absent property is empty; built-in (implicit) items may hold values the file never shows,
 * so an absent property there is unknown — except `name`, which defaults to `default-name`.
 */
export function itemPropForMatch(item: Item, name: string): string | undefined {
  const v = item.props.get(name);
  if (v !== undefined) {
    if (v.dynamic || v.uncertain) return undefined;
    return v.negated ? '!' + v.text : v.text;
  }
  if (name === 'name') {
    const d = item.props.get('default-name');
    if (d !== undefined) return d.dynamic || d.uncertain ? undefined : d.text;
  }
  if (item.implicit) return undefined;
  return '';
}

function equalValues(actual: Operand, expected: Operand): Truth {
  if (actual === undefined || expected === undefined) return undefined;
  const asBool = (o: Operand & object): boolean | undefined =>
    o.kind === 'bool' ? o.value : o.text === '' ? undefined : boolText(o.text);
  const ab = asBool(actual);
  const eb = asBool(expected);
  if (actual.kind === 'bool' || expected.kind === 'bool' || (ab !== undefined && eb !== undefined)) {
    // An absent flag (`disabled` never written) is false.
    const a = ab ?? (actual.kind === 'str' && actual.text === '' ? false : undefined);
    const e = eb ?? (expected.kind === 'str' && expected.text === '' ? false : undefined);
    if (a === undefined || e === undefined) return false;
    return a === e;
  }
  if (eb !== undefined && actual.kind === 'str' && actual.text === '') return eb === false;
  return actual.kind === 'str' && expected.kind === 'str' ? actual.text === expected.text : undefined;
}

/** A property used as a flag (`!disabled`, `[find default]`): yes/true → true; absent → false. */
function flag(item: Item, name: string): Truth {
  const t = itemPropForMatch(item, name);
  if (t === undefined) return undefined;
  if (t === '') return false;
  return boolText(t);
}

const MAX_REGEX_LENGTH = 256;
// Even a harmless-looking `.*a.*b` is cubic in the value's length: 4,096 chars take 20 s in V8.
const MAX_SUBJECT_LENGTH = 512;
const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\r\\n\\v\\f',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: 'A-Za-z0-9_',
};
const regexCache = new Map<string, RegExp | null>();

/**
 * Could this pattern backtrack catastrophically? JS regexes backtrack, and a lint must not hang on
 * a `where comment~"…"` in the file: a quantified group that itself contains a quantifier or an
 * alternation (`(a+)+`, `(a|a?)+`, `(a|aa)*` — exponential), or more than two unbounded
 * quantifiers (`a*a*a*b`: 512 characters take 20 s — polynomial of high degree) count as risky. Conservative on purpose:
 * a rejected pattern only makes the match "cannot tell".
 */
function riskyRegex(pattern: string): boolean {
  const groups: boolean[] = []; // per open group: contains a quantifier or `|`
  let unbounded = 0;
  let lastGroupRisky = false; // the token just before is a group that contains one
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const wasGroup = lastGroupRisky;
    lastGroupRisky = false;
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      // A bracket expression is one atom; `]` right after `[` or `[^` is literal.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      i = j;
    } else if (c === '(') {
      groups.push(false);
    } else if (c === ')') {
      const inner = groups.pop() ?? false;
      if (inner && groups.length > 0) groups[groups.length - 1] = true;
      lastGroupRisky = inner;
    } else if (c === '|') {
      if (groups.length > 0) groups[groups.length - 1] = true;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      if (wasGroup) return true;
      if (c === '*' || c === '+' || (c === '{' && wideRepeat(pattern.slice(i, i + 16)))) unbounded++;
      if (groups.length > 0) groups[groups.length - 1] = true;
      if (c === '{') while (i < pattern.length && pattern[i] !== '}') i++;
    }
  }
  return unbounded > 2;
}

/** `{n,}` or `{n,m}` with m > 16: as costly as `*` when backtracking. */
function wideRepeat(text: string): boolean {
  const m = /^\{(\d*)(,(\d*))?\}/.exec(text);
  return m !== null && m[2] !== undefined && (m[3] === '' || Number(m[3]) > 16);
}

/**
 * Compile a RouterOS (POSIX extended) regex as a JS RegExp, or null when it is too long, does not
 * compile, or could backtrack catastrophically (`riskyRegex`).
 */
export function safeRegex(pattern: string): RegExp | null {
  const cached = regexCache.get(pattern);
  if (cached !== undefined) return cached;
  let re: RegExp | null = null;
  if (pattern.length <= MAX_REGEX_LENGTH && !riskyRegex(pattern)) {
    const converted = pattern.replace(/\[:([a-z]+):\]/g, (m, cls: string) => POSIX_CLASSES[cls] ?? m);
    try {
      re = new RegExp(converted);
    } catch {
      re = null;
    }
  }
  if (regexCache.size > 1000) regexCache.clear();
  regexCache.set(pattern, re);
  return re;
}

function parseIPv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return undefined;
    n = n * 256 + o;
  }
  return n;
}

/** IPv4 `[start, end]` of an address or prefix (`10.0.0.1`, `10.0.0.0/8`). */
function ipv4Range(text: string): [number, number] | undefined {
  const [addr, len] = text.split('/');
  const a = parseIPv4(addr ?? '');
  if (a === undefined) return undefined;
  const bits = len === undefined ? 32 : Number(len);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  const start = Math.floor(a / size) * size;
  return [start, start + size - 1];
}

function numberOf(o: Operand): number | undefined {
  if (o === undefined || o.kind !== 'str' || o.text.trim() === '') return undefined;
  const n = Number(o.text);
  return Number.isFinite(n) ? n : undefined;
}

/** The value of an operand: on the left of a comparison a bare word is a property name. */
function operand(expr: Expr, item: Item, isProperty: boolean): Operand {
  switch (expr.kind) {
    case 'word': {
      if (isProperty) {
        const t = itemPropForMatch(item, expr.text);
        return t === undefined ? undefined : { kind: 'str', text: t };
      }
      return { kind: 'str', text: expr.text };
    }
    case 'string':
    case 'concat': {
      const t = exprText(expr);
      return t === undefined ? undefined : { kind: 'str', text: t };
    }
    case 'paren':
    case 'binary':
    case 'unary':
    case 'where': {
      const inner = expr.kind === 'paren' ? expr.expr : expr;
      if (inner !== null && inner.kind === 'word') return operand(inner, item, isProperty);
      const t = evalCondition(expr, item);
      return t === undefined ? undefined : { kind: 'bool', value: t };
    }
    default:
      return undefined;
  }
}

/** Evaluate a `where` condition against an item. */
export function evalCondition(expr: Expr | null, item: Item, depth = 0): Truth {
  if (expr === null) return true;
  if (depth > 200) return undefined;
  switch (expr.kind) {
    case 'where':
      return evalCondition(expr.condition, item, depth + 1);
    case 'paren':
      return evalCondition(expr.expr, item, depth + 1);
    case 'word':
      return flag(item, expr.text);
    case 'unary':
      return expr.operator === '!' ? not3(evalCondition(expr.operand, item, depth + 1)) : undefined;
    case 'binary': {
      const op = expr.operator;
      if (op === '&&' || op === 'and') return and3(evalCondition(expr.left, item, depth + 1), evalCondition(expr.right, item, depth + 1));
      if (op === '||' || op === 'or') return or3(evalCondition(expr.left, item, depth + 1), evalCondition(expr.right, item, depth + 1));
      const left = operand(expr.left, item, true);
      const right = operand(expr.right, item, false);
      switch (op) {
        case '=':
          return equalValues(left, right);
        case '!=':
          return not3(equalValues(left, right));
        case '~': {
          if (left?.kind !== 'str' || right?.kind !== 'str') return undefined;
          const re = safeRegex(right.text);
          if (re === null || left.text.length > MAX_SUBJECT_LENGTH) return undefined;
          return re.test(left.text);
        }
        case 'in': {
          if (left?.kind !== 'str' || right?.kind !== 'str') return undefined;
          const inner = ipv4Range(left.text);
          const outer = ipv4Range(right.text);
          if (!inner || !outer) return undefined;
          return inner[0] >= outer[0] && inner[1] <= outer[1];
        }
        case '<':
        case '>':
        case '<=':
        case '>=': {
          const a = numberOf(left);
          const b = numberOf(right);
          if (a === undefined || b === undefined) return undefined;
          return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
        }
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}

/**
 * Evaluate `find` arguments (`default-name=ether1`, `!disabled`, `dynamic`, `where …`) against an
 * item; all of them must hold.
 */
export function matchFindArgs(args: readonly Arg[], item: Item): Truth {
  let result: Truth = true;
  for (const arg of args) {
    let t: Truth;
    if (arg.kind === 'named') {
      const expected = exprText(arg.value);
      if (expected === undefined) t = undefined;
      else {
        const actual = itemPropForMatch(item, arg.name);
        t = equalValues(actual === undefined ? undefined : { kind: 'str', text: actual }, {
          kind: 'str',
          text: arg.negated ? '!' + expected : expected,
        });
      }
    } else if (arg.kind === 'unset') {
      t = not3(flag(item, arg.name));
    } else if (arg.value.kind === 'where') {
      t = evalCondition(arg.value, item);
    } else if (arg.value.kind === 'word') {
      t = flag(item, arg.value.text);
    } else {
      t = evalCondition(arg.value, item);
    }
    result = and3(result, t);
    if (result === false) return false;
  }
  return result;
}
