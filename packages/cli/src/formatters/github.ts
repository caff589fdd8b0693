/**
 * GitHub Actions workflow commands, one annotation per finding:
 *   ::error file=…,line=…,endLine=…,col=…,endColumn=…,title=<rule>::<message>
 * Escaping as GitHub's runner expects (toolkit `command.ts`): in the message `%`, `\r`, `\n`; in
 * property values also `:` and `,`. Infos become `::notice`. Related locations are appended to the
 * message (an annotation has one location).
 */
import { repoRelative } from './paths.js';
import type { Formatter } from './types.js';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

export const formatGithub: Formatter = (results, context) => {
  const out: string[] = [];
  for (const r of results) {
    const file = repoRelative(r.file, context.cwd);
    for (const d of r.diagnostics) {
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${d.range.start.line + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `col=${d.range.start.column + 1}`,
        `endColumn=${d.range.end.column + 1}`,
        `title=${escapeProperty(d.ruleId)}`,
      ].join(',');
      let message = d.message;
      for (const rel of d.related ?? []) {
        message += `\n${repoRelative(rel.file, context.cwd)}:${rel.range.start.line + 1}:${rel.range.start.column + 1}: ${rel.message}`;
      }
      out.push(`::${COMMAND[d.severity]} ${props}::${escapeData(message)}`);
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
};
