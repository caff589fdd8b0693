#!/usr/bin/env node
// Builds packages/schema/data/schema.json.gz from RouterOS's own `/console/inspect` trees
// (../shared/routeros-schema: inspect-<ver>.json.gz per release line, deep-inspect-<ver>.json.gz
// with value completions). One merged tree; each node records the versions it exists in as a
// bitmask over the sorted version list (omitted when equal to its parent's mask).
//
// Usage: node scripts/build.mjs [sourceDir] [outFile]
// Deterministic: sorted keys, interned value kinds in sorted order, fixed gzip settings.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync, constants } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = resolve(process.argv[2] ?? join(here, '../../../../shared/routeros-schema'));
const outFile = resolve(process.argv[3] ?? join(here, '../data/schema.json.gz'));

/** '7.10.2' → [7,10,2] for numeric ordering. */
function versionKey(v) {
  return v.split('.').map((n) => Number.parseInt(n, 10));
}
function compareVersions(a, b) {
  const x = versionKey(a), y = versionKey(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const files = readdirSync(sourceDir);
const versions = files
  .map((f) => /^inspect-(\d+(?:\.\d+)+)\.json\.gz$/.exec(f)?.[1])
  .filter((v) => v !== undefined)
  .sort(compareVersions);
if (versions.length === 0) throw new Error(`no inspect-<version>.json.gz in ${sourceDir}`);
if (versions.length > 31) throw new Error('version bitmask needs more than 31 bits');
const deepFile = files.filter((f) => /^deep-inspect-.*\.json\.gz$/.test(f)).sort().pop();

function load(file) {
  return JSON.parse(gunzipSync(readFileSync(join(sourceDir, file))).toString('utf8'));
}

// ---- merge -------------------------------------------------------------------------------------
// Merged node: { mask, menus: Map, cmds: Map, args: Map, descs: Map<version index, desc> }
function newNode() {
  return { mask: 0, menus: new Map(), cmds: new Map(), args: new Map(), descs: new Map() };
}
const root = newNode();
root.mask = (1 << versions.length) - 1;

function childMap(parent, type) {
  if (type === 'dir' || type === 'path') return parent.menus;
  if (type === 'cmd') return parent.cmds;
  if (type === 'arg') return parent.args;
  return undefined;
}

function merge(src, dst, vi) {
  for (const name of Object.keys(src)) {
    if (name.startsWith('_')) continue;
    const child = src[name];
    if (child === null || typeof child !== 'object') continue;
    const map = childMap(dst, child._type);
    if (map === undefined) continue;
    let node = map.get(name);
    if (node === undefined) map.set(name, (node = newNode()));
    node.mask |= 1 << vi;
    if (typeof child.desc === 'string') node.descs.set(vi, child.desc);
    merge(child, node, vi);
  }
}
versions.forEach((v, vi) => merge(load(`inspect-${v}.json.gz`), root, vi));

// ---- completions (one version only) -----------------------------------------------------------
// Completion lists mix real enumerations (action=accept|drop…) with objects of the router that
// produced the dump (ether1, lo, files). Keep only plain values; drop lists that name interfaces.
const OBJECT_ARGS = new Set(['numbers', 'number', 'value-name', 'from', 'file', 'file-name']);
const ROUTER_OBJECTS = new Set(['ether1', 'lo', 'skins/']);
let enumSource;
if (deepFile !== undefined) {
  const deep = load(deepFile);
  enumSource = deep._meta?.version ?? /deep-inspect-(.*)\.json\.gz/.exec(deepFile)[1];
  const attach = (src, dst) => {
    for (const name of Object.keys(src)) {
      if (name.startsWith('_')) continue;
      const child = src[name];
      if (child === null || typeof child !== 'object') continue;
      const map = childMap(dst, child._type);
      const node = map?.get(name);
      if (node === undefined) continue;
      if (child._type === 'arg' && child._completion && !OBJECT_ARGS.has(name)) {
        const entries = Object.entries(child._completion);
        const plain = entries.filter(([, c]) => c.style === 'none' || c.style === 'arg').map(([v]) => v);
        if (plain.length > 0 && !plain.some((v) => ROUTER_OBJECTS.has(v))) node.completion = plain;
      }
      attach(child, node);
    }
  };
  attach(deep, root);
}

// ---- value kinds from desc ---------------------------------------------------------------------
const TIME_UNITS = { w: 604800, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };
/** RouterOS time literal ('1w2d', '00:00:00.200', '18h12m15s') → seconds, or undefined. */
function parseTime(text) {
  const t = text.trim();
  if (t === '') return undefined;
  let m = /^(?:(\d+)d)?(\d+):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(t);
  if (m) return (Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]) + Number(`0.${m[5] ?? 0}`));
  let total = 0, rest = t;
  while (rest.length > 0) {
    m = /^(\d+)(ms|w|d|h|m|s)/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * TIME_UNITS[m[2]];
    rest = rest.slice(m[0].length);
  }
  return Math.round(total * 1000) / 1000;
}

/** Value kind hinted by one `desc` text (see the README for the list). */
function kindOf(desc) {
  let m;
  if ((m = /^(hexadecimal )?string value(?:, min length (\d+))?(?:, max length (\d+))?$/.exec(desc))) {
    const k = { kind: m[1] ? 'hex-string' : 'string' };
    if (m[2] !== undefined) k.minLength = Number(m[2]);
    if (m[3] !== undefined) k.maxLength = Number(m[3]);
    return k;
  }
  if (desc === 'time interval') return { kind: 'time' };
  if ((m = /^(\S*)\.\.(\S*)\s+\(time interval\)$/.exec(desc))) {
    const k = { kind: 'time' };
    const lo = parseTime(m[1]), hi = parseTime(m[2]);
    if (lo !== undefined) k.min = lo;
    if (hi !== undefined) k.max = hi;
    return k;
  }
  if ((m = /^(-?\d+)\.\.(-?\d+)$/.exec(desc))) return { kind: 'number', min: Number(m[1]), max: Number(m[2]) };
  if ((m = /^([^ \[]+)\[,(\w+)\*\]$/.exec(desc))) return { kind: 'enum-list' };
  if (desc === 'script') return { kind: 'script' };
  if (desc === 'A.B.C.D    (IP address)') return { kind: 'ip' };
  if ((m = /^(\w+) \| A\.B\.C\.D\s+\(IP address\)$/.exec(desc))) return { kind: 'ip', special: [m[1]] };
  if (desc === 'A.B.C.D/M    (IP prefix)') return { kind: 'ip-prefix' };
  if (/\(IPv6 prefix\)$/.test(desc)) return { kind: 'ip6-prefix' };
  if (/\(IP address range\)$/.test(desc)) return { kind: 'ip-range' };
  if (/\(MAC address\)$/.test(desc)) return { kind: 'mac' };
  return undefined; // 'see documentation' and anything new: no claim
}

// Numeric arguments whose inspect node carries no `desc` (RouterOS calls them just "Num"), from
// routeros-facts.md and the manual. `strict`: a word other than `special` (or a listed value) is
// invalid too. Used only where the inspect desc gives no kind; menus are matched exactly.
const CURATED_KINDS = [
  ['interface wireguard', 'listen-port', { kind: 'number', min: 0, max: 65535, strict: true }],
  ['interface wireguard', 'mtu', { kind: 'number', min: 0, max: 65536, strict: true, special: ['auto'] }],
  ['interface wireguard peers', 'endpoint-port', { kind: 'number', min: 0, max: 65535, strict: true }],
  ['interface wireguard peers', 'client-listen-port', { kind: 'number', min: 0, max: 65535, strict: true }],
  ['ip route', 'distance', { kind: 'number', min: 0, max: 255, strict: true }],
  ['ipv6 route', 'distance', { kind: 'number', min: 0, max: 255, strict: true }],
];
const curatedKinds = new Map(CURATED_KINDS.map(([menu, arg, kind]) => [`${menu}\u0000${arg}`, kind]));

/** Values named in an enum desc `a|b|c[,Name*]`. */
function enumOfDesc(desc) {
  const m = /^([^ \[]+)\[,(\w+)\*\]$/.exec(desc);
  return m ? m[1].split('|') : undefined;
}

// ---- serialise ---------------------------------------------------------------------------------
const kindKeys = new Map(); // canonical JSON → kind object
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function argInfo(node, menu, name) {
  const out = {};
  // The newest desc gives the kind; enum values are the union over all versions, so a closed list
  // never rejects a value that some version accepted.
  const vis = [...node.descs.keys()].sort((a, b) => a - b);
  const newest = vis.length ? node.descs.get(vis[vis.length - 1]) : undefined;
  let kind = newest !== undefined ? kindOf(newest) : undefined;
  if (kind === undefined && vis.length === 0) kind = curatedKinds.get(`${menu}\u0000${name}`);
  const enumValues = new Set();
  let descEnum = false;
  for (const vi of vis) {
    const e = enumOfDesc(node.descs.get(vi));
    if (e) { descEnum = true; e.forEach((v) => enumValues.add(v)); }
  }
  if (descEnum) {
    kind = { kind: 'enum-list' };
    out.closed = true;
  } else if (node.completion) {
    node.completion.forEach((v) => enumValues.add(v));
    const sorted = [...enumValues].sort();
    if (kind === undefined && sorted.length === 2 && sorted[0] === 'no' && sorted[1] === 'yes') {
      kind = { kind: 'yes-no' };
      out.closed = true;
    }
  }
  if (kind !== undefined) {
    const key = canonical(kind);
    kindKeys.set(key, kind);
    out.kindKey = key;
  }
  if (enumValues.size > 0) out.values = [...enumValues].sort();
  return out;
}

// First pass collects arg infos (and interns kinds); the second writes with kind indexes.
function collect(node, menu) {
  for (const [name, a] of node.args) a.info = argInfo(a, menu, name);
  for (const [name, m] of node.menus) collect(m, menu === '' ? name : `${menu} ${name}`);
  for (const c of node.cmds.values()) collect(c, menu);
}
collect(root, '');
const kindList = [...kindKeys.keys()].sort();
const kindIndex = new Map(kindList.map((k, i) => [k, i]));

function sortedObject(map, fn, parentMask) {
  const out = {};
  for (const name of [...map.keys()].sort()) out[name] = fn(map.get(name), parentMask);
  return out;
}
function writeArg(node, parentMask) {
  const out = {};
  if (node.mask !== parentMask) out.v = node.mask;
  const info = node.info;
  if (info.kindKey !== undefined) out.k = kindIndex.get(info.kindKey);
  if (info.values !== undefined) out.e = info.values;
  if (info.closed) out.x = 1;
  return out;
}
// Argument bodies repeat even more (`{}`, a string kind, yes/no): commands refer to them by index.
const argTable = new Map(); // canonical JSON → index (assigned after sorting)
function writeCmd(node, parentMask) {
  const out = {};
  if (node.mask !== parentMask) out.v = node.mask;
  if (node.args.size) out.a = sortedObject(node.args, (arg, mask) => {
    const key = canonical(writeArg(arg, mask));
    if (!argTable.has(key)) argTable.set(key, argTable.size);
    return argTable.get(key);
  }, node.mask);
  return out;
}
// Many commands are identical across menus (print, export, enable, …): menus refer to commands
// by index into one table of distinct command nodes, which keeps the file quick to parse.
const cmdTable = new Map(); // canonical JSON → index (assigned after sorting)
function writeMenu(node, parentMask) {
  const out = {};
  if (node.mask !== parentMask) out.v = node.mask;
  if (node.menus.size) out.m = sortedObject(node.menus, writeMenu, node.mask);
  if (node.cmds.size) {
    out.c = sortedObject(node.cmds, (cmd, mask) => {
      const key = canonical(writeCmd(cmd, mask));
      cmdTable.set(key, -1);
      return key;
    }, node.mask);
  }
  return out;
}

const tree = writeMenu(root, root.mask);
// Provisional arg ids follow traversal order (itself sorted), so they are already deterministic.
const argList = [...argTable.keys()];
const cmdList = [...cmdTable.keys()].sort();
cmdList.forEach((k, i) => cmdTable.set(k, i));
(function replaceKeys(menu) {
  for (const name of Object.keys(menu.c ?? {})) menu.c[name] = cmdTable.get(menu.c[name]);
  for (const sub of Object.values(menu.m ?? {})) replaceKeys(sub);
})(tree);

const schema = {
  format: 3,
  versions,
  enumSource: enumSource ?? null,
  kinds: kindList.map((k) => JSON.parse(k)),
  args: argList.map((k) => JSON.parse(k)),
  commands: cmdList.map((k) => JSON.parse(k)),
  root: tree,
};
const json = canonical(schema);
const gz = gzipSync(Buffer.from(json, 'utf8'), { level: constants.Z_BEST_COMPRESSION });
// Node's gzip header has no timestamp/filename (mtime 0), so equal input gives equal bytes.
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, gz);
process.stdout.write(`schema: ${versions.length} versions (${versions[0]}…${versions[versions.length - 1]}), ` +
  `enum values from ${enumSource ?? 'none'}; ${json.length} bytes JSON, ${gz.length} bytes gzipped → ${outFile}\n`);
