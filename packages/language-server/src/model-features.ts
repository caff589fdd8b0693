/**
 * The requests answered from a file's model (hover, definition, references, completion, code
 * actions), as one function of (request, model, group). The server calls it on its own thread for
 * files it linted itself, and the lint worker calls it on its model for files it linted (a 20 MB
 * export's model takes seconds to build): the same code on the same text, so the same answers.
 */
import type { RouterConfig } from '@roslint/core';
import type { CodeAction, CompletionItem, Hover, Location, Position, Range } from 'vscode-languageserver';
import { codeActions, type CodeActionFile } from './code-actions.js';
import { completionsAt } from './completion.js';
import { offsetOf, spanToRange } from './convert.js';
import { hoverAt } from './hover.js';
import { occurrencesAt, sameName } from './names.js';
import type { RuleDocs } from './rule-docs.js';
import { fileToUri } from './uris.js';

/** A request about a position (or range) in the linted text of one file. */
export type ModelRequest =
  | { kind: 'hover'; position: Position; routerosVersion?: string }
  | { kind: 'definition'; position: Position }
  | { kind: 'references'; position: Position; includeDeclaration: boolean }
  | { kind: 'completion'; position: Position; routerosVersion?: string }
  | { kind: 'codeActions'; range: Range; only?: string[] };

export type ModelAnswer = Hover | null | Location[] | CompletionItem[] | CodeAction[];

/** What a request is answered with when there is no model for it (the document moved on). */
export function emptyAnswer(request: ModelRequest): ModelAnswer {
  return request.kind === 'hover' ? null : [];
}

/** The document's URI (code actions' edits are keyed by it), its diagnostics and its model. */
export type ModelFile = CodeActionFile;

/** Answer `request` on `file`'s model; `group` holds the models of the files linted with it (itself included). */
export function answerModelRequest(request: ModelRequest, file: ModelFile, group: readonly RouterConfig[], docs: RuleDocs): ModelAnswer {
  const config = file.config;
  switch (request.kind) {
    case 'hover':
      return hoverAt(config, offsetOf(config.source, request.position), group, request.routerosVersion);
    case 'definition':
      return locations(config, request.position, group, true, true);
    case 'references':
      return locations(config, request.position, group, request.includeDeclaration, false);
    case 'completion':
      return completionsAt(config, config.source, request.position, request.routerosVersion, group.length ? group : [config]);
    case 'codeActions':
      return codeActions(file, request.range, docs, request.only);
  }
}

/** Definitions and/or uses of the name at `position`, across the group, each place once. */
function locations(config: RouterConfig, position: Position, group: readonly RouterConfig[], withDefinitions: boolean, onlyDefinitions: boolean): Location[] {
  const here = occurrencesAt(config, offsetOf(config.source, position));
  if (here.length === 0) return [];
  const seen = new Set<string>();
  return here
    .flatMap((occ) => sameName(occ, group))
    .filter((o) => (onlyDefinitions ? o.definition : withDefinitions || !o.definition))
    .map((o) => ({ uri: fileToUri(o.config.file), range: spanToRange(o.config.source, o.span) }))
    .filter((l) => {
      const key = `${l.uri}:${l.range.start.line}:${l.range.start.character}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}
