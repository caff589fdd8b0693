import type { Rule } from '@roslint/core';

/** Key, peer and allowed-address rules. */
export const wireguardPeerRules: Rule[] = [];
