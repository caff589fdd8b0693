/**
 * Arguments `add` cannot do without, per canonical menu: each entry is a list of alternatives of
 * which at least one must be given. RouterOS's schema has no "required" flag, so this list is
 * hand-kept and deliberately short (schema/missing-required reports on it).
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

/** The requirements of `command` in the menu `/a/b/c`, if any. */
export function requiredArgs(menu: string, command: string): readonly (readonly string[])[] | undefined {
  return command === 'add' && Object.hasOwn(REQUIRED_ON_ADD, menu) ? REQUIRED_ON_ADD[menu] : undefined;
}
