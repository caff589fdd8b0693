/**
 * Chevrotain token types. They are produced by the context-aware scanner (scanner.ts), never by a
 * chevrotain Lexer: RouterOS lexing depends on the surrounding construct (command vs expression
 * mode, `#` only at command start, `/` as path root vs division vs part of a prefix), which the
 * scanner tracks with a mode stack.
 */
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';

/** A scanned token. `ws` = whitespace (or a continuation not directly after `=`) precedes it. */
export interface Tok extends IToken {
  ws: boolean;
  /** Exclusive end offset (chevrotain's endOffset is inclusive). */
  end: number;
  /** StringText: decoded text; Variable: the name; Word: the text. */
  value?: string;
  /** Variable: written as `$"…"`. */
  quoted?: boolean;
  /** StringText in a script-carrying property: source offsets of each decoded char. */
  srcStart?: Int32Array;
  srcEnd?: Int32Array;
}

const t = (name: string, label: string, extra: Partial<Parameters<typeof createToken>[0]> = {}): TokenType =>
  createToken({ name, label, pattern: Lexer.NA, ...extra });

export const BinaryOp = t('BinaryOp', 'an operator');

export const Sep = t('Sep', 'end of command');
export const LBrace = t('LBrace', '`{`');
export const LCurlyArray = t('LCurlyArray', '`{`');
export const RBrace = t('RBrace', '`}`');
export const LBracket = t('LBracket', '`[`');
export const RBracket = t('RBracket', '`]`');
export const LParen = t('LParen', '`(`');
export const RParen = t('RParen', '`)`');
export const InterpParen = t('InterpParen', '`$(`');
export const InterpBracket = t('InterpBracket', '`$[`');
export const Colon = t('Colon', '`:`');
export const Slash = t('Slash', '`/`');
export const Word = t('Word', 'a word');
export const Where = t('Where', '`where`');
export const ArgName = t('ArgName', 'an argument name');
export const Assign = t('Assign', '`=`');
export const Bang = t('Bang', '`!`');
export const StringStart = t('StringStart', '`"`');
export const StringText = t('StringText', 'string text');
export const StringEnd = t('StringEnd', 'closing `"`');
export const Variable = t('Variable', 'a variable');

const op = (name: string, label: string) => t(name, label, { categories: [BinaryOp] });
export const OrOr = op('OrOr', '`||`');
export const AndAnd = op('AndAnd', '`&&`');
export const KwOr = op('KwOr', '`or`');
export const KwAnd = op('KwAnd', '`and`');
export const KwIn = op('KwIn', '`in`');
export const Pipe = op('Pipe', '`|`');
export const Caret = op('Caret', '`^`');
export const Amp = op('Amp', '`&`');
export const Eq = op('Eq', '`=`');
export const Neq = op('Neq', '`!=`');
export const Lt = op('Lt', '`<`');
export const Gt = op('Gt', '`>`');
export const Le = op('Le', '`<=`');
export const Ge = op('Ge', '`>=`');
export const Shl = op('Shl', '`<<`');
export const Shr = op('Shr', '`>>`');
export const Plus = op('Plus', '`+`');
export const Minus = op('Minus', '`-`');
export const Star = op('Star', '`*`');
export const Div = op('Div', '`/`');
export const Percent = op('Percent', '`%`');
export const Dot = op('Dot', '`.`');
export const Comma = op('Comma', '`,`');
export const Arrow = op('Arrow', '`->`');
export const Tilde = op('Tilde', '`~`');

export const allTokens: TokenType[] = [
  BinaryOp, Sep, LBrace, LCurlyArray, RBrace, LBracket, RBracket, LParen, RParen, InterpParen, InterpBracket,
  Colon, Slash, Word, Where, ArgName, Assign, Bang, StringStart, StringText, StringEnd, Variable,
  OrOr, AndAnd, KwOr, KwAnd, KwIn, Pipe, Caret, Amp, Eq, Neq, Lt, Gt, Le, Ge, Shl, Shr, Plus, Minus, Star, Div,
  Percent, Dot, Comma, Arrow, Tilde,
];

/** Operator text → token type, longest first (expression and `where` mode). */
export const OPERATORS: [string, TokenType][] = [
  ['&&', AndAnd], ['||', OrOr], ['!=', Neq], ['<=', Le], ['>=', Ge], ['<<', Shl], ['>>', Shr], ['->', Arrow],
  ['&', Amp], ['|', Pipe], ['^', Caret], ['~', Tilde], ['!', Bang], ['=', Eq], ['<', Lt], ['>', Gt],
  ['+', Plus], ['-', Minus], ['*', Star], ['/', Div], ['%', Percent], ['.', Dot], [',', Comma],
];

/** True for binary operators and `!` (after these, `*1A` starts an id, not a multiplication). */
export function isOperator(tok: IToken): boolean {
  return tok.tokenType === Bang || (tok.tokenType.CATEGORIES?.includes(BinaryOp) ?? false);
}
