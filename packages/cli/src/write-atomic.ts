/**
 * Replace a file's content atomically: write a temporary file in the same directory (same file
 * system, so rename is atomic), keep the original's permission bits, then rename over it. A crash
 * leaves either the old or the new file, never a half-written one.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export async function writeFileAtomic(file: string, data: Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.roslint-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  const mode = (await fs.stat(file).catch(() => undefined))?.mode;
  try {
    await fs.writeFile(tmp, data, mode === undefined ? {} : { mode: mode & 0o7777 });
    if (mode !== undefined) await fs.chmod(tmp, mode & 0o7777);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
