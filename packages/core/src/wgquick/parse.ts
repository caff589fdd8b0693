/**
 * The wg-quick `.conf` format (wg-quick(8), wg(8) CONFIGURATION FILE FORMAT): `[Interface]` and
 * `[Peer]` sections of `Key = value` lines. As wg-quick does, everything from the first `#` to the
 * end of the line is a comment (so `AllowedIPs = 0.0.0.0/0, ::/0 # full tunnel` is one entry list).
 * Keys and section names are case-insensitive. This module only splits the text into sections and
 * entries with exact spans; what the values mean is `to-config.ts`'s job.
 */
import type { Comment, Span } from '@roslint/parser';

export interface ConfEntry {
  /** The key as written (`AllowedIPs`). */
  key: string;
  /** The key lower-cased (`allowedips`), for look-ups. */
  lowerKey: string;
  keySpan: Span;
  /** The value with surrounding whitespace and the trailing comment removed. */
  value: string;
  /** The value's span (empty span right after `=` when the value is empty). */
  valueSpan: Span;
  /** The whole line without its terminator. */
  lineSpan: Span;
}

export interface ConfSection {
  kind: 'interface' | 'peer';
  /** The `[Interface]` / `[Peer]` header. */
  headerSpan: Span;
  entries: ConfEntry[];
}

export interface ConfProblem {
  span: Span;
  message: string;
}

export interface ParsedConf {
  sections: ConfSection[];
  problems: ConfProblem[];
  /** Every `#` comment (the text after `#`), for suppression directives. */
  comments: Comment[];
}

/** Offsets of each line's start and end (without terminator); LF, CRLF and lone CR end a line. */
function lines(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      out.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** [start, end) of `text.slice(start, end)` with surrounding whitespace removed. */
function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

export function parseConf(text: string): ParsedConf {
  const sections: ConfSection[] = [];
  const problems: ConfProblem[] = [];
  const comments: Comment[] = [];
  let current: ConfSection | undefined;
  for (const line of lines(text)) {
    const rel = text.slice(line.start, line.end).indexOf('#');
    const hash = rel >= 0 ? line.start + rel : -1;
    const contentEnd = hash >= 0 ? hash : line.end;
    if (contentEnd < line.end) comments.push({ kind: 'comment', start: hash, end: line.end, text: text.slice(hash + 1, line.end) });
    const body = trimSpan(text, line.start, contentEnd);
    if (body.start === body.end) continue;
    const raw = text.slice(body.start, body.end);
    if (raw.startsWith('[')) {
      const m = /^\[\s*([A-Za-z]+)\s*\]$/.exec(raw);
      const name = m?.[1]?.toLowerCase();
      if (name === 'interface' || name === 'peer') {
        current = { kind: name, headerSpan: body, entries: [] };
        sections.push(current);
      } else {
        current = undefined;
        problems.push({
          span: body,
          message: m ? `unknown section \`[${m[1]}]\`; a wg-quick file has [Interface] and [Peer] sections` : 'malformed section header',
        });
      }
      continue;
    }
    const eqRel = raw.indexOf('=');
    const eq = eqRel >= 0 ? body.start + eqRel : -1;
    if (eq < 0) {
      problems.push({ span: body, message: 'expected `Key = value`' });
      continue;
    }
    const keySpan = trimSpan(text, body.start, eq);
    const key = text.slice(keySpan.start, keySpan.end);
    if (!/^[A-Za-z]+$/.test(key)) {
      problems.push({ span: keySpan.start === keySpan.end ? body : keySpan, message: 'expected a key name before `=`' });
      continue;
    }
    const valueSpan = trimSpan(text, eq + 1, body.end);
    if (valueSpan.start === valueSpan.end) valueSpan.start = valueSpan.end = Math.min(eq + 1, body.end);
    const entry: ConfEntry = {
      key,
      lowerKey: key.toLowerCase(),
      keySpan,
      value: text.slice(valueSpan.start, valueSpan.end),
      valueSpan,
      lineSpan: { start: line.start, end: line.end },
    };
    if (!current) {
      problems.push({ span: keySpan, message: `\`${key}\` is outside any [Interface] or [Peer] section` });
      continue;
    }
    current.entries.push(entry);
  }
  return { sections, problems, comments };
}
