import type { Rule } from '@roslint/core';
import { wireguardMtu } from './mtu.js';
import { wireguardInterfaceWithoutAddress } from './interface-without-address.js';
import { wireguardMissingRoute } from './missing-route.js';
import { wireguardEndpointViaTunnel } from './endpoint-via-tunnel.js';

/** Rules about addresses, routes and MTU of WireGuard interfaces. */
export const wireguardRoutingRules: Rule[] = [
  wireguardMtu,
  wireguardInterfaceWithoutAddress,
  wireguardMissingRoute,
  wireguardEndpointViaTunnel,
];
