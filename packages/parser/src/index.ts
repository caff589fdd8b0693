export * from './ast.js';
export * from './diagnostics.js';
export { SourceText, decodeBytes, type SourceEncoding, type DecodedBytes } from './source.js';
export { parse, parseSource, type ParseOptions, type ParseResult } from './parse.js';
export type { FlatCommand } from './flatcommand.js';
export { staticText } from './values.js';
export { KNOWN_COMMANDS, SCRIPT_COMMANDS, SCRIPT_PROPERTIES } from './commands.js';
export { forEachNode, type AnyNode } from './walk.js';
export { syntaxSnapshot, updateSyntax, tryUpdateSyntax, syntaxDiagnostics, changedRange, type SyntaxSnapshot, type SyntaxUpdate, type SyntaxProblem, type ReparsedRegion, type TextChange } from './incremental.js';
