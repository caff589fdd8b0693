/**
 * Parsed embedded scripts, by their text, for the next file that carries the same script.
 *
 * A fleet's routers carry the same `/system script` sources and scheduler `on-event`s (deployed
 * from one template); parsing those through the grammar was a quarter of the parse time of a
 * router's export, for text already parsed in the previous file. The parse of a script's decoded
 * text does not depend on where the string sits in the file, except for line numbers in messages:
 * so only scripts that parsed without any problem are kept, and every use gets its own copy with
 * the spans mapped into its file (`remappedCopy`), the cached tree itself is never handed out.
 */
import type { Script } from './ast.js';

/** Script text kept, in characters, before the cache starts over (bounds its memory). */
const MAX_CACHED_CHARS = 1 << 20;
/** Longer scripts are not kept: one of them would fill the cache alone. */
const MAX_SCRIPT_CHARS = 64 * 1024;

export class EmbeddedScriptCache {
  /** One map per embedding depth: how deep nested scripts are followed depends on it. */
  private readonly byDepth = new Map<number, Map<string, Script>>();
  private chars = 0;

  get(text: string, depth: number): Script | undefined {
    return this.byDepth.get(depth)?.get(text);
  }

  /** Keeps `script` (parsed from `text` at `depth`, spans relative to `text`, no problems). */
  set(text: string, depth: number, script: Script): void {
    if (text.length > MAX_SCRIPT_CHARS) return;
    if (this.chars + text.length > MAX_CACHED_CHARS) {
      this.byDepth.clear();
      this.chars = 0;
    }
    let scripts = this.byDepth.get(depth);
    if (!scripts) this.byDepth.set(depth, (scripts = new Map()));
    scripts.set(text, script);
    this.chars += text.length;
  }
}

/**
 * A copy of a parsed tree (plain objects and arrays, each reachable once: the parser builds trees)
 * with every `start`/`end` pair (nodes, nameSpan, string parts) mapped through the maps. Keys are
 * copied in their order, so the copy prints exactly like the original would after mapping.
 */
export function remappedCopy<T extends object>(root: T, mapStart: (o: number) => number, mapEnd: (o: number) => number): T {
  const copy = (node: object): object => {
    if (Array.isArray(node)) {
      const out = new Array(node.length);
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i];
        out[i] = v !== null && typeof v === 'object' ? copy(v) : v;
      }
      return out;
    }
    const rec = node as Record<string, unknown>;
    const spanned = typeof rec.start === 'number' && typeof rec.end === 'number';
    const start = spanned ? mapStart(rec.start as number) : 0;
    const end = spanned ? Math.max(start, mapEnd(rec.end as number)) : 0;
    const out: Record<string, unknown> = {};
    for (const key in rec) {
      const v = rec[key];
      if (spanned && key === 'start') out[key] = start;
      else if (spanned && key === 'end') out[key] = end;
      else out[key] = v !== null && typeof v === 'object' ? copy(v) : v;
    }
    return out;
  };
  return copy(root) as T;
}
