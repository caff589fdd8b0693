/**
 * Where a dynamic routing protocol runs: OSPF and RIP interface templates
 * (`/routing ospf interface-template add interfaces=wg1` or `networks=10.254.254.16/30`). Routes
 * such a protocol learns over an interface cannot be seen in the file, so analyses that look for
 * routes treat those interfaces as possibly routed.
 */
import type { RouterConfig } from '../model/types.js';
import { isDisabled } from '../model/types.js';
import { splitList } from '../model/values.js';
import { addressIndex, addressesOn } from './addresses.js';
import { interfaceLists, listStaticMembers } from './interface-lists.js';
import { type Bounds, overlaps, parsePrefix } from './prefix.js';

const TEMPLATE_MENUS = ['/routing/ospf/interface-template', '/routing/rip/interface-template'];

export interface DynamicRouting {
  /** Interfaces named by a template (interface lists expanded to their static members). */
  interfaces: Set<string>;
  /** `networks=` of the templates: interfaces with an address inside take part. */
  networks: Bounds[];
  /** A template whose interfaces or networks come from a variable or control flow. */
  uncertain: boolean;
}

const cache = new WeakMap<RouterConfig, DynamicRouting>();

export function dynamicRouting(config: RouterConfig): DynamicRouting {
  const hit = cache.get(config);
  if (hit) return hit;
  const out: DynamicRouting = { interfaces: new Set(), networks: [], uncertain: false };
  const lists = interfaceLists(config).lists;
  for (const menu of TEMPLATE_MENUS) {
    for (const item of config.items(menu)) {
      if (isDisabled(item)) continue;
      if (item.uncertain) out.uncertain = true;
      const ifs = item.props.get('interfaces');
      if (ifs?.dynamic) out.uncertain = true;
      else if (ifs) {
        for (const name of splitList(ifs.text)) {
          if (lists.has(name)) for (const m of listStaticMembers(config, name)) out.interfaces.add(m);
          else out.interfaces.add(name);
        }
      }
      const nets = item.props.get('networks');
      if (nets?.dynamic) out.uncertain = true;
      else if (nets) for (const t of splitList(nets.text)) { const p = parsePrefix(t); if (p) out.networks.push(p); }
    }
  }
  cache.set(config, out);
  return out;
}

/** Does a dynamic routing protocol (may) run over `iface`? */
export function runsDynamicRouting(config: RouterConfig, iface: string): boolean {
  const d = dynamicRouting(config);
  if (d.uncertain || d.interfaces.has(iface) || d.interfaces.has('all')) return true;
  if (d.networks.length === 0) return false;
  return addressesOn(addressIndex(config), iface).some((a) => a.address !== undefined && d.networks.some((n) => overlaps(n, a.address!)));
}
