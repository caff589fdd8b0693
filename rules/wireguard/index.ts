import type { Rule } from '@roslint/core';
import { allowedAddressDuplicate } from './allowed-address-duplicate.js';
import { allowedAddressOverlap } from './allowed-address-overlap.js';
import { allowedAddressHostBits } from './allowed-address-host-bits.js';
import { invalidKey } from './invalid-key.js';
import { duplicatePeer } from './duplicate-peer.js';
import { selfPeer } from './self-peer.js';
import { endpointPortPairing } from './endpoint-port-pairing.js';
import { listenPortConflict } from './listen-port-conflict.js';
import { missingKeepalive } from './missing-keepalive.js';
import { exposedSecret } from './exposed-secret.js';
import { unknownInterface } from './unknown-interface.js';
import { wireguardMtu } from './mtu.js';
import { wireguardInterfaceWithoutAddress } from './interface-without-address.js';
import { wireguardMissingRoute } from './missing-route.js';
import { wireguardEndpointViaTunnel } from './endpoint-via-tunnel.js';

/** Key, peer and allowed-address rules. */
export const wireguardPeerRules: Rule[] = [
  allowedAddressDuplicate,
  allowedAddressOverlap,
  allowedAddressHostBits,
  invalidKey,
  duplicatePeer,
  selfPeer,
  endpointPortPairing,
  listenPortConflict,
  missingKeepalive,
  exposedSecret,
  unknownInterface,
];

/** Rules about addresses, routes and MTU of WireGuard interfaces. */
export const wireguardRoutingRules: Rule[] = [
  wireguardMtu,
  wireguardInterfaceWithoutAddress,
  wireguardMissingRoute,
  wireguardEndpointViaTunnel,
];

/** Every WireGuard rule. */
export const wireguardRules: Rule[] = [...wireguardPeerRules, ...wireguardRoutingRules];
