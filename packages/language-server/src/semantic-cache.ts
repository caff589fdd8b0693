/**
 * Semantic tokens of large documents, kept up to date edit by edit: VS Code asks for the whole
 * document's tokens after every change, and a full parse of a 1 MB export costs ~0.3 s on the
 * request thread. After an edit, the tokens of the statements `updateSyntax` parsed again replace
 * those of the old statements, and the tokens after them move by the edit's length (a statement's
 * tokens depend on nothing outside it, which is why the re-parsed statements are enough).
 */
import { parse, type SourceText, type SyntaxUpdate } from '@roslint/parser';
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver';
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

/**
 * Results for `semanticTokens/full/delta`: the last data sent per document, so the next answer is
 * the one changed run of numbers instead of the whole array (2.5 MB of JSON for a 1 MB export,
 * which both sides would serialise and parse on every edit).
 */
export class SemanticTokensResults {
  private readonly last = new Map<string, { resultId: string; data: number[] }>();
  private next = 1;

  full(uri: string, tokens: SemanticTokens): SemanticTokens {
    const resultId = String(this.next++);
    this.last.set(uri, { resultId, data: tokens.data });
    return { resultId, data: tokens.data };
  }

  delta(uri: string, previousResultId: string, tokens: SemanticTokens): SemanticTokens | SemanticTokensDelta {
    const before = this.last.get(uri);
    if (!before || before.resultId !== previousResultId) return this.full(uri, tokens);
    const a = before.data;
    const b = tokens.data;
    const max = Math.min(a.length, b.length);
    let start = 0;
    while (start < max && a[start] === b[start]) start++;
    let tail = 0;
    while (tail < max - start && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
    const resultId = String(this.next++);
    this.last.set(uri, { resultId, data: b });
    const deleteCount = a.length - tail - start;
    const data = b.slice(start, b.length - tail);
    return { resultId, edits: deleteCount === 0 && data.length === 0 ? [] : [{ start, deleteCount, data }] };
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}
