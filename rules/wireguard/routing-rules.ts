import type { Rule } from '@roslint/core';

/** Rules about addresses, routes and MTU of WireGuard interfaces. */
export const wireguardRoutingRules: Rule[] = [];
