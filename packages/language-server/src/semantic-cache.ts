/**
 * Semantic tokens of large documents, kept up to date edit by edit: VS Code asks for the whole
 * document's tokens after every change, and a full parse of a 1 MB export costs ~0.3 s on the
 * request thread. After an edit, the tokens of the statements `updateSyntax` parsed again replace
 * those of the old statements, and the tokens after them move by the edit's length (a statement's
 * tokens depend on nothing outside it, which is why the re-parsed statements are enough).
 */
import { parse, type SourceText, type SyntaxUpdate } from '@roslint/parser';
import type { SemanticTokens } from 'vscode-languageserver';
import { collectTokens, encodeTokens, MAX_TOKENIZED_CHARS, type Tok } from './semantic-tokens.js';

interface Cached {
  source: SourceText;
  /** Sorted by start; owned by the cache (shifted in place). */
  toks: Tok[];
}

/** Index of the first token starting at or after `offset`. */
function firstAtOrAfter(toks: readonly Tok[], offset: number): number {
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SemanticTokensCache {
  private readonly docs = new Map<string, Cached>();

  /** The document's tokens (parsed in full when the cache does not hold this text). */
  tokens(uri: string, text: string, file: string): SemanticTokens {
    if (text.length > MAX_TOKENIZED_CHARS) return { data: [] };
    let c = this.docs.get(uri);
    if (!c || c.source.text !== text) {
      try {
        const parsed = parse(text, { file });
        c = { source: parsed.source, toks: collectTokens(parsed.script) };
      } catch {
        return { data: [] };
      }
      this.docs.set(uri, c);
    }
    return encodeTokens(c.toks, c.source);
  }

  /** `before` (a cached text, or nothing happens) was edited; `update` re-parsed the statements around the edit. */
  edited(uri: string, before: string, update: SyntaxUpdate): void {
    const c = this.docs.get(uri);
    if (!c) return;
    const { region, edit, snapshot } = update;
    if (c.source.text !== before || !region) {
      this.docs.delete(uri); // parsed in full on the next request
      return;
    }
    const delta = edit.newEnd - edit.oldEnd;
    // The region starts at a line start after the previous statement, so no token crosses its ends.
    const from = firstAtOrAfter(c.toks, region.start);
    const to = firstAtOrAfter(c.toks, region.end - delta);
    const fresh = collectTokens(region.script, region.offset);
    const after = c.toks.slice(to);
    for (const t of after) {
      t.start += delta;
      t.end += delta;
    }
    c.toks.length = from;
    for (const t of fresh) c.toks.push(t);
    for (const t of after) c.toks.push(t);
    c.source = snapshot.source;
  }

  forget(uri: string): void {
    this.docs.delete(uri);
  }
}
