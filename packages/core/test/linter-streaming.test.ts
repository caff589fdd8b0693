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
    expect(streamed.config.menus).toEqual(whole.menus);
    expect(streamed.config.commands).toEqual(whole.commands);
    expect(streamed.config.header).toEqual(whole.header);
    expect(streamed.config.version).toEqual(whole.version);
    expect(streamed.config.showsSensitive).toBe(whole.showsSensitive);
    expect(streamed.secretSpans).toEqual(secretSpans(parsed.script, parsed.source.text));
  });
});
