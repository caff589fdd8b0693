/**
 * Golden tests: every output format on the same two files (test/golden/fixtures: errors, warnings,
 * an info, related locations, a multi-line range, hostile characters in messages), compared with
 * test/golden/expected/<format>. The working directory is replaced by `<cwd>` so absolute paths
 * compare anywhere. To accept a deliberate change: UPDATE_GOLDEN=1 npx vitest run test/golden,
 * then review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { main, type CliIo } from '@roslint/cli';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(HERE, 'fixtures');
const EXPECTED = path.join(HERE, 'expected');
const FORMATS = ['stylish', 'json', 'sarif', 'github', 'gcc', 'checkstyle', 'junit'] as const;
const EXT: Record<string, string> = { json: 'json', sarif: 'sarif', checkstyle: 'xml', junit: 'xml' };

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => new Uint8Array(),
    cwd: FIXTURES,
    env: {},
    stdoutIsTTY: false,
  };
  const code = await main(args, io);
  return { code, stdout: stdout.split(FIXTURES).join('<cwd>'), stderr };
}

describe('golden output of every format', () => {
  for (const format of FORMATS) {
    it(format, async () => {
      const r = await run(['--no-config', '-f', format, 'router-a.rsc', 'router-b.rsc']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      // Rule docs change often; their presence is checked below, their wording is not golden.
      if (format === 'sarif') r.stdout = r.stdout.replace(/("(?:full|short)Description": \{\s*"text": )"(?:[^"\\]|\\.)*"/g, '$1"<doc>"');
      const file = path.join(EXPECTED, `${format}.${EXT[format] ?? 'txt'}`);
      if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
        mkdirSync(EXPECTED, { recursive: true });
        writeFileSync(file, r.stdout);
      }
      expect(r.stdout).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('the fixture has what the formats must carry: every level, related locations, a multi-line range', async () => {
    const r = await run(['--no-config', '-f', 'json', 'router-a.rsc', 'router-b.rsc']);
    const messages = (JSON.parse(r.stdout) as { messages: { level: string; line: number; endLine: number; relatedLocations?: unknown[] }[] }[]).flatMap((f) => f.messages);
    expect(new Set(messages.map((m) => m.level))).toEqual(new Set(['error', 'warning', 'info']));
    expect(messages.some((m) => (m.relatedLocations?.length ?? 0) > 0)).toBe(true);
    expect(messages.some((m) => m.endLine > m.line)).toBe(true);
  });
});

describe('sarif', () => {
  const schema = JSON.parse(readFileSync(path.join(HERE, 'data/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('validates against the official SARIF 2.1.0 schema', async () => {
    const r = await run(['--no-config', '-f', 'sarif', 'router-a.rsc', 'router-b.rsc']);
    const log = JSON.parse(r.stdout);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check can fail: a result without a message is rejected', async () => {
    const r = await run(['--no-config', '-f', 'sarif', 'router-a.rsc']);
    const log = JSON.parse(r.stdout);
    delete log.runs[0].results[0].message;
    expect(validate(log)).toBe(false);
  });

  it('has the driver, rules and results GitHub code scanning reads', async () => {
    const log = JSON.parse((await run(['--no-config', '-f', 'sarif', 'router-a.rsc', 'router-b.rsc'])).stdout);
    const runLog = log.runs[0];
    const driver = runLog.tool.driver;
    expect(driver).toMatchObject({ name: 'roslint', version: expect.stringMatching(/^\d+\.\d+\.\d+/), informationUri: expect.stringMatching(/^https:\/\//) });
    const mtu = driver.rules.find((r: { id: string }) => r.id === 'wireguard/mtu');
    expect(mtu).toMatchObject({
      shortDescription: { text: expect.any(String) },
      fullDescription: { text: expect.stringContaining('mtu') },
      helpUri: expect.stringMatching(/rules\/wireguard\/mtu\.md$/),
      defaultConfiguration: { level: 'warning' },
    });
    for (const res of runLog.results) {
      expect(driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(res.locations[0].physicalLocation.artifactLocation).toMatchObject({ uriBaseId: '%SRCROOT%' });
      expect(res.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^router-[ab]\.rsc$/);
    }
    const levels = new Set(runLog.results.map((r: { level: string }) => r.level));
    expect(levels).toEqual(new Set(['error', 'warning', 'note']));
    expect(runLog.results.some((r: { relatedLocations?: unknown[] }) => (r.relatedLocations?.length ?? 0) > 0)).toBe(true);
  });

  it('fingerprints survive unrelated edits (lines inserted above) and differ between findings', async () => {
    const { mkdtempSync, copyFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'roslint-sarif-'));
    const text = readFileSync(path.join(FIXTURES, 'router-a.rsc'), 'utf8');
    writeFileSync(path.join(dir, 'router-a.rsc'), text);
    copyFileSync(path.join(FIXTURES, 'router-b.rsc'), path.join(dir, 'router-b.rsc'));
    const sarif = async () => {
      let out = '';
      await main(['--no-config', '-f', 'sarif', 'router-a.rsc'], { stdout: (t) => void (out += t), stderr: () => {}, readStdin: async () => new Uint8Array(), cwd: dir, env: {}, stdoutIsTTY: false });
      return JSON.parse(out).runs[0].results.map((r: { ruleId: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[] }) => ({
        id: r.ruleId,
        fp: r.partialFingerprints['roslintHash/v1'],
        line: r.locations[0]!.physicalLocation.region.startLine,
      }));
    };
    const before = await sarif();
    // Three comment lines after the header move every finding down.
    writeFileSync(path.join(dir, 'router-a.rsc'), text.replace('\n', '\n# one\n# two\n# three\n'));
    const after = await sarif();
    expect(after.map((r: { line: number }) => r.line)).toEqual(before.map((r: { line: number }) => r.line + 3));
    expect(after.map((r: { fp: string }) => r.fp)).toEqual(before.map((r: { fp: string }) => r.fp));
    expect(new Set(before.map((r: { fp: string }) => r.fp)).size).toBe(before.length);
  });
});
