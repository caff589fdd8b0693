/**
 * Quick diagnostics (published right after an edit of a large document): the syntax part must
 * equal a full parse of the new text after any chain of edits, other diagnostics move with the
 * text, secrets are scrubbed, and `roslint-disable` or `off` settings are respected.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rng as seeded } from '../../../bench/generate.mjs';
import { Linter } from '@roslint/core';
import { builtinRules } from '@roslint/rules';
import { parse, syntaxSnapshot, type Diagnostic } from '@roslint/parser';
import { QuickDiagnostics } from '../src/quick-diagnostics.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const linter = new Linter({ rules: builtinRules });
const URI = 'file:///x/router.rsc';
const FILE = '/x/router.rsc';

function lintedQuick(text: string, secrets: string[] = []): QuickDiagnostics {
  const q = new QuickDiagnostics();
  const result = linter.lintText(text, { file: FILE });
  q.linted(URI, text, result.diagnostics, secrets);
  q.snapshotReady(URI, syntaxSnapshot(text, FILE));
  return q;
}

const key = (d: Diagnostic) => `${d.ruleId} ${d.range.start.offset}-${d.range.end.offset} ${d.range.start.line}:${d.range.start.column} ${d.message}`;
const syntaxOf = (ds: Diagnostic[]) => ds.filter((d) => d.ruleId.startsWith('syntax/')).map(key).sort();

/** Deterministic edits: the benchmark generator's seeded mulberry32. */
const rng = (seed: number): (() => number) => seeded(seed).next;

describe('QuickDiagnostics', () => {
  it('has nothing to say before the first lint and its syntax snapshot', () => {
    const q = new QuickDiagnostics(0);
    expect(q.changed(URI, FILE, 'add a=1', undefined)).toBeUndefined();
    q.linted(URI, 'add a=1\n', [], []);
    expect(q.changed(URI, FILE, 'add a=12\n', undefined)).toBeUndefined();
    q.snapshotReady(URI, syntaxSnapshot('something else', FILE)); // a snapshot of another text is ignored
    expect(q.changed(URI, FILE, 'add a=12\n', undefined)).toBeUndefined();
    q.snapshotReady(URI, syntaxSnapshot('add a=1\n', FILE));
    expect(q.changed(URI, FILE, 'add a=12\n', undefined)).toEqual([]);
  });

  it('parses a small document itself instead of waiting for the snapshot', () => {
    const q = new QuickDiagnostics();
    q.linted(URI, 'add a=1\n', [], []);
    expect(q.changed(URI, FILE, 'add a=1 )\n', undefined)!.map((d) => d.ruleId)).toEqual(['syntax/parse-error']);
  });

  it.each(['exports/office-a.rsc', 'exports/pre710-rb5009-scripts.rsc', 'firewall/guide-ipv6-on-defconf.rsc', 'wireguard/allowed-address-host-bits/fires.rsc'])(
    'syntax diagnostics equal a full parse after random edits of %s; the rest move with the text',
    (name) => {
      let text = readFileSync(FIXTURES + name, 'utf8');
      const q = lintedQuick(text);
      const r = rng(name.length * 131);
      const inserts = ['x', '"', '{', '}', ')', '(', '\n', '\\', ' ', '[', '=', ';'];
      for (let k = 0; k < 40; k++) {
        const at = Math.floor(r() * text.length);
        const before = text;
        const insert = r() < 0.6;
        text = insert ? text.slice(0, at) + inserts[Math.floor(r() * inserts.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
        const edit = { start: at, oldEnd: insert ? at : at + 1, newEnd: insert ? at + 1 : at };
        const out = q.changed(URI, FILE, text, undefined, k % 2 === 0 ? { before, edit } : undefined)!;
        expect(out).toBeDefined();
        expect(syntaxOf(out)).toEqual(syntaxOf(parse(text, { file: FILE }).diagnostics));
        // Every range is valid in the new text.
        for (const d of out) {
          expect(d.range.start.offset).toBeLessThanOrEqual(d.range.end.offset);
          expect(d.range.end.offset).toBeLessThanOrEqual(text.length);
        }
      }
    },
  );

  it('moves a rule diagnostic after the edit to where the complete lint reports it', () => {
    const text = readFileSync(FIXTURES + 'wireguard/allowed-address-host-bits/fires.rsc', 'utf8');
    const q = lintedQuick(text);
    const edited = 'add comment="typed"\n' + text; // a statement before everything (relative: an error-free line)
    const quick = q.changed(URI, FILE, edited, undefined)!;
    const full = linter.lintText(edited, { file: FILE }).diagnostics;
    const hb = (ds: Diagnostic[]) => ds.find((d) => d.ruleId === 'wireguard/allowed-address-host-bits');
    expect(hb(full)).toBeDefined();
    expect(key(hb(quick)!)).toBe(key(hb(full)!));
  });

  it('scrubs secret values from new messages and honours severity settings and suppression comments', () => {
    const text = 'add a=1\nadd b=2\nadd c=3\n';
    const broken = 'add a=1\n:put (1 + )\nadd c=3\n';
    const syntax = (ds: Diagnostic[] | undefined) => ds!.filter((d) => d.ruleId.startsWith('syntax/'));
    const secret = syntax(lintedQuick(text, ['a value']).changed(URI, FILE, broken, undefined));
    expect(secret.map((d) => d.message)).toEqual(['expected <redacted> but found `)`']);
    expect(syntax(lintedQuick(text).changed(URI, FILE, broken, { 'syntax/parse-error': 'off' }))).toEqual([]);
    expect(syntax(lintedQuick(text).changed(URI, FILE, broken, { 'syntax/parse-error': 'warning' })).map((d) => d.severity)).toEqual(['warning']);
    const suppressed = '# roslint-disable\n' + text;
    expect(syntax(lintedQuick(suppressed).changed(URI, FILE, suppressed.replace('add b=2', ':put (1 + )'), undefined))).toEqual([]);
    // A suppression comment typed later is noticed too.
    const q = lintedQuick(text);
    expect(syntax(q.changed(URI, FILE, text.replace('add b=2', 'add b=3'), undefined))).toEqual([]);
    const typed = text.replace('add b=2', 'add b=3').replace('add c=3', '# roslint-disable-next-line\n:put (1 + )');
    expect(syntax(q.changed(URI, FILE, typed, undefined))).toEqual([]);
  });
});
