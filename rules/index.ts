import type { Rule } from '@roslint/core';
import { firewallRules } from './firewall/index.js';
import { schemaRules } from './schema/index.js';
import { topologyRules } from './topology/index.js';
import { wireguardRules } from './wireguard/index.js';

/** Every built-in rule. Front ends pass this list to the Linter. */
export const builtinRules: Rule[] = [...wireguardRules, ...schemaRules, ...firewallRules, ...topologyRules];
