/**
 * The diagnostics contract shared by every stage and front end (see ARCHITECTURE.md).
 *
 * Positions are 0-based (line, column in UTF-16 code units, offset into the decoded text);
 * front ends convert to 1-based only at the edge (CLI output), LSP uses them as they are.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A half-open span [start, end) of offsets into the decoded source text. */
export interface Span {
  start: number;
  end: number;
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface TextEdit {
  range: Range;
  text: string;
}

export interface Fix {
  /** Short human description of what the fix does ("Use 10.1.101.0/24"). */
  description: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  related?: RelatedLocation[];
  fix?: Fix;
}
