/**
 * updateSyntax (statement-level reuse) must equal a full parse after every edit: random edits
 * (insertions of the characters that change structure, deletions, line breaks) chained over every
 * fixture, each result compared with `syntaxSnapshot` and with `parse` of the same text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rng as seeded } from '../../../bench/generate.mjs';
import { changedRange, parse, syntaxDiagnostics, syntaxSnapshot, updateSyntax, type SyntaxSnapshot } from '@roslint/parser';

const root = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
function rscFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? rscFiles(p) : f.endsWith('.rsc') ? [p] : [];
  });
}
const files = rscFiles(root).sort();

/** Deterministic edits: the benchmark generator's seeded mulberry32. */
const rng = (seed: number): (() => number) => seeded(seed).next;

const INSERTS = ['x', ' ', '"', '{', '}', '[', ']', '(', ')', '\\', '\n', '\r\n', ';', '#', '=', '$', ':', '/', 'add ', '\\\n', '"\n', '1'];

function edit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const kind = r();
  if (kind < 0.5) return text.slice(0, at) + INSERTS[Math.floor(r() * INSERTS.length)] + text.slice(at);
  if (kind < 0.85) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  return text.slice(0, at) + INSERTS[Math.floor(r() * INSERTS.length)] + text.slice(at + 1);
}

function expectSame(actual: SyntaxSnapshot, text: string, file: string): void {
  const full = syntaxSnapshot(text, file);
  expect(Array.from(actual.statements)).toEqual(Array.from(full.statements));
  expect(actual.problems).toEqual(full.problems);
  expect(syntaxDiagnostics(actual)).toEqual(parse(text, { file }).diagnostics);
}

describe('updateSyntax', () => {
  it('finds the changed range', () => {
    expect(changedRange('abcdef', 'abXdef')).toEqual({ start: 2, oldEnd: 3, newEnd: 3 });
    expect(changedRange('aaaa', 'aaaaa')).toEqual({ start: 4, oldEnd: 4, newEnd: 5 });
    expect(changedRange('abc', 'abc')).toEqual({ start: 3, oldEnd: 3, newEnd: 3 });
  });

  it.each(files.map((f) => [f.slice(root.length), f]))('random edits on %s equal a full parse', (name, path) => {
    let text = readFileSync(path, 'utf8');
    let snap = syntaxSnapshot(text, name);
    const r = rng([...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7));
    for (let k = 0; k < 25; k++) {
      text = edit(text, r);
      const u = updateSyntax(snap, text);
      expectSame(u.snapshot, text, name);
      if (u.region) {
        // Region problems are exactly the snapshot's problems inside the region.
        expect(u.region.problems).toEqual(u.snapshot.problems.filter((p) => p.start >= u.region!.start && p.start < u.region!.end));
      }
      snap = u.snapshot;
    }
  });

  it('reuses the parse for typing in most places of the fixtures', () => {
    let edits = 0;
    let reused = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const snap = syntaxSnapshot(text, path);
      if (!snap.reusable) continue;
      const r = rng(text.length);
      for (let k = 0; k < 10; k++) {
        const at = Math.floor(r() * text.length);
        const next = text.slice(0, at) + 'x' + text.slice(at);
        const u = updateSyntax(snap, next);
        expectSame(u.snapshot, next, path);
        edits++;
        if (u.region) reused++;
      }
    }
    expect(edits).toBeGreaterThan(1000);
    expect(reused / edits).toBeGreaterThan(0.9);
  });

  it('reparses only a few statements of a large export', () => {
    const lines = ['/ip firewall address-list'];
    for (let i = 0; i < 5000; i++) lines.push(`add address=10.0.${i >> 8}.${i & 255} list=l comment="entry ${i}"`);
    let text = lines.join('\r\n') + '\r\n';
    let snap = syntaxSnapshot(text, 'big.rsc');
    const at = text.indexOf(' list=l comment="entry 2500');
    text = text.slice(0, at) + ')' + text.slice(at); // a syntax error, then fixed again
    let u = updateSyntax(snap, text);
    expect(u.region).toBeDefined();
    expect(u.region!.end - u.region!.start).toBeLessThan(400);
    expectSame(u.snapshot, text, 'big.rsc');
    expect(u.snapshot.problems).toHaveLength(1);
    snap = u.snapshot;
    text = text.slice(0, at) + text.slice(at + 1);
    u = updateSyntax(snap, text);
    expect(u.region).toBeDefined();
    expectSame(u.snapshot, text, 'big.rsc');
    expect(u.snapshot.problems).toEqual([]);
    // A message naming its line ("opened at line N, found …") gets the line in the whole file.
    snap = u.snapshot;
    text = text.slice(0, at) + ' (1 ]' + text.slice(at);
    u = updateSyntax(snap, text);
    expect(u.region).toBeDefined();
    expectSame(u.snapshot, text, 'big.rsc');
    expect(u.snapshot.problems.map((p) => p.message).join()).toContain('opened at line 2502');
  });

  it('parses everything again when reuse is not safe (NUL bytes)', () => {
    const snap = syntaxSnapshot('add a=1\nadd b=2\n', 'x.rsc');
    const u = updateSyntax(snap, 'add a=1\nadd \0b=2\n');
    expect(u.region).toBeUndefined();
    expectSame(u.snapshot, 'add a=1\nadd \0b=2\n', 'x.rsc');
  });
});
