import type { Rule } from '@roslint/core';
import { wireguardPeerRules } from './peer-rules.js';
import { wireguardRoutingRules } from './routing-rules.js';

export const wireguardRules: Rule[] = [...wireguardPeerRules, ...wireguardRoutingRules];
