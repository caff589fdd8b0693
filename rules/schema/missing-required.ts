import type { RouterRule } from '@roslint/core';
import { orList, REQUIRED, schemaRecords, schemaVersion } from '@roslint/core';
import type { CommandFacts } from '@roslint/core';
import { REQUIRED_ON_ADD } from '@roslint/core';

export { REQUIRED_ON_ADD };

/** Returned by `Requirements.met` for a name that makes the `add` unjudgeable. */
const UNSURE = 1;

/**
 * The requirements of one `add` and which of them each argument name (as written) meets, kept per
 * command for the process: an export repeats the same few names on thousands of `add`s.
 */
class Requirements {
  /** `met` of every group. */
  readonly all: number;
  private readonly byName = new Map<string, number>();

  constructor(readonly cmd: CommandFacts, readonly groups: readonly (readonly string[])[]) {
    this.all = ((1 << groups.length) - 1) << 1;
  }

  /** Bit i + 1: the name meets `groups[i]`; UNSURE: built at run time, or `copy-from` (takes the rest from another item). */
  met(raw: string): number {
    let bits = this.byName.get(raw);
    if (bits === undefined) {
      const facts = this.cmd.arg(raw);
      const name = facts.known ?? facts.name;
      bits = !facts.isStatic || name === 'copy-from' ? UNSURE : 0;
      this.groups.forEach((alts, i) => { if (alts.includes(name)) bits! |= 2 << i; });
      if (this.byName.size >= 10_000) this.byName.clear(); // bounded: endless distinct names
      this.byName.set(raw, bits);
    }
    return bits;
  }
}

const requirementsOf = new WeakMap<CommandFacts, Requirements>();

export const missingRequired: RouterRule = {
  meta: {
    id: 'schema/missing-required',
    defaultSeverity: 'error',
    summary: 'An `add` lacks an argument RouterOS requires',
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    if (schemaVersion(ctx.config).skip) return;
    // Consecutive records share a command: look its requirements up once per run of them.
    let req: Requirements | undefined;
    for (const r of ctx.use(schemaRecords).notable) {
      const { cmd, record } = r;
      if ((r.reasons & REQUIRED) === 0 || cmd?.required === undefined || record.commandSpan === undefined) continue;
      if (req?.cmd !== cmd) {
        req = requirementsOf.get(cmd);
        if (req === undefined) requirementsOf.set(cmd, (req = new Requirements(cmd, cmd.required)));
      }
      let met = 0;
      for (const arg of record.args) {
        // Positional words (`add blackhole …`) and names built at run time could be anything.
        met |= arg.name === null ? UNSURE : req.met(arg.name);
        if ((met & UNSURE) !== 0) break;
      }
      if ((met & UNSURE) !== 0 || met === req.all) continue;
      const missing = req.groups.filter((_, g) => (met & (2 << g)) === 0);
      const what = missing.map((alts) => orList(alts)).join(' and ');
      ctx.report({ span: record.commandSpan, message: `\`add\` in ${cmd.menu.text} needs ${what}` });
    }
  },
};
