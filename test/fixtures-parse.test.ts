/**
 * Every realistic fixture (fixtures/exports, fixtures/scripts, fixtures/guide) parses with zero
 * syntax diagnostics, every export's model has the basics a reader of the file can see (header
 * version, menus, item counts, wrapped values joined, escapes resolved), and every expected.json
 * sidecar in these areas is well-formed and points at real text.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@roslint/parser';
import { buildConfig, findItemByName, prop, type RouterConfig } from '@roslint/core';
import { x25519 } from '@noble/curves/ed25519.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const AREAS = ['exports', 'scripts', 'guide'] as const;

function rscFiles(area: string): string[] {
  const dir = join(root, 'fixtures', area);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.rsc'))
    .sort();
}

function load(area: string, file: string) {
  const path = join(root, 'fixtures', area, file);
  const bytes = new Uint8Array(readFileSync(path));
  const parsed = parse(bytes, { file: path });
  return { path, bytes, parsed };
}

function model(area: string, file: string): RouterConfig {
  const { path, parsed } = load(area, file);
  return buildConfig(parsed, { file: path }).config;
}

function diagSummary(diags: { ruleId: string; message: string; range: { start: { line: number; column: number } } }[]) {
  return diags.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1} ${d.ruleId} ${d.message}`);
}

describe('fixtures parse with zero syntax diagnostics', () => {
  for (const area of AREAS) {
    const files = rscFiles(area);
    it(`fixtures/${area} is not empty`, () => {
      expect(files.length).toBeGreaterThan(area === 'guide' ? 15 : 4);
    });
    for (const file of files) {
      it(`${area}/${file}`, () => {
        const { parsed } = load(area, file);
        expect(diagSummary(parsed.diagnostics)).toEqual([]);
        // The parser must have produced statements, not an empty script.
        expect(parsed.script.body.length).toBeGreaterThan(0);
      });
    }
  }
});

interface ExportExpectation {
  version: string;
  date: string;
  model?: string;
  showsSensitive: boolean;
  /** Exact item counts for menus whose items all come from `add`. */
  counts: Record<string, number>;
}

const EXPORTS: Record<string, ExportExpectation> = {
  'home-router-wg-server.rsc': {
    version: '7.16.1',
    date: '2024-11-02 14:07:51',
    model: 'RB5009UG+S+',
    showsSensitive: false,
    counts: {
      '/interface/bridge': 1,
      '/interface/bridge/port': 8,
      '/interface/wireguard': 1,
      '/interface/wireguard/peers': 3,
      '/interface/list/member': 3,
      '/ip/address': 2,
      '/ip/firewall/filter': 12,
      '/ip/firewall/nat': 1,
      '/ipv6/address': 2,
      '/ipv6/firewall/address-list': 9,
      '/ipv6/firewall/filter': 22,
    },
  },
  'office-a.rsc': {
    version: '7.18',
    date: '2025-02-11 08:30:02',
    model: 'E50UG',
    showsSensitive: false,
    counts: {
      '/interface/wireguard': 1,
      '/interface/wireguard/peers': 1,
      '/ip/address': 3,
      '/ip/firewall/filter': 12,
      '/ip/firewall/nat': 2,
      '/ip/route': 2,
    },
  },
  'office-b-terse.rsc': {
    version: '7.18.2',
    date: '2025-02-11 08:41:17',
    model: 'RB760iGS',
    showsSensitive: false,
    counts: {
      '/interface/pppoe-client': 1,
      '/interface/wireguard': 1,
      '/interface/wireguard/peers': 1,
      '/interface/bridge/port': 5,
      '/ip/address': 2,
      '/ip/firewall/filter': 12,
      '/ip/firewall/mangle': 1,
      '/ip/firewall/nat': 2,
      '/ip/route': 1,
      '/tool/netwatch': 1,
    },
  },
  'vps-hub-show-sensitive.rsc': {
    version: '7.19.4',
    date: '2025-06-14 09:12:44',
    showsSensitive: true,
    counts: {
      '/interface/wireguard': 1,
      '/interface/wireguard/peers': 3,
      '/ip/address': 2,
      '/ip/firewall/filter': 10,
      '/ip/route': 2,
      '/ipv6/address': 2,
      '/ipv6/route': 1,
    },
  },
  'crlf-cabin-site.rsc': {
    version: '7.20.8',
    date: '2025-09-03 17:22:09',
    model: 'C52iG-5HaxD2HaxD',
    showsSensitive: false,
    counts: {
      '/interface/wireguard': 1,
      '/interface/wireguard/peers': 1,
      '/interface/bridge/port': 6,
      '/ip/firewall/filter': 12,
      '/ip/firewall/nat': 1,
    },
  },
  'pre710-rb5009-scripts.rsc': {
    version: '7.5',
    date: 'sep/17/2022 18:54:27',
    model: 'RB5009UG+S+',
    showsSensitive: false,
    counts: {
      '/interface/vlan': 1,
      '/ip/pool': 2,
      '/ip/address': 3,
      '/ip/firewall/filter': 13,
      '/ipv6/route': 1,
      '/system/scheduler': 2,
      '/system/script': 2,
    },
  },
  'verbose-excerpt.rsc': {
    version: '7.16.2',
    date: '2024-12-05 10:02:36',
    model: 'RB750Gr3',
    showsSensitive: false,
    counts: { '/interface/bridge': 1, '/interface/list/member': 2 },
  },
};

describe('export models', () => {
  it('every export fixture has an expectation here', () => {
    expect(rscFiles('exports')).toEqual(Object.keys(EXPORTS).sort());
  });

  for (const [file, want] of Object.entries(EXPORTS)) {
    describe(file, () => {
      it('reads the header', () => {
        const c = model('exports', file);
        expect(c.isExport).toBe(true);
        expect(c.header?.version).toBe(want.version);
        expect(c.header?.date).toContain(want.date.split(' ')[0]);
        expect(c.header?.model).toBe(want.model);
        expect(c.version?.text).toBe(want.version);
        expect(c.version?.source).toBe('header');
        const [major, minor] = want.version.split('.').map(Number);
        expect([c.version?.major, c.version?.minor]).toEqual([major, minor]);
      });
      it('knows whether secrets are shown', () => {
        expect(model('exports', file).showsSensitive).toBe(want.showsSensitive);
      });
      it('has the menus and item counts of the file', () => {
        const c = model('exports', file);
        const got: Record<string, number> = {};
        for (const menu of Object.keys(want.counts)) got[menu] = c.items(menu).length;
        expect(got).toEqual(want.counts);
      });
    });
  }

  it('joins values wrapped after `name=\\` (public keys are whole 44-character keys)', () => {
    for (const file of ['home-router-wg-server.rsc', 'office-a.rsc', 'vps-hub-show-sensitive.rsc', 'crlf-cabin-site.rsc']) {
      const peers = model('exports', file).items('/interface/wireguard/peers');
      expect(peers.length).toBeGreaterThan(0);
      for (const p of peers) expect(prop(p, 'public-key'), file).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    }
  });

  it('home router: WireGuard done right (wg in LAN, accept before the drop, address on wg)', () => {
    const c = model('exports', 'home-router-wg-server.rsc');
    const wg = findItemByName(c, '/interface/wireguard', 'wg-rw');
    expect(wg && prop(wg, 'listen-port')).toBe('13231');
    expect(c.items('/interface/list/member').some((m) => prop(m, 'interface') === 'wg-rw' && prop(m, 'list') === 'LAN')).toBe(true);
    expect(c.items('/ip/address').some((a) => prop(a, 'interface') === 'wg-rw')).toBe(true);
    const input = c.items('/ip/firewall/filter').filter((r) => prop(r, 'chain') === 'input');
    const accept = input.findIndex((r) => prop(r, 'dst-port') === '13231');
    const drop = input.findIndex((r) => prop(r, 'in-interface-list') === 'LAN' && r.props.get('in-interface-list')?.negated);
    expect(accept).toBeGreaterThanOrEqual(0);
    expect(drop).toBeGreaterThan(accept);
    const allowed = c.items('/interface/wireguard/peers').map((p) => prop(p, 'allowed-address'));
    expect(allowed).toEqual(['10.10.99.2/32,fd10:99::2/128', '10.10.99.3/32,fd10:99::3/128', '10.10.99.4/32']);
    // `\C3\BC` in a quoted comment is an escape, resolved in the model (no backslash left).
    const port5 = c.items('/interface/bridge/port').find((p) => prop(p, 'interface') === 'ether5');
    expect(prop(port5!, 'comment')).not.toContain('\\');
  });

  it('show-sensitive hub: the interface private key derives the public key the cabin peers with', () => {
    const hub = model('exports', 'vps-hub-show-sensitive.rsc');
    const cabin = model('exports', 'crlf-cabin-site.rsc');
    const priv = prop(hub.items('/interface/wireguard')[0]!, 'private-key');
    expect(priv).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const pub = Buffer.from(x25519.getPublicKey(Buffer.from(priv!, 'base64'))).toString('base64');
    expect(prop(cabin.items('/interface/wireguard/peers')[0]!, 'public-key')).toBe(pub);
    // `comment=#1` is a value, not a comment; `%`-scoped link-local gateway kept whole.
    expect(prop(findItemByName(hub, '/interface/wireguard/peers', 'phone-1')!, 'comment')).toBe('#1');
    expect(prop(hub.items('/ipv6/route')[0]!, 'gateway')).toBe('fe80::1%ether1');
  });

  it('pre-7.10 export: embedded script source is one string with escapes resolved', () => {
    const c = model('exports', 'pre710-rb5009-scripts.rsc');
    const ddns = findItemByName(c, '/system/script', 'ddns');
    const lines = prop(ddns!, 'source')!.split('\r\n');
    expect(lines[0]).toBe('# update the dynamic DNS record when the WAN address changes');
    expect(lines[1]).toBe(':local wanIf "sfp-sfpplus1"');
    expect(lines[3]).toBe(':local cidr [/ip address get [find interface=$wanIf] address]');
    expect(lines[6]).toBe('    :log info "ddns: WAN address changed from $lastWanIp to $current"');
    const backup = findItemByName(c, '/system/script', 'backup');
    expect(prop(backup!, 'source')).toContain(':log info "backup \\"$name\\" written"');
    const sched = findItemByName(c, '/system/scheduler', 'ddns');
    expect(prop(sched!, 'on-event')).toBe('/system script run ddns');
    // split inside the quotes ("uptim\\" + "    e]") joins without the indentation
    const nightly = findItemByName(c, '/system/scheduler', 'nightly-backup');
    expect(prop(nightly!, 'on-event')).toBe(':if ([/system resource get uptime] > 1h) do={ /system script run backup }');
    expect(prop(c.items('/ip/dhcp-server/option')[0]!, 'value')).toBe('0x0104C0A80114');
    expect(prop(c.items('/ipv6/route')[0]!, 'gateway')).toBe('fe80::1%sfp-sfpplus1');
  });

  it('terse export: full path on every line, multi-line script value still joined', () => {
    const c = model('exports', 'office-b-terse.rsc');
    const nw = c.items('/tool/netwatch')[0]!;
    expect(prop(nw, 'down-script')!.split('\r\n')[1]).toBe('/interface wireguard peers disable [find name=office-a]');
    expect(prop(c.items('/interface/pppoe-client')[0]!, 'max-mtu')).toBe('1480');
  });

  it('CRLF export really is CRLF on disk and reads like the LF ones', () => {
    const { bytes } = load('exports', 'crlf-cabin-site.rsc');
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.split('\r\n').length).toBeGreaterThan(50);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const peer = model('exports', 'crlf-cabin-site.rsc').items('/interface/wireguard/peers')[0]!;
    expect(prop(peer, 'endpoint-address')).toBe('192.0.2.10');
    expect(prop(peer, 'persistent-keepalive')).toBe('25s');
  });

  it('verbose export: built-in items configured with set [ find … ]', () => {
    const c = model('exports', 'verbose-excerpt.rsc');
    const ether1 = findItemByName(c, '/interface/ethernet', 'ether1');
    expect(ether1 && prop(ether1, 'l2mtu')).toBe('1596');
    const all = findItemByName(c, '/interface/list', 'all');
    expect(all && prop(all, 'comment')).toBe('contains all interfaces');
    expect(c.singleton('/ip/dns') && prop(c.singleton('/ip/dns')!, 'allow-remote-requests')).toBe('yes');
  });
});

describe('guide and script models', () => {
  it('guide continuation lines without indentation join into one command', () => {
    const c = model('guide', 'office1.rsc');
    const peers = c.items('/interface/wireguard/peers');
    expect(peers).toHaveLength(1);
    expect(prop(peers[0]!, 'allowed-address')).toBe('10.1.101.2/32,10.255.255.0/24');
    expect(prop(peers[0]!, 'persistent-keepalive')).toBe('25s');
    expect(c.items('/ip/firewall/filter')).toHaveLength(3);
  });

  it('ipv6 dual stack: set [find public-key=…] replaces the allowed-address', () => {
    const peer = model('guide', 'ipv6-dual-stack.rsc').items('/interface/wireguard/peers')[0]!;
    expect(prop(peer, 'allowed-address')).toBe('10.1.101.2/32,10.255.255.0/24,fd00:0:0:1::2/128,fd00:0:0:2::/64');
  });

  it('path blocks and .. in scripts land in the right menus', () => {
    const c = model('scripts', 'paths-find-where.rsc');
    expect(c.items('/ip/firewall/filter')).toHaveLength(2);
    expect(c.items('/ip/firewall/address-list')).toHaveLength(1);
    expect(c.items('/ip/dns/static')).toHaveLength(1);
  });
});

describe('expected.json sidecars in these areas are well-formed', () => {
  for (const area of AREAS) {
    for (const file of rscFiles(area)) {
      const sidecar = join(root, 'fixtures', area, file.replace(/\.rsc$/, '.expected.json'));
      if (!existsSync(sidecar)) continue;
      it(`${area}/${file.replace(/\.rsc$/, '.expected.json')}`, () => {
        const entries = JSON.parse(readFileSync(sidecar, 'utf8')) as Record<string, unknown>[];
        expect(Array.isArray(entries)).toBe(true);
        expect(entries.length).toBeGreaterThan(0);
        const lines = readFileSync(join(root, 'fixtures', area, file), 'utf8').split(/\r\n|\n|\r/);
        for (const e of entries) {
          expect(Object.keys(e).sort()).toEqual(['column', 'endColumn', 'endLine', 'line', 'ruleId', 'severity']);
          expect(e.ruleId).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
          expect(['error', 'warning', 'info']).toContain(e.severity);
          const { line, column, endLine, endColumn } = e as Record<string, number>;
          expect(endLine).toBe(line);
          const text = lines[line - 1]!.slice(column - 1, endColumn - 1);
          // The range covers a real value: non-empty, inside the line, no surrounding blanks.
          expect(endColumn - 1).toBeLessThanOrEqual(lines[line - 1]!.length);
          expect(text.length).toBeGreaterThan(0);
          expect(text.trim()).toBe(text);
          expect(lines[line - 1]!.trimStart().startsWith('#')).toBe(false);
        }
      });
    }
  }
});

describe('byte-level fixtures (fixtures/syntax): line endings and encodings', () => {
  const parsed = (file: string) => load('syntax', file);
  const summary = (file: string) => {
    const { path, parsed: p } = parsed(file);
    const config = buildConfig(p, { file: path }).config;
    return {
      diagnostics: p.diagnostics.map((d) => d.ruleId),
      wg: findItemByName(config, '/interface/wireguard', 'wg0') !== undefined,
      address: config.items('/ip/address').map((i) => prop(i, 'address')),
      identity: config.singleton('/system/identity') ? prop(config.singleton('/system/identity')!, 'name') : undefined,
      lines: p.source.lineCount,
    };
  };

  it('keeps its bytes as committed (git must not normalise them)', () => {
    const bytes = (f: string) => readFileSync(join(root, 'fixtures/syntax', f));
    expect(bytes('lone-cr.rsc').includes(0x0a)).toBe(false);
    expect(bytes('lone-cr.rsc').filter((b) => b === 0x0d).length).toBe(7);
    expect([...bytes('bom.rsc').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes('windows-1252.rsc').includes(0xe9)).toBe(true); // é as one Windows-1252 byte
  });

  it('lone CR ends lines: seven lines, every command its own', () => {
    expect(summary('lone-cr.rsc')).toEqual({ diagnostics: [], wg: true, address: ['10.8.0.1/24'], identity: 'lab', lines: 8 });
  });

  it('a UTF-8 BOM is not part of the first line', () => {
    expect(summary('bom.rsc')).toMatchObject({ diagnostics: [], wg: true, address: ['10.8.0.1/24'], identity: 'lab' });
    const { parsed: p } = parsed('bom.rsc');
    expect(p.source.text.charCodeAt(0)).toBe(0x23); // `#`, not U+FEFF
    expect(p.script.comments[0]!.start).toBe(0);
    expect(p.script.comments[0]!.text).toBe(' starts with a UTF-8 byte order mark (Windows Notepad)');
  });

  it('invalid UTF-8 is read as Windows-1252 with one info, the text decoded', () => {
    expect(summary('windows-1252.rsc')).toMatchObject({ diagnostics: ['syntax/encoding'], wg: true, identity: 'lab' });
    const { path, parsed: p } = parsed('windows-1252.rsc');
    const note = buildConfig(p, { file: path }).config.singleton('/system/note');
    expect(prop(note!, 'note')).toBe('Café » garçon');
  });
});
