/**
 * Document URIs ↔ the `file` names the linter puts into diagnostics.
 *
 * `file:` URIs lint under their file-system path (so related locations in other files map back to
 * URIs, and `roslint.config.json` can be looked up next to them); any other scheme (untitled
 * buffers) lints under the URI text itself.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToFile(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }
  return uri;
}

export function fileToUri(file: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)) return file;
  return pathToFileURL(file).href;
}

/** Normalise a URI the way clients differ in spelling it (`%3A` vs `:` on Windows drives). */
export function normalizeUri(uri: string): string {
  return uri.startsWith('file:') ? fileToUri(uriToFile(uri)) : uri;
}

export function isRouterOsFile(pathOrUri: string): boolean {
  return /\.rsc$/i.test(pathOrUri);
}

/** wg-quick client configs (`wg0.conf`) join the network of the workspace's routers. */
export function isConfFile(pathOrUri: string): boolean {
  return /\.conf$/i.test(pathOrUri);
}

/** A `.conf` is linted only when it is a wg-quick config (nginx.conf and friends are not). */
export function looksLikeWgQuick(bytes: Uint8Array | string): boolean {
  const head = typeof bytes === 'string' ? bytes.slice(0, 65536) : Buffer.from(bytes.subarray(0, 65536)).toString('latin1');
  return /^\s*\[Interface\]\s*$/m.test(head);
}
