/**
 * Public entry: text → AST + syntax diagnostics. Never throws.
 * (Placeholder body; the real implementation replaces this file's internals.)
 */
import type { Script } from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { SourceText } from './source.js';

export interface ParseOptions {
  /** File name used in diagnostics. */
  file?: string;
}

export interface ParseResult {
  script: Script;
  source: SourceText;
  /** `syntax/*` diagnostics (parse errors, encoding info, …). */
  diagnostics: Diagnostic[];
}

export function parseSource(source: SourceText, options: ParseOptions = {}): ParseResult {
  void options;
  return { script: { kind: 'script', body: [], comments: [], start: 0, end: source.text.length }, source, diagnostics: [] };
}

/** Parse a string or raw bytes (bytes are decoded: BOM, UTF-8 or Windows-1252 fallback). */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  const source = typeof input === 'string' ? new SourceText(input) : SourceText.fromBytes(input);
  return parseSource(source, options);
}
