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
