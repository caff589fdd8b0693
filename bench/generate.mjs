#!/usr/bin/env node
/**
 * Deterministic synthetic RouterOS exports for `npm run bench`.
 *
 * Written the way `/export` (compact, RouterOS 7) writes them: CRLF, a header, a path line per menu,
 * properties in alphabetical order, lines wrapped at ≤ 79 columns with ` \` (or `name=\`) and a
 * 4-space indent, quoted strings split inside the quotes, script sources with `\r\n` escapes broken
 * after `\r\`. Everything comes from one seeded PRNG, so the same size always gives the same bytes.
 *
 * Keys: a small pool of real X25519 key pairs (@noble/curves, ~1 ms each) for interfaces; peer public
 * keys are derived from the pool by rewriting a few bytes with the peer's index — still 32-byte
 * X25519 u-coordinates WireGuard accepts (not low-order), distinct per peer, and free to compute.
 *
 *   node bench/generate.mjs [outDir]      → writes the bench inputs (default bench/out/inputs)
 */
import { mkdirSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { x25519 } from '@noble/curves/ed25519.js';

const CRLF = '\r\n';
const MAX_COL = 79;

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (arr) => arr[Math.floor(next() * arr.length)] };
}

const b64 = (bytes) => Buffer.from(bytes).toString('base64');

/** `count` real key pairs from seeded private keys. */
export function keyPool(count, seed) {
  const r = rng(seed);
  const pool = [];
  for (let i = 0; i < count; i++) {
    const priv = new Uint8Array(32);
    for (let j = 0; j < 32; j++) priv[j] = r.int(256);
    const pub = x25519.getPublicKey(priv);
    pool.push({ privateKey: b64(priv), publicKey: b64(pub), pubBytes: pub });
  }
  return pool;
}

/** A distinct public key per index: a pool key with bytes 8..11 replaced by the index. */
export function derivedPublicKey(pool, i) {
  const bytes = Uint8Array.from(pool[i % pool.length].pubBytes);
  const n = Math.floor(i / pool.length) + 1;
  bytes[8] = n & 255;
  bytes[9] = (n >>> 8) & 255;
  bytes[10] = (n >>> 16) & 255;
  bytes[11] ^= 0x5a;
  return b64(bytes);
}

// ---------------------------------------------------------------------------------------------
// Export rendering

/** Quote a value the way export does when it has to; escape `"`, `\`, `$`, newlines. */
function renderValue(v) {
  if (v !== '' && /^[A-Za-z0-9_.:,/!*#@%+-]+$/.test(v) && !v.includes('=')) return v;
  return '"' + v.replace(/[\\"$]/g, (c) => '\\' + c).replace(/\r/g, '\\r').replace(/\n/g, '\\n') + '"';
}

/** Atomic units of a rendered quoted value (an escape is never split). */
function units(s) {
  const out = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      out.push(s.slice(i, i + 2));
      i++;
    } else out.push(s[i]);
  }
  return out;
}

/**
 * One command (`add` + sorted properties) wrapped like compact export.
 * `props` is an array of [name, value]; already sorted by the caller's order of insertion.
 */
export function renderCommand(verb, props) {
  const lines = [];
  let line = verb;
  const sorted = props.filter((p) => p[1] !== undefined).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [name, value] of sorted) {
    const piece = `${name}=${renderValue(value)}`;
    if (line.length + 1 + piece.length + 2 <= MAX_COL) {
      line += ' ' + piece;
      continue;
    }
    if (4 + piece.length + 2 <= MAX_COL && !piece.includes('\\r\\n')) {
      lines.push(line + ' \\');
      line = '    ' + piece;
      continue;
    }
    // Long value: `name=\` then the value, split inside quotes as needed.
    if (line.length + 1 + name.length + 2 <= MAX_COL) {
      lines.push(line + ' ' + name + '=\\');
      line = '    ';
    } else {
      lines.push(line + ' \\');
      lines.push('    ' + name + '=\\');
      line = '    ';
    }
    const rendered = renderValue(value);
    const us = units(rendered);
    for (let k = 0; k < us.length; k++) {
      const u = us[k];
      if (u === '\\n' && line.endsWith('\\r')) {
        // Script newline: break after `\r\`, continue with `\n`.
        lines.push(line + '\\');
        line = '    ';
      } else if (line.length + u.length + 1 > MAX_COL && k < us.length - 1) {
        lines.push(line + '\\');
        line = '    ';
      }
      line += u;
    }
  }
  lines.push(line);
  return lines.join(CRLF);
}

function header(r, model) {
  return [
    `# ${2024 + r.int(2)}-0${1 + r.int(9)}-1${r.int(10)} 0${r.int(10)}:1${r.int(10)}:2${r.int(10)} by RouterOS 7.19.4`,
    `# software id = ${'ABCD-EFGH'.replace(/[A-Z]/g, () => String.fromCharCode(65 + r.int(26)))}`,
    '#',
    `# model = ${model}`,
    `# serial number = HH${r.int(1e9).toString(16).toUpperCase()}`,
  ];
}

const SCRIPT_BODIES = [
  (i) => [
    `# health check ${i}: ping the tunnel peers and log failures`,
    ':local failed 0',
    `:foreach p in=[/interface wireguard peers find where interface="wg-hub${i % 4}" and disabled=no] do={`,
    '  :local addr [/interface wireguard peers get $p endpoint-address]',
    '  :if ([:len $addr] > 0) do={',
    '    :if ([/ping $addr count=3] = 0) do={',
    '      :set failed ($failed + 1)',
    '      :log warning ("peer " . [/interface wireguard peers get $p name] . " is down")',
    '    }',
    '  }',
    '}',
    ':if ($failed > 5) do={ /system script run notify }',
  ],
  (i) => [
    ':global lastWanIp',
    `:local cidr [/ip address get [find interface="sfp-sfpplus${1 + (i % 4)}"] address]`,
    ':local ip [:pick $cidr 0 [:find $cidr "/"]]',
    ':if ($ip != $lastWanIp) do={',
    '  :set lastWanIp $ip',
    `  /tool fetch url=("https://dyn.example.net/update?host=r${i}&ip=" . $ip) keep-result=no`,
    '  :log info "dynamic DNS updated"',
    '}',
  ],
  (i) => [
    `:local name ("backup-" . [/system identity get name] . "-${i}")`,
    '/system backup save name=$name dont-encrypt=no',
    ':delay 5s',
    `/export file=("export-" . $name) terse`,
    ':local list [:toarray "10.0.0.1,10.0.0.2,10.0.0.3"]',
    ':for n from=1 to=[:len $list] step=1 do={ :put ($n * 2) }',
  ],
];

/**
 * One router export.
 * @param {object} o  peers, entries (address-list), filterRules, scripts, seed, pool, padTo (bytes),
 *                    showSensitive, privateKey (interface), ring (public keys of neighbour routers)
 */
export function generateRouter(o) {
  const r = rng(o.seed);
  const out = header(r, o.model ?? 'CCR2216-1G-12XS-2XQ');
  const cmd = (verb, props) => out.push(renderCommand(verb, props));
  const wgCount = 4;

  out.push('/interface bridge');
  cmd('add', [['admin-mac', '48:A9:8A:00:00:01'], ['auto-mac', 'no'], ['comment', 'defconf'], ['name', 'bridge']]);
  out.push('/interface ethernet');
  for (let e = 1; e <= 8; e++) cmd(`set [ find default-name=ether${e} ]`, [['comment', `port ${e}`], ['l2mtu', '1592']]);
  out.push('/interface wireguard');
  for (let w = 0; w < wgCount; w++)
    cmd('add', [['listen-port', String(13231 + w)], ['mtu', '1420'], ['name', `wg-hub${w}`], ['comment', `concentrator ${w}`]]);
  // Network mode: a site-to-site interface whose key the neighbours know (show-sensitive export).
  const site = o.ring !== undefined && o.index !== undefined;
  const tunnelIp = (k) => `172.16.${(k >> 8) & 255}.${k & 255}`;
  const lan = (k) => `10.${(k >> 8) & 255}.${k & 255}`;
  if (site) cmd('add', [['listen-port', '13240'], ['mtu', '1420'], ['name', 'wg-site'], ['private-key', o.privateKey]]);
  out.push('/interface list');
  cmd('add', [['name', 'WAN']]);
  cmd('add', [['name', 'LAN']]);
  out.push('/interface list member');
  cmd('add', [['interface', 'ether1'], ['list', 'WAN']]);
  cmd('add', [['interface', 'bridge'], ['list', 'LAN']]);
  for (let w = 0; w < wgCount; w++) cmd('add', [['interface', `wg-hub${w}`], ['list', 'LAN']]);

  out.push('/interface wireguard peers');
  for (const [k, n] of (o.ring ?? []).entries())
    cmd('add', [
      ['allowed-address', `${tunnelIp(n.index)}/32,${lan(n.index)}.0/24`],
      ['comment', `site link to ${n.name}`],
      ['endpoint-address', `${n.name}.sites.example.net`],
      ['endpoint-port', '13240'],
      ['interface', 'wg-site'],
      ['name', `site-${k}`],
      ['persistent-keepalive', '25s'],
      ['public-key', n.publicKey],
    ]);
  for (let i = 0; i < o.peers; i++) {
    // Distinct /32 per peer in 100.64.0.0/10 (up to 4M peers), an IPv6 /128 for a third of them.
    // Peer i sits on wg-hub(i % 4) with a distinct /32 inside that interface's 100.x.0.0/12 subnet.
    const w = i % wgCount;
    const j = i >>> 2;
    const v4 = `100.${64 + w * 16 + (j >>> 16)}.${(j >>> 8) & 255}.${j & 255}/32`;
    const allowed = i % 3 === 0 ? `${v4},fd0${w}:${(j >>> 16).toString(16)}:${(j & 0xffff).toString(16)}::2/128` : v4;
    const withEndpoint = i % 5 === 0;
    cmd('add', [
      ['allowed-address', allowed],
      ['comment', i % 7 === 0 ? `customer ${i} "gold" plan` : `cust-${i}`],
      ['endpoint-address', withEndpoint ? (i % 10 === 0 ? `cpe${i}.customers.example.com` : `198.51.${(i >> 8) & 255}.${i & 255}`) : undefined],
      ['endpoint-port', withEndpoint ? String(10000 + (i % 50000)) : undefined],
      ['interface', `wg-hub${w}`],
      ['name', `peer${i}`],
      ['persistent-keepalive', withEndpoint ? '25s' : undefined],
      ['public-key', derivedPublicKey(o.pool, i + (o.keyOffset ?? 0))],
      ['disabled', i % 97 === 0 ? 'yes' : undefined],
    ]);
  }

  out.push('/ip address');
  cmd('add', [['address', '192.0.2.10/24'], ['interface', 'ether1'], ['network', '192.0.2.0']]);
  for (let w = 0; w < wgCount; w++)
    cmd('add', [['address', `100.${64 + w * 16}.0.1/12`], ['interface', `wg-hub${w}`], ['network', `100.${64 + w * 16}.0.0`]]);
  if (site) {
    cmd('add', [['address', `${lan(o.index)}.1/24`], ['interface', 'bridge'], ['network', `${lan(o.index)}.0`]]);
    cmd('add', [['address', `${tunnelIp(o.index)}/32`], ['interface', 'wg-site'], ['network', tunnelIp(o.index)]]);
  }
  out.push('/ipv6 address');
  for (let w = 0; w < wgCount; w++) cmd('add', [['address', `fd0${w}::1/16`], ['advertise', 'no'], ['interface', `wg-hub${w}`]]);

  out.push('/ip firewall address-list');
  const lists = ['blocklist', 'customers', 'bogons', 'admins', 'geo-block'];
  for (let i = 0; i < o.entries; i++) {
    const list = lists[i % lists.length];
    const addr =
      i % 11 === 0
        ? `${1 + (i % 223)}.${(i >>> 8) & 255}.${i & 255}.0/24`
        : `${1 + (i % 223)}.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;
    cmd('add', [
      ['address', addr],
      ['list', list],
      ['comment', i % 9 === 0 ? `imported ${2020 + (i % 5)}-feed ${i}` : undefined],
    ]);
  }

  out.push('/ip firewall filter');
  cmd('add', [['action', 'accept'], ['chain', 'input'], ['connection-state', 'established,related,untracked']]);
  cmd('add', [['action', 'drop'], ['chain', 'input'], ['connection-state', 'invalid']]);
  for (let i = 0; i < o.filterRules - 4; i++) {
    const chain = i % 3 === 0 ? 'input' : 'forward';
    const kind = i % 6;
    cmd('add', [
      ['action', kind === 0 ? 'drop' : 'accept'],
      ['chain', chain],
      ['comment', `rule ${i}: ${kind === 0 ? 'drop listed sources' : 'allow service'}`],
      ['src-address-list', kind === 0 ? lists[i % lists.length] : kind === 1 ? 'customers' : undefined],
      ['protocol', kind >= 2 ? (i % 2 ? 'tcp' : 'udp') : undefined],
      ['dst-port', kind >= 2 ? String(1000 + ((i * 37) % 60000)) : undefined],
      ['in-interface-list', kind === 3 ? 'LAN' : undefined],
      ['dst-address', kind === 4 ? `10.${i % 250}.0.0/16` : undefined],
      ['log', kind === 5 ? 'yes' : undefined],
      ['log-prefix', kind === 5 ? `fw${i}` : undefined],
    ]);
  }
  cmd('add', [['action', 'accept'], ['chain', 'input'], ['dst-port', '13231-13240'], ['protocol', 'udp']]);
  cmd('add', [['action', 'drop'], ['chain', 'input'], ['comment', 'everything else from WAN'], ['in-interface-list', '!LAN']]);

  out.push('/ip route');
  cmd('add', [['disabled', 'no'], ['dst-address', '0.0.0.0/0'], ['gateway', '192.0.2.1']]);
  for (const n of o.ring ?? []) {
    cmd('add', [['dst-address', `${tunnelIp(n.index)}/32`], ['gateway', 'wg-site']]);
    cmd('add', [['dst-address', `${lan(n.index)}.0/24`], ['gateway', 'wg-site']]);
  }

  out.push('/system identity');
  cmd('set', [['name', o.name ?? 'concentrator']]);
  out.push('/system scheduler');
  for (let i = 0; i < Math.min(o.scripts, 10); i++)
    cmd('add', [
      ['interval', '5m'],
      ['name', `sched-${i}`],
      ['on-event', `/system script run script-${i}`],
      ['policy', 'read,write,policy,test'],
      ['start-time', 'startup'],
    ]);
  out.push('/system script');
  for (let i = 0; i < o.scripts; i++)
    cmd('add', [
      ['dont-require-permissions', 'no'],
      ['name', `script-${i}`],
      ['owner', 'admin'],
      ['policy', 'ftp,read,write,policy,test'],
      ['source', SCRIPT_BODIES[i % SCRIPT_BODIES.length](i).join('\r\n')],
    ]);

  // Pad to the requested size with more address-list entries (the bulk of real large imports).
  let text = out.join(CRLF) + CRLF;
  if (o.padTo && text.length < o.padTo) {
    const pad = ['/ip firewall address-list'];
    let size = text.length + 30;
    for (let i = o.entries; size < o.padTo; i++) {
      const line = renderCommand('add', [
        ['address', `${1 + (i % 223)}.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`],
        ['list', 'feed-extra'],
      ]);
      pad.push(line);
      size += line.length + 2;
    }
    text += pad.join(CRLF) + CRLF;
  }
  return text;
}

/** Peers / list entries for a single export of about `bytes` (20 MB ≈ 20,000 peers + 150,000 entries). */
export function singleExport(bytes, pool) {
  const scale = bytes / 20e6;
  return generateRouter({
    seed: 0xc0ffee ^ bytes,
    pool,
    peers: Math.round(20000 * scale),
    entries: Math.round(150000 * scale),
    filterRules: 300,
    scripts: Math.max(3, Math.round(60 * scale)),
    padTo: bytes,
  });
}

/** A network of `count` routers of ~50 KB each: a ring of site links plus local peers. */
export function networkRouters(count) {
  const pool = keyPool(count, 0x5eed);
  const files = [];
  for (let r = 0; r < count; r++) {
    const nb = (k) => ({ index: k, name: `r${String(k).padStart(4, '0')}`, publicKey: pool[k].publicKey });
    files.push({
      name: `r${String(r).padStart(4, '0')}.rsc`,
      text: generateRouter({
        seed: 1000 + r,
        pool,
        keyOffset: count + r * 100,
        name: `r${String(r).padStart(4, '0')}`,
        index: r,
        model: 'RB5009UG+S+',
        peers: 60,
        entries: 300,
        filterRules: 60,
        scripts: 3,
        showSensitive: true,
        privateKey: pool[r].privateKey,
        ring: [nb((r + 1) % count), nb((r + count - 1) % count)],
        padTo: 50_000,
      }),
    });
  }
  return files;
}

export const SIZES = [
  ['small-5kb', 5_000],
  ['export-1mb', 1_000_000],
  ['export-2mb', 2_000_000],
  ['export-5mb', 5_000_000],
  ['export-20mb', 20_000_000],
];

/** Writes every bench input under `dir` (skips files that already exist: generation is deterministic). */
export function writeInputs(dir, { force = false, networkSize = 1000 } = {}) {
  mkdirSync(dir, { recursive: true });
  const pool = keyPool(64, 0xbeef);
  const written = {};
  for (const [name, bytes] of SIZES) {
    const file = join(dir, `${name}.rsc`);
    if (force || !existsSync(file)) {
      const text =
        bytes < 20_000
          ? generateRouter({ seed: 7, pool, peers: 6, entries: 20, filterRules: 12, scripts: 1, padTo: bytes })
          : singleExport(bytes, pool);
      writeFileSync(file, text);
    }
    written[name] = file;
  }
  const netDir = join(dir, `network-${networkSize}`);
  if (force || !existsSync(netDir) || readdirSync(netDir).length !== networkSize) {
    mkdirSync(netDir, { recursive: true });
    for (const f of networkRouters(networkSize)) writeFileSync(join(netDir, f.name), f.text);
  }
  written.network = netDir;
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'out', 'inputs');
  const t0 = performance.now();
  const w = writeInputs(dir, { force: true });
  console.log(`wrote ${Object.values(w).join(', ')} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
