/**
 * Diagnostics published right after an edit of a large document, before its complete lint (which
 * runs in the worker and takes the whole pipeline's time) is back:
 *
 * - the syntax diagnostics of the statements around the edit, exact: `updateSyntax` parses just
 *   those statements again, reusing the rest of the last parse;
 * - every other diagnostic last shown, moved with the edit (what an editor does to its markers
 *   anyway), so nothing flickers away while typing.
 *
 * The complete lint of the same version replaces them as soon as it is published. Messages of the
 * new syntax diagnostics are scrubbed of secret values (the last lint's and those in the re-parsed
 * statements), like the linter's own; when the document has suppression comments only the moved
 * diagnostics are shown (a `roslint-disable` there might apply to the new ones).
 */
import { secretSpans, REDACTED, type SeveritySetting } from '@roslint/core';
import { syntaxSnapshot, tryUpdateSyntax, updateSyntax, type Diagnostic, type SourceText, type SyntaxSnapshot, type SyntaxUpdate, type TextChange } from '@roslint/parser';

/** What a document's diagnostics were last computed for. */
interface Shown {
  text: string;
  diagnostics: Diagnostic[];
  /** The syntax snapshot of exactly `text` (arrives after the lint's diagnostics for worker results). */
  snapshot?: SyntaxSnapshot;
  /** Secret values of the document (from its last complete lint and re-parsed statements). */
  secrets: string[];
  /** Whether `text` has suppression comments (undefined: not looked yet). */
  directives?: boolean;
  /** A snapshot of `text` was asked of the worker. */
  snapshotAsked?: boolean;
}

const DIRECTIVE = /roslint-(disable|enable|ignore)/;

/**
 * Whether the new text has suppression comments: looked for around the edit only when the old
 * text had none (a 20 MB text is not searched per keystroke).
 */
function hasDirectives(before: boolean | undefined, text: string, edit: TextChange): boolean {
  if (before !== false) return DIRECTIVE.test(text);
  const around = text.slice(Math.max(0, edit.start - 24), edit.newEnd + 24);
  return DIRECTIVE.test(around);
}

/** Offset in the old text → offset in the new text, for a single replaced range. */
function mapOffset(o: number, edit: TextChange): number {
  if (o <= edit.start) return o;
  if (o >= edit.oldEnd) return o + edit.newEnd - edit.oldEnd;
  return edit.newEnd; // inside the replaced text: its end
}

function moved(d: Diagnostic, source: SourceText, file: string, edit: TextChange): Diagnostic {
  const span = (r: Diagnostic['range']) => source.rangeOf({ start: mapOffset(r.start.offset, edit), end: mapOffset(r.end.offset, edit) });
  const out: Diagnostic = { ruleId: d.ruleId, severity: d.severity, message: d.message, file: d.file, range: span(d.range) };
  if (d.related) out.related = d.related.map((r) => (r.file === file ? { ...r, range: span(r.range) } : r));
  return out; // a fix is not carried over: code actions come from the complete lint only
}

function secretValuesOf(text: string, spans: readonly { start: number; end: number }[]): string[] {
  const out: string[] = [];
  for (const s of spans) {
    const raw = text.slice(s.start, s.end);
    const unquoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
    // Short values would scrub ordinary words; real keys are 44 characters (as the linter does).
    for (const v of [raw, unquoted]) if (v.trim().length >= 6) out.push(v);
  }
  return out;
}

function scrub(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const v of secrets) if (out.includes(v)) out = out.split(v).join(REDACTED);
  return out;
}

export class QuickDiagnostics {
  private readonly shown = new Map<string, Shown>();

  /**
   * @param parseMaxChars Up to this size, a syntax snapshot the worker has not sent yet is made on
   * the spot (a full parse of 2 MB is ~50 ms) instead of waiting for it.
   * @param onUpdate Told of every incremental re-parse (semantic tokens follow the same edits).
   */
  constructor(
    private readonly parseMaxChars = 2_000_000,
    private readonly onUpdate?: (uri: string, before: string, update: SyntaxUpdate) => void,
  ) {}

  /** A complete lint of `text` was published. */
  linted(uri: string, text: string, diagnostics: Diagnostic[], secrets: readonly string[], snapshot?: SyntaxSnapshot): void {
    const before = this.shown.get(uri);
    // The snapshot of a quick update of the same text stays valid; one of an older text is carried
    // forward when that is cheap.
    const old = before?.snapshot;
    const keep = snapshot ?? (old && old.source.text === text ? old : old ? tryUpdateSyntax(old, text)?.snapshot : undefined);
    this.shown.set(uri, { text, diagnostics, snapshot: keep, secrets: [...secrets].sort((a, b) => b.length - a.length) });
  }

  /** The syntax snapshot of `text` (computed off the request thread) is ready. */
  snapshotReady(uri: string, snapshot: SyntaxSnapshot): void {
    const s = this.shown.get(uri);
    if (s && !s.snapshot && s.text === snapshot.source.text) s.snapshot = snapshot;
  }

  /**
   * Whether a syntax snapshot of `text` should be made by the worker right after its lint (then the
   * first keystroke does not pay for a cold full parse here). Not for documents too large to parse
   * here: their snapshot is asked for on the first edit (`snapshotWanted`), so the worker is free
   * to answer questions about them right after opening.
   */
  wantsSnapshot(uri: string, text: string): boolean {
    if (text.length > this.parseMaxChars) return false;
    const s = this.shown.get(uri);
    return s?.snapshot === undefined || s.snapshot.source.text !== text;
  }

  /** The text a syntax snapshot is wanted for (once per text), when `changed` had none to start from. */
  snapshotWanted(uri: string): string | undefined {
    const s = this.shown.get(uri);
    if (!s || s.snapshot || s.snapshotAsked) return undefined;
    s.snapshotAsked = true;
    return s.text;
  }

  forget(uri: string): void {
    this.shown.delete(uri);
  }

  /**
   * Diagnostics for the document's new text, or undefined when there is no basis for them (never
   * linted, or its syntax snapshot not ready yet). `change` is the edit from `before` (the text
   * the editor had) to `text`, when known; it is used when `before` is the text shown.
   */
  changed(
    uri: string, file: string, text: string, severities: Record<string, SeveritySetting> | undefined,
    change?: { before: string; edit: TextChange },
  ): Diagnostic[] | undefined {
    const s = this.shown.get(uri);
    if (!s) return undefined;
    if (!s.snapshot && s.text.length <= this.parseMaxChars) s.snapshot = syntaxSnapshot(s.text, file);
    if (!s.snapshot || s.snapshot.source.text !== s.text) return undefined;
    if (text === s.text) return s.diagnostics;
    const hint = change && change.before === s.text ? change.edit : undefined;
    // A document too large to parse here in full goes without quick diagnostics when the edit needs
    // that (an unclosed quote); the worker makes a new snapshot.
    const update = text.length > this.parseMaxChars ? tryUpdateSyntax(s.snapshot, text, hint) : updateSyntax(s.snapshot, text, hint);
    if (!update) {
      this.shown.set(uri, { text: s.text, diagnostics: s.diagnostics, secrets: s.secrets });
      return undefined;
    }
    this.onUpdate?.(uri, s.text, update);
    const { snapshot, region, edit } = update;
    const source = snapshot.source;
    // Syntax diagnostics come from the new parse where it was redone (everywhere after a full parse).
    const replaced = (d: Diagnostic) =>
      d.ruleId.startsWith('syntax/') && (!region || (d.range.start.offset >= mapInverse(region.start, edit) && d.range.start.offset < mapInverse(region.end, edit)));
    const out: Diagnostic[] = [];
    for (const d of s.diagnostics) if (!replaced(d)) out.push(moved(d, source, file, edit));

    let secrets = s.secrets;
    let scrubbed = true;
    if (region) {
      try {
        const found = secretValuesOf(region.text, secretSpans(region.script, region.text));
        if (found.length > 0) secrets = [...new Set([...secrets, ...found])].sort((a, b) => b.length - a.length);
      } catch {
        scrubbed = false; // without the region's secrets, no new messages rather than risk printing a key
      }
    }
    const fresh = region ? region.problems : snapshot.problems;
    const directives = hasDirectives(s.directives, text, edit);
    if (scrubbed && !directives) {
      for (const p of fresh) {
        const setting = severities?.[p.ruleId];
        if (setting === 'off') continue;
        out.push({ ruleId: p.ruleId, severity: setting ?? p.severity, message: scrub(p.message, secrets), file, range: source.rangeOf(p) });
      }
    }
    out.sort((a, b) => a.range.start.offset - b.range.start.offset || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
    this.shown.set(uri, { text, diagnostics: out, snapshot, secrets, directives });
    return out;
  }
}

/** New-text offset → old-text offset (the replaced text maps to its old start). */
function mapInverse(o: number, edit: TextChange): number {
  if (o <= edit.start) return o;
  if (o >= edit.newEnd) return o - (edit.newEnd - edit.oldEnd);
  return edit.start;
}
