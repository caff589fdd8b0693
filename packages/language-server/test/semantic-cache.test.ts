/**
 * Semantic tokens kept up to date edit by edit must equal the tokens of a full parse of the new
 * text, after any chain of edits (random insertions and deletions over fixtures).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type SourceText } from '@roslint/parser';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rng as seeded } from '../../../bench/generate.mjs';
import { QuickDiagnostics } from '../src/quick-diagnostics.js';
import { SemanticTokensCache, SemanticTokensResults } from '../src/semantic-cache.js';
import { collectTokens, encodeTokens, semanticTokens, TOKEN_TYPES, type Tok } from '../src/semantic-tokens.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const URI = 'file:///x/router.rsc';
const FILE = '/x/router.rsc';

/** Deterministic edits: the benchmark generator's seeded mulberry32. */
const rng = (seed: number): (() => number) => seeded(seed).next;

describe('SemanticTokensCache', () => {
  it.each(['exports/office-a.rsc', 'exports/pre710-rb5009-scripts.rsc', 'exports/crlf-cabin-site.rsc', 'firewall/guide-ipv6-on-defconf.rsc'])(
    'tokens after random edits of %s equal a full parse',
    (name) => {
      let text = readFileSync(FIXTURES + name, 'utf8');
      const cache = new SemanticTokensCache();
      const quick = new QuickDiagnostics(undefined, (uri, before, update) => cache.edited(uri, before, update));
      quick.linted(URI, text, [], []);
      expect(cache.tokens(URI, text, FILE)).toEqual(semanticTokens(text, FILE));
      const r = rng(name.length * 17);
      const inserts = ['x', ' ', '"', '{', '}', '$', '\n', '\\', '#', '=', ';', 'add '];
      let reused = 0;
      for (let k = 0; k < 60; k++) {
        const at = Math.floor(r() * text.length);
        text = r() < 0.6 ? text.slice(0, at) + inserts[Math.floor(r() * inserts.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 2);
        quick.changed(URI, FILE, text, undefined);
        // Cached for this text only when the edit was applied incrementally.
        if ((cache as unknown as { docs: Map<string, { source: { text: string } }> }).docs.get(URI)?.source.text === text) reused++;
        expect(cache.tokens(URI, text, FILE)).toEqual(semanticTokens(text, FILE));
      }
      expect(reused).toBeGreaterThan(0);
    },
  );

  it('follows typing incrementally', () => {
    let text = readFileSync(FIXTURES + 'exports/pre710-rb5009-scripts.rsc', 'utf8');
    const cache = new SemanticTokensCache();
    const quick = new QuickDiagnostics(undefined, (uri, before, update) => cache.edited(uri, before, update));
    quick.linted(URI, text, [], []);
    cache.tokens(URI, text, FILE);
    const r = rng(5);
    let reused = 0;
    for (let k = 0; k < 50; k++) {
      const at = Math.floor(r() * text.length);
      text = text.slice(0, at) + 'x' + text.slice(at);
      quick.changed(URI, FILE, text, undefined);
      if ((cache as unknown as { docs: Map<string, { source: { text: string } }> }).docs.get(URI)?.source.text === text) reused++;
      expect(cache.tokens(URI, text, FILE)).toEqual(semanticTokens(text, FILE));
    }
    expect(reused).toBeGreaterThan(25);
  });
});

/** The encoding before the forward line walk (positionAt per token), as the reference. */
function referenceEncode(toks: readonly Tok[], source: SourceText): number[] {
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  for (const t of toks) {
    if (t.start < lastEnd) continue;
    lastEnd = t.end;
    const first = source.positionAt(t.start);
    const last = source.positionAt(t.end);
    for (let line = first.line; line <= last.line; line++) {
      const startChar = line === first.line ? first.column : 0;
      const endChar = line === last.line ? last.column : source.lineText(line).length;
      if (endChar <= startChar) continue;
      const deltaLine = line - prevLine;
      data.push(deltaLine, deltaLine === 0 ? startChar - prevChar : startChar, endChar - startChar, TOKEN_TYPES.indexOf(t.type), 0);
      prevLine = line;
      prevChar = startChar;
    }
  }
  return data;
}

describe('encodeTokens', () => {
  const all = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? all(join(dir, f)) : f.endsWith('.rsc') ? [join(dir, f)] : []));
  it('encodes every fixture like the per-token position lookup did', () => {
    for (const f of all(FIXTURES)) {
      const parsed = parse(readFileSync(f));
      const toks = collectTokens(parsed.script);
      expect(encodeTokens(toks, parsed.source).data, f).toEqual(referenceEncode(toks, parsed.source));
    }
  });
});

describe('SemanticTokensResults', () => {
  const apply = (data: number[], edits: { start: number; deleteCount: number; data?: number[] }[]) => {
    const out = [...data];
    for (const e of [...edits].sort((a, b) => b.start - a.start)) out.splice(e.start, e.deleteCount, ...(e.data ?? []));
    return out;
  };
  it('answers a delta request with the changed run, which rebuilds the new data', () => {
    const r = new SemanticTokensResults();
    const first = r.full(URI, { data: [0, 0, 3, 1, 0, 1, 2, 4, 2, 0, 0, 5, 1, 3, 0] });
    for (const next of [[0, 0, 3, 1, 0, 1, 2, 5, 2, 0, 0, 5, 1, 3, 0], [0, 0, 3, 1, 0], [], [1, 1, 1, 1, 0, 0, 0, 3, 1, 0]]) {
      const prev = (r as unknown as { last: Map<string, { data: number[] }> }).last.get(URI)!.data;
      const id = (r as unknown as { last: Map<string, { resultId: string }> }).last.get(URI)!.resultId;
      const d = r.delta(URI, id, { data: next }) as { resultId: string; edits: { start: number; deleteCount: number; data?: number[] }[] };
      expect(d.edits).toBeDefined();
      expect(apply(prev, d.edits)).toEqual(next);
    }
    // An unknown previous result gets the full data.
    expect(r.delta(URI, first.resultId!, { data: [1] })).toMatchObject({ data: [1] });
  });
});
