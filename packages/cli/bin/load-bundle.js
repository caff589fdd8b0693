// Loads the CLI bundle (dist/roslint.bundle.cjs, CommonJS) through vm.Script with V8's code cache
// (dist/roslint.bundle.cache, written by scripts/bundle.mjs after a warm-up lint, so it also holds
// the functions a run compiles lazily): start-up then skips most parsing and compiling of the
// ~0.8 MB bundle. Node 20 has no code cache for ES modules, hence the CommonJS bundle.
//
// The cache file starts with a SHA-256 of the bundle and of the V8 data after it. V8 checks only
// its own version, its flags and the source's length, and damaged data can crash the process, so
// a cache made for another bundle (a rebuild) or a damaged one is never handed to V8. When V8
// rejects the data (another Node version or other V8 flags), or there is no cache, the bundle is
// compiled as usual: the cache only ever changes how fast the CLI starts.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

export const BUNDLE_FILE = fileURLToPath(new URL('../dist/roslint.bundle.cjs', import.meta.url));
export const CODE_CACHE_FILE = fileURLToPath(new URL('../dist/roslint.bundle.cache', import.meta.url));

const MAGIC = Buffer.from('roslint code cache 1\n');
const HEADER = MAGIC.length + 32;

const digest = (bundle, data) => createHash('sha256').update(bundle).update(data).digest();

/** The V8 data in `cacheFile` if it was made for exactly these bundle bytes and is intact. */
function cachedDataFor(bundle, cacheFile) {
  let file;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (file.length <= HEADER || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = file.subarray(HEADER);
  return digest(bundle, data).equals(file.subarray(MAGIC.length, HEADER)) ? data : undefined;
}

/**
 * Compiles and runs the bundle like Node's CommonJS loader would (the same function wrapper, so
 * the cache matches whichever loads it). `cache`: 'used', 'rejected' (by V8) or 'none' (no valid
 * cache file).
 */
export function loadBundle(bundleFile = BUNDLE_FILE, cacheFile = CODE_CACHE_FILE) {
  const bundle = readFileSync(bundleFile);
  const cachedData = cachedDataFor(bundle, cacheFile);
  const source = `(function (exports, require, module, __filename, __dirname) {${bundle.toString('utf8')}\n})`;
  const script = new Script(source, { filename: bundleFile, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundleFile), module, bundleFile, path.dirname(bundleFile));
  const cache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  return { exports: module.exports, cache, script, bundle };
}

/** Writes the code cache of a loaded bundle (call it after a warm-up run); atomic, so a concurrent start reads the old file or the new one. */
export function writeCodeCache({ script, bundle }, cacheFile = CODE_CACHE_FILE) {
  const data = script.createCachedData();
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat([MAGIC, digest(bundle, data), data]));
  renameSync(tmp, cacheFile);
  return data.length;
}
