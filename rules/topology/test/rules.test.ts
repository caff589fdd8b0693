import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Linter, type LintResult } from '@roslint/core';
import { topologyRules } from '../index.js';

const root = fileURLToPath(new URL('../../../fixtures/networks/', import.meta.url));
const linter = new Linter({ rules: topologyRules });

function lintNetwork(name: string, files: string[], ruleOptions: Record<string, unknown> = {}): LintResult[] {
  return linter.lintMany(
    files.map((f) => ({ file: `${name}/${f}`, content: readFileSync(root + `${name}/${f}`) })),
    { ruleOptions },
  );
}

const brief = (r: LintResult) =>
  r.diagnostics.map((d) => ({
    rule: d.ruleId,
    severity: d.severity,
    line: d.range.start.line + 1,
    related: (d.related ?? []).map((x) => `${x.file}:${x.range.start.line + 1}`),
  }));

describe('topology rules', () => {
  it('report on both ends, each pointing at the other, and say how the pair was made', () => {
    const [a, b] = lintNetwork('endpoint-port-mismatch-keys', ['office1.rsc', 'office2.rsc']);
    expect(brief(a!)).toEqual([{ rule: 'topology/endpoint-port-mismatch', severity: 'error', line: 11, related: ['endpoint-port-mismatch-keys/office2.rsc:3'] }]);
    expect(brief(b!)).toEqual([{ rule: 'topology/endpoint-port-mismatch', severity: 'error', line: 3, related: ['endpoint-port-mismatch-keys/office1.rsc:11'] }]);
    expect(a!.diagnostics[0]!.message).toContain('paired by key');
    const [ha] = lintNetwork('endpoint-port-mismatch-hidden', ['office1.rsc', 'office2.rsc']);
    expect(ha!.diagnostics[0]!.message).toContain('paired by addressing');
  });

  describe('pairing by endpoint (keys hidden, one side\'s tunnel address wrong)', () => {
    const dir = 'allowed-address-mismatch-endpoint-hidden';
    const text = (f: string) => readFileSync(root + `${dir}/${f}`, 'utf8');
    const lintTexts = (files: Array<[string, string]>) => linter.lintMany(files.map(([file, content]) => ({ file, content })), {});
    const ids = (results: LintResult[]) => results.flatMap((r) => r.diagnostics.map((d) => d.ruleId));

    it('pairs the tunnel through the endpoint addresses and says so', () => {
      const [a, b] = lintNetwork(dir, ['siteA.rsc', 'siteB.rsc']);
      expect(brief(a!)).toEqual([{ rule: 'topology/allowed-address-mismatch', severity: 'error', line: 7, related: [`${dir}/siteB.rsc:9`] }]);
      expect(a!.diagnostics[0]!.message).toContain('does not include 10.255.0.2');
      expect(a!.diagnostics[0]!.message).toContain('paired by endpoint 203.0.113.20');
      expect(b!.diagnostics[0]!.message).toContain('paired by endpoint 203.0.113.20');
    });

    it('does not pair when the endpoint address belongs to two routers', () => {
      const other = text('siteB.rsc').replace('set name=siteB', 'set name=siteC').replace(/10\.255\.0\.2\/30/, '10.255.0.6/30');
      expect(ids(lintTexts([['a.rsc', text('siteA.rsc')], ['b.rsc', text('siteB.rsc')], ['c.rsc', other]]))).not.toContain('topology/allowed-address-mismatch');
    });

    it('does not pair when the other router has no peer that accepts or dials this one', () => {
      const b = text('siteB.rsc').replace('10.255.0.1/32,', '10.255.9.1/32,').replace('endpoint-address=198.51.100.10 ', '');
      expect(ids(lintTexts([['a.rsc', text('siteA.rsc')], ['b.rsc', b]]))).not.toContain('topology/allowed-address-mismatch');
    });

    it('pairs when the way back is only the other peer\'s endpoint', () => {
      const b = text('siteB.rsc').replace('10.255.0.1/32,', '10.255.9.1/32,');
      const results = lintTexts([['a.rsc', text('siteA.rsc')], ['b.rsc', b]]);
      expect(ids(results)).toContain('topology/allowed-address-mismatch');
    });
  });

  it('allowed-address-mismatch labels the related client Address line as the address, not the allowed-address', () => {
    const [alice, , server] = lintNetwork('road-warrior-client-address-keys', ['alice.conf', 'bob.conf', 'server.rsc']);
    const [s] = server!.diagnostics.filter((d) => d.ruleId === 'topology/allowed-address-mismatch');
    expect(s!.related!.map((r) => [`${r.file}:${r.range.start.line + 1}:${r.range.start.column + 1}`, r.message])).toEqual([
      ['road-warrior-client-address-keys/alice.conf:4:11', 'alice: Address 172.16.0.9 of `alice` interface `alice`'],
    ]);
    // The other direction still names the server's allowed-address.
    expect(alice!.diagnostics[0]!.related![0]!.message).toMatch(/: allowed-address of peer /);
  });

  it('never put a key into a message or a related message', () => {
    for (const [name, files] of [
      ['private-key-exposed-keys', ['office1.rsc', 'office2.rsc']],
      ['psk-differ-keys', ['office1.rsc', 'office2.rsc']],
      ['peer-key-mismatch-keys', ['office1.rsc', 'office2.rsc']],
      ['road-warrior-psk-server-keys', ['alice.conf', 'bob.conf', 'server.rsc']],
    ] as const) {
      const results = lintNetwork(name, [...files]);
      const texts = results.flatMap((r) => r.diagnostics.flatMap((d) => [d.message, ...(d.related ?? []).map((x) => x.message)]));
      expect(texts.length).toBeGreaterThan(0);
      for (const t of texts) expect(t).not.toMatch(/[A-Za-z0-9+/]{43}=/);
    }
  });

  it('private-key-exposed points at the public-key field and at the private key it copies', () => {
    const [a, b] = lintNetwork('private-key-exposed-keys', ['office1.rsc', 'office2.rsc']);
    const pa = a!.diagnostics.find((d) => d.ruleId === 'topology/private-key-exposed')!;
    const pb = b!.diagnostics.find((d) => d.ruleId === 'topology/private-key-exposed')!;
    expect(pa.message).toContain('is the private key of interface `wireguard1` on `office2`');
    expect(pa.related![0]!.file).toBe('private-key-exposed-keys/office2.rsc');
    expect(pb.related![0]!.file).toBe('private-key-exposed-keys/office1.rsc');
    // The pasted private key becomes a secret of office1's file too, so code frames redact it.
    const text = a!.source.text;
    const at = text.indexOf('public-key="') + 'public-key="'.length;
    expect(a!.secretSpans.some((s) => s.start <= at && at + 44 <= s.end)).toBe(true);
  });

  describe('topology/unpaired-peer', () => {
    const files = ['alice.conf', 'bob.conf', 'server.rsc'];
    it('is quiet unless networkStrict is set', () => {
      const results = lintNetwork('real-vps-cabin', ['crlf-cabin-site.rsc', 'vps-hub-show-sensitive.rsc']);
      expect(results.flatMap((r) => r.diagnostics).filter((d) => d.ruleId === 'topology/unpaired-peer')).toEqual([]);
    });

    it('with { networkStrict: true } names peers whose other end is not among the files', () => {
      for (const option of [{ networkStrict: true }, true]) {
        const [, hub] = lintNetwork('real-vps-cabin', ['crlf-cabin-site.rsc', 'vps-hub-show-sensitive.rsc'], { 'topology/unpaired-peer': option });
        const unpaired = hub!.diagnostics.filter((d) => d.ruleId === 'topology/unpaired-peer');
        expect(unpaired.map((d) => [d.severity, d.range.start.line + 1])).toEqual([
          ['info', 19],
          ['info', 24],
        ]);
        expect(unpaired[0]!.message).toContain('peer `phone-1` on `vps-hub` matches no interface among the 2 files');
      }
    });

    it('reports a one-sided pair on both ends', () => {
      // b shows its private key, a's peer points at it by key, but b has no peer at all.
      const priv = 'DO8XfIj9sztyxDYPULLy5HdtCrFOz/r/zPyGuZSadvA=';
      const pub = 'C7e46wncfwh7JNcNqu1iKKkyuhaY+5WAZTerle9S7lI=';
      const [a, b] = linter.lintMany(
        [
          { file: 'a.rsc', content: `/interface/wireguard/add name=wg0 listen-port=1\n/ip/address/add address=10.0.0.1/30 interface=wg0\n/interface/wireguard/peers/add interface=wg0 public-key="${pub}" allowed-address=10.0.0.2/32 endpoint-address=192.0.2.2 endpoint-port=1\n` },
          { file: 'b.rsc', content: `/interface/wireguard/add name=wg0 listen-port=1 private-key="${priv}"\n/ip/address/add address=10.0.0.2/30 interface=wg0\n` },
        ],
        { ruleOptions: { 'topology/unpaired-peer': { networkStrict: true } } },
      );
      expect(a!.diagnostics.map((d) => [d.ruleId, d.range.start.line + 1, d.message])).toEqual([
        ['topology/unpaired-peer', 3, expect.stringContaining('points at `b` interface `wg0` (peer `#0 (C7e46wnc…)` on `a` ↔ `b` interface `wg0`, paired by key), which has no peer for `a`')],
      ]);
      expect(b!.diagnostics.map((d) => [d.ruleId, d.range.start.line + 1, d.related?.[0]?.file])).toEqual([['topology/unpaired-peer', 1, 'a.rsc']]);
    });
  });
});
