import type { Expr } from './ast.js';

/**
 * The text a value stands for when it is known without running the script:
 * a word, a string without interpolation, or a concatenation of those. Undefined when the value
 * depends on a variable, a command substitution or an expression.
 */
export function staticText(expr: Expr | null): string | undefined {
  if (expr === null) return '';
  switch (expr.kind) {
    case 'word':
      return expr.text;
    case 'string':
      return expr.value ?? undefined;
    case 'concat': {
      let out = '';
      for (const p of expr.parts) {
        const t = staticText(p);
        if (t === undefined) return undefined;
        out += t;
      }
      return out;
    }
    default:
      return undefined;
  }
}
