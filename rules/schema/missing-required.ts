import type { RouterRule } from '@roslint/core';
import { orList, schemaRecords, schemaVersion } from './common.js';
import type { CommandFacts } from './facts.js';

/**
 * Arguments `add` cannot do without, per canonical menu: each entry is a list of alternatives of
 * which at least one must be given. RouterOS's schema has no "required" flag, so this list is
 * hand-kept and deliberately short.
 */
const FIREWALL_CHAIN = [['chain']];
export const REQUIRED_ON_ADD: Readonly<Record<string, readonly (readonly string[])[]>> = {
  '/interface/wireguard/peers': [['interface'], ['public-key']],
  '/ip/address': [['address'], ['interface']],
  '/ip/route': [['gateway', 'blackhole', 'vrf-interface']],
  '/ip/firewall/filter': FIREWALL_CHAIN,
  '/ip/firewall/nat': FIREWALL_CHAIN,
  '/ip/firewall/mangle': FIREWALL_CHAIN,
  '/ip/firewall/raw': FIREWALL_CHAIN,
  '/ipv6/firewall/filter': FIREWALL_CHAIN,
  '/ipv6/firewall/nat': FIREWALL_CHAIN,
  '/ipv6/firewall/mangle': FIREWALL_CHAIN,
  '/ipv6/firewall/raw': FIREWALL_CHAIN,
};

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

  constructor(private readonly cmd: CommandFacts, readonly groups: readonly (readonly string[])[]) {
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

const requirementsOf = new WeakMap<CommandFacts, Requirements | null>();

function requirements(cmd: CommandFacts): Requirements | null {
  let req = requirementsOf.get(cmd);
  if (req === undefined) {
    const menu = cmd.menu.text;
    const groups = cmd.command === 'add' && Object.hasOwn(REQUIRED_ON_ADD, menu) ? REQUIRED_ON_ADD[menu] : undefined;
    req = groups === undefined ? null : new Requirements(cmd, groups);
    requirementsOf.set(cmd, req);
  }
  return req;
}

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
    const records = ctx.config.commands;
    const { commands } = ctx.use(schemaRecords);
    // Consecutive records share a command: look its requirements up once per run of them.
    let last: CommandFacts | undefined;
    let req: Requirements | null = null;
    for (let i = 0; i < commands.length; i++) {
      const cmd = commands[i];
      if (cmd === undefined) continue;
      if (cmd !== last) {
        last = cmd;
        req = requirements(cmd);
      }
      const record = records[i]!;
      if (req === null || record.commandSpan === undefined) continue;
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
