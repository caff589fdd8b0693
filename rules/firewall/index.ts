import type { Rule } from '@roslint/core';
import { unreachableRule } from './unreachable-rule.js';
import { wireguardForwardBlocked } from './wireguard-forward-blocked.js';
import { wireguardInputBlocked } from './wireguard-input-blocked.js';
import { wireguardServiceBlocked } from './wireguard-service-blocked.js';

export const firewallRules: Rule[] = [wireguardInputBlocked, wireguardForwardBlocked, wireguardServiceBlocked, unreachableRule];
