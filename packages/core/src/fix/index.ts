export { applyFixes, withEol, type FixOutcome, type SkippedFix } from './apply.js';
export { encodeText } from './encode.js';
