import type { RouterRule } from '@roslint/core';
import { argName, isStaticName, menuText, orList, resolveArgName, schemaRecords, schemaVersion } from './common.js';

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
    for (const r of ctx.use(schemaRecords)) {
      if (r.path === undefined || r.command !== 'add' || r.record.commandSpan === undefined) continue;
      const menu = menuText(r.path);
      const required = REQUIRED_ON_ADD[menu];
      if (required === undefined) continue;
      const given = new Set<string>();
      let unsure = false;
      for (const arg of r.record.args) {
        const a = argName(arg);
        // Positional words (`add blackhole …`) and names built at run time could be anything.
        if (a === undefined || !isStaticName(a.name)) { unsure = true; break; }
        given.add(resolveArgName(r.path, 'add', a.name) ?? a.name);
      }
      if (unsure || given.has('copy-from')) continue; // copy-from takes the rest from another item
      const missing = required.filter((alts) => !alts.some((n) => given.has(n)));
      if (missing.length === 0) continue;
      const what = missing.map((alts) => orList(alts)).join(' and ');
      ctx.report({ span: r.record.commandSpan, message: `\`add\` in ${menu} needs ${what}` });
    }
  },
};
