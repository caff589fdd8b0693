/**
 * The linter parses and evaluates in one stream (statement by statement, the AST never whole) and
 * scans flat commands without a generic walk. Both shortcuts must give exactly what the plain
 * path gives: parse the whole script, build the model from it, walk it for secrets.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '@roslint/parser';
import { buildConfig } from '../src/model/evaluate.js';
import { Linter } from '../src/linter/linter.js';
import { secretSpans } from '../src/linter/secrets.js';
import { commandView, menusView } from './model-helpers.js';

const fixturesDir = new URL('../../../fixtures/', import.meta.url).pathname;

function rscFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return rscFiles(path);
    return name.endsWith('.rsc') ? [path] : [];
  });
}

const files = rscFiles(fixturesDir);

const linter = new Linter({ rules: [] });

describe('streamed parse → model equals the whole-script path', () => {
  it('finds fixtures', () => expect(files.length).toBeGreaterThan(100));

  it.each(files.map((f) => [f.slice(fixturesDir.length), f]))('%s', (_name, file) => {
    const bytes = readFileSync(file);
    const streamed = linter.lintText(bytes, { file });
    const parsed = parse(bytes, { file });
    const whole = buildConfig(parsed, { file }).config;
    // As rules see them: plain adds are logged from the flat line, their values stored differently.
    expect(menusView(streamed.config)).toEqual(menusView(whole));
    expect(streamed.config.commands.map(commandView)).toEqual(whole.commands.map(commandView));
    expect(streamed.config.header).toEqual(whole.header);
    expect(streamed.config.version).toEqual(whole.version);
    expect(streamed.config.showsSensitive).toBe(whole.showsSensitive);
    expect(streamed.secretSpans).toEqual(secretSpans(parsed.script, parsed.source.text));
  });
});

describe('the compact command log', () => {
  it('gives each argument as written, with its spans', () => {
    const text = '/ip route add blackhole dst-address=10.0.0.0/8 !gateway comment= distance=$d\n';
    const parsed = parse(text);
    const [rec] = buildConfig(parsed, { file: 'x.rsc' }).config.commands;
    const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    expect(rec!.command).toBe('add');
    expect(rec!.commandSpan).toEqual(at('add'));
    expect(rec!.argNames).toEqual([null, 'dst-address', '!gateway', 'comment', 'distance']);
    expect(rec!.argValues).toEqual(['blackhole', '10.0.0.0/8', undefined, '', undefined]);
    expect(rec!.args).toEqual([
      { name: null, value: 'blackhole', nameSpan: undefined, valueSpan: at('blackhole'), span: at('blackhole') },
      { name: 'dst-address', value: '10.0.0.0/8', nameSpan: at('dst-address'), valueSpan: at('10.0.0.0/8'), span: at('dst-address=10.0.0.0/8') },
      { name: '!gateway', value: undefined, nameSpan: undefined, valueSpan: undefined, span: at('!gateway') },
      { name: 'comment', value: '', nameSpan: at('comment'), valueSpan: undefined, span: at('comment=') },
      { name: 'distance', value: undefined, nameSpan: at('distance'), valueSpan: at('$d'), span: at('distance=$d') },
    ]);
  });

  it('keeps every record of a file bigger than one offset chunk intact (chunks grow from small to large)', () => {
    const lines = Array.from({ length: 12_000 }, (_, i) => `add address=10.${i >> 8}.${i & 255}.1 list=l${i % 7} comment=c${i}`);
    const text = `/ip firewall address-list\n${lines.join('\n')}\n`;
    const { commands } = buildConfig(parse(text), { file: 'x.rsc' }).config;
    expect(commands).toHaveLength(12_001);
    for (let i = 0; i < lines.length; i++) {
      const rec = commands[i + 1]!;
      const written = lines[i]!.split(' ').slice(1);
      expect(rec.args.map((a) => text.slice(a.span.start, a.span.end))).toEqual(written);
      expect(rec.argValues).toEqual(written.map((w) => w.slice(w.indexOf('=') + 1)));
    }
  });
});
