/**
 * Incremental syntax check for the editor: after an edit, only the top-level statements around it
 * are parsed again; the statement spans and syntax problems of the rest of the file are reused
 * (shifted by the edit). A 1 MB export then costs a few statements of parsing per keystroke instead
 * of the whole file.
 *
 * The result always equals a full `parse` of the new text (same statement spans, same syntax
 * diagnostics). Why reuse is safe: the scanner cuts the file into top-level statements and parses
 * each on its own; the only state carried from one statement to the next is "at top level, at the
 * start of a line" plus the line count (used in messages: "opened at line N"). The region parsed
 * again starts at a line start before the edit and ends with an unchanged "sync" statement after it;
 * when that statement comes out of the new parse with exactly its old span and problems, the
 * scanner is back in the same state there and everything after it parses as before. Whenever a
 * condition for this is not met (file-wide diagnostics: NUL bytes, binary content, the syntax-error
 * cap or many errors: a garbage file; a construct left open at the region's end; a line-count change with line numbers in later messages), it parses the whole text.
 */
import type { Script, Statement } from './ast.js';
import { detectBinary } from './binary.js';
import type { Diagnostic, Severity } from './diagnostics.js';
import { parseSource } from './parse.js';
import { SourceText } from './source.js';

/** A syntax diagnostic by offsets (positions are computed only when asked for). */
export interface SyntaxProblem {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
}

export interface SyntaxSnapshot {
  readonly file: string;
  readonly source: SourceText;
  /** Top-level statement spans, in order: start of statement i at [2i], its end at [2i + 1]. */
  readonly statements: Int32Array;
  /** Every syntax diagnostic of the text, by offsets, in the parser's order. */
  readonly problems: readonly SyntaxProblem[];
  /** False when a file-wide diagnostic (NUL bytes, binary content, the error cap, a BOM) rules out reuse. */
  readonly reusable: boolean;
}

/** The part of the new text that was parsed again (absent after a full parse). */
export interface ReparsedRegion {
  /** Offsets into the new text. */
  start: number;
  end: number;
  /** Its statements; node offsets + `offset` = offsets into the new text. */
  script: Script;
  /** The text the region's nodes index (the region, preceded by line breaks so line numbers match). */
  text: string;
  offset: number;
  /** The syntax problems inside the region (new-text offsets). */
  problems: SyntaxProblem[];
}

/** One replaced range: [start, oldEnd) of the old text became [start, newEnd) of the new one. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

export interface SyntaxUpdate {
  snapshot: SyntaxSnapshot;
  /** The changed range between the previous text and the new one. */
  edit: TextChange;
  /** Undefined when the whole text was parsed. */
  region?: ReparsedRegion;
}

/** Full parse of `text` into a snapshot (no AST kept: statements are streamed). */
export function syntaxSnapshot(text: string, file = '<input>'): SyntaxSnapshot {
  const source = new SourceText(text);
  const spans: number[] = [];
  const parsed = parseSource(source, { file, onStatement: (s) => void spans.push(s.start, s.end) });
  const problems = parsed.diagnostics.map((d) => ({ ruleId: d.ruleId, severity: d.severity, message: d.message, start: d.range.start.offset, end: d.range.end.offset }));
  // An unclosed construct makes a statement's extent depend on the text after it (the scanner
  // resumes after it, statements then overlap): such a file is parsed whole until it is fixed.
  let ordered = true;
  for (let k = 2; k < spans.length && ordered; k += 2) ordered = spans[k]! >= spans[k - 1]!;
  const reusable =
    source.text.length === text.length && // no BOM stripped
    ordered &&
    !problems.some((p) => UNCLOSED.test(p.message)) &&
    problems.length < MAX_REUSE_PROBLEMS &&
    text.indexOf('\0') < 0 &&
    detectBinary(text) === undefined;
  return { file, source, statements: Int32Array.from(spans), problems, reusable };
}

/** The syntax diagnostics of a snapshot, as `parse` reports them. */
export function syntaxDiagnostics(snapshot: SyntaxSnapshot): Diagnostic[] {
  return snapshot.problems.map((p) => ({ ruleId: p.ruleId, severity: p.severity, message: p.message, file: snapshot.file, range: snapshot.source.rangeOf(p) }));
}

/** The changed range between two texts: common prefix and suffix. */
export function changedRange(before: string, after: string): TextChange {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/** The scanner's message for a construct still open at the end of its input (or blamed on an earlier line). */
const UNCLOSED = / to close .* opened at line \d+$/;
/** A message that names a line number. */
const NAMES_LINE = /\bline \d/;
/** Past this many syntax problems a file is treated as garbage and parsed whole (no reuse). */
const MAX_REUSE_PROBLEMS = 100;

const isEol = (c: number) => c === 10 || c === 13;

/** Offset of the start of the line containing `offset`. */
function lineStart(text: string, offset: number): number {
  let p = offset;
  while (p > 0 && !isEol(text.charCodeAt(p - 1))) p--;
  return p;
}

/** Offset just past the line terminator of the line containing `offset - 1` (or the text's end). */
function pastLineEnd(text: string, offset: number): number {
  let p = offset;
  while (p < text.length && !isEol(text.charCodeAt(p))) p++;
  if (text.charCodeAt(p) === 13) p++;
  if (text.charCodeAt(p) === 10) p++;
  return p;
}

/** First index i with statements[2i] > offset (binary search; n if none). */
function firstStartAfter(st: Int32Array, offset: number): number {
  let lo = 0;
  let hi = st.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (st[2 * mid]! > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const sameProblem = (a: SyntaxProblem, b: SyntaxProblem, shift: number) =>
  a.ruleId === b.ruleId && a.severity === b.severity && a.message === b.message && a.start + shift === b.start && a.end + shift === b.end;

/**
 * Line starts of the new text from the old ones: unchanged before the edit, shifted after it, and
 * scanned only inside it (a 20 MB text is not scanned again per keystroke).
 */
class EditedSourceText extends SourceText {
  private shifted: Uint32Array | undefined;

  /** Released once the line starts are made, so a chain of edits does not keep every old text alive. */
  private before: SourceText | undefined;

  constructor(text: string, before: SourceText, private readonly edit: TextChange) {
    super(text);
    this.before = before;
  }

  override get lineStarts(): Uint32Array {
    if (this.shifted) return this.shifted;
    const old = this.before!.lineStarts;
    this.before = undefined;
    const { start, oldEnd, newEnd } = this.edit;
    const delta = newEnd - oldEnd;
    // A line start before the edit is made by an unchanged terminator (a CR there is not followed
    // by an LF, also unchanged): it stays.
    let keep = 0;
    while (keep < old.length && old[keep]! < start) keep++;
    // Terminators from just before the edit (a CR whose LF may be new) to its end: scanned.
    const mid: number[] = keep === 0 ? [0] : [];
    const t = this.text;
    for (let i = Math.max(0, start - 1); i < newEnd; i++) {
      const c = t.charCodeAt(i);
      if (c === 10) mid.push(i + 1);
      else if (c === 13) {
        if (t.charCodeAt(i + 1) === 10) i++;
        mid.push(i + 1);
      }
    }
    // After the edit: made by unchanged characters, shifted (a CR LF split by the edit's end was
    // found by the scan: skip it here).
    let tail = keep;
    while (tail < old.length && old[tail]! <= oldEnd) tail++;
    const last = mid.length > 0 ? mid[mid.length - 1]! : keep > 0 ? old[keep - 1]! : -1;
    while (tail < old.length && old[tail]! + delta <= last) tail++;
    const out = new Uint32Array(keep + mid.length + (old.length - tail));
    out.set(old.subarray(0, keep));
    out.set(mid, keep);
    for (let k = tail, o = keep + mid.length; k < old.length; k++, o++) out[o] = old[k]! + delta;
    this.shifted = out;
    return out;
  }
}

/**
 * The snapshot of `text`, reusing `previous` for the statements an edit did not touch. Equal to
 * `syntaxSnapshot(text, previous.file)`. `change`, when the caller knows it (an editor's edit), saves
 * comparing the two texts; it must be the one range in which they differ.
 */
export function updateSyntax(previous: SyntaxSnapshot, text: string, change?: TextChange): SyntaxUpdate {
  const edit = change ?? changedRange(previous.source.text, text);
  return tryUpdateSyntax(previous, text, edit) ?? { snapshot: syntaxSnapshot(text, previous.file), edit };
}

/** `updateSyntax`, or undefined where it would parse the whole text (for callers that cannot afford that now). */
export function tryUpdateSyntax(previous: SyntaxSnapshot, text: string, change?: TextChange): SyntaxUpdate | undefined {
  const old = previous.source.text;
  const edit = change ?? changedRange(old, text);
  const full = (): undefined => undefined;
  if (!previous.reusable || text.charCodeAt(0) === 0xfeff || text.indexOf('\0') >= 0 || detectBinary(text) !== undefined) return full();
  const delta = edit.newEnd - edit.oldEnd;
  const st = previous.statements;
  const n = st.length >> 1;

  // First statement of the region: one before the statement the edit starts in (an edit at a
  // statement's start can join it to the previous line), moved back to a clean line start.
  let i = Math.max(0, firstStartAfter(st, edit.start) - 2);
  let regionStart = 0;
  while (i > 0) {
    const ls = lineStart(old, st[2 * i]!);
    if (ls >= st[2 * i - 1]! && ls <= edit.start) {
      regionStart = ls;
      break;
    }
    i--;
  }
  if (i === 0) regionStart = 0;

  // The sync statement: the first one starting after the edit, extended to the end of its line
  // (with no other statement starting on that line).
  let j = firstStartAfter(st, edit.oldEnd);
  let regionEndOld = old.length;
  while (j < n) {
    const end = pastLineEnd(old, st[2 * j + 1]!);
    if (j + 1 < n && st[2 * (j + 1)]! < end) {
      j++;
      continue;
    }
    regionEndOld = end;
    break;
  }
  const synced = j < n;
  const regionEnd = regionEndOld + delta;

  const source = new EditedSourceText(text, previous.source, edit);
  void source.lineStarts; // now, which releases the old text
  // The region is parsed on its own. Only messages naming a line ("opened at line N") depend on
  // where it is: then it is parsed again behind as many line breaks as precede it.
  const slice = text.slice(regionStart, regionEnd);
  if (regionStart > 0 && detectBinary(slice) !== undefined) return full();
  const parseRegion = (pad: number) => {
    const body: Statement[] = [];
    const regionText = pad === 0 ? slice : '\n'.repeat(pad) + slice;
    const parsed = parseSource(new SourceText(regionText), { file: previous.file, onStatement: (s) => void body.push(s) });
    const offset = regionStart - pad;
    const problems = parsed.diagnostics.map((d) => ({
      ruleId: d.ruleId, severity: d.severity, message: d.message, start: d.range.start.offset + offset, end: d.range.end.offset + offset,
    }));
    return { body, parsed, regionText, offset, problems };
  };
  let r = parseRegion(0);
  if (regionStart > 0 && r.problems.some((p) => NAMES_LINE.test(p.message))) r = parseRegion(source.positionAt(regionStart).line);
  const { body, parsed, regionText, offset, problems: regionProblems } = r;

  // A construct left open at the region's end was closed there only because the region ends: in
  // the whole text it may run on (a `"` typed before a statement pairs with a later one).
  if (regionProblems.some((p) => UNCLOSED.test(p.message))) return full();

  const oldProblems = previous.problems;
  let before = 0;
  while (before < oldProblems.length && oldProblems[before]!.start < regionStart) before++;
  let after = before;
  while (after < oldProblems.length && oldProblems[after]!.start < regionEndOld) after++;

  if (synced) {
    // The sync statement must come out exactly as before: same span, same problems.
    const last = body[body.length - 1];
    if (!last || last.start + offset !== st[2 * j]! + delta || last.end + offset !== st[2 * j + 1]! + delta) return full();
    const syncOld = oldProblems.slice(before, after).filter((p) => p.start >= st[2 * j]!);
    const syncNew = regionProblems.filter((p) => p.start >= st[2 * j]! + delta);
    if (syncOld.length !== syncNew.length || syncOld.some((p, k) => !sameProblem(p, syncNew[k]!, delta))) return full();
  }
  // Later messages that name a line ("opened at line N") would need new numbers.
  const lineDelta = source.positionAt(regionEnd).line - previous.source.positionAt(regionEndOld).line;
  const tail = oldProblems.slice(after);
  if (lineDelta !== 0 && tail.some((p) => NAMES_LINE.test(p.message))) return full();

  const problems = [...oldProblems.slice(0, before), ...regionProblems, ...tail.map((p) => ({ ...p, start: p.start + delta, end: p.end + delta }))];
  if (problems.length >= MAX_REUSE_PROBLEMS) return full();

  const kept = synced ? j + 1 : n;
  const statements = new Int32Array(2 * (i + body.length + (n - kept)));
  statements.set(st.subarray(0, 2 * i));
  let k = 2 * i;
  for (const s of body) {
    statements[k++] = s.start + offset;
    statements[k++] = s.end + offset;
  }
  for (let m = 2 * kept; m < st.length; m++) statements[k++] = st[m]! + delta;

  return {
    snapshot: { file: previous.file, source, statements, problems, reusable: true },
    edit,
    region: {
      start: regionStart,
      end: regionEnd,
      script: { kind: 'script', body, comments: parsed.script.comments, start: 0, end: regionText.length },
      text: regionText,
      offset,
      problems: regionProblems,
    },
  };
}
