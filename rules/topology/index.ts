import type { Rule } from '@roslint/core';
import { allowedAddressMismatch } from './allowed-address-mismatch.js';
import { endpointAddressMismatch } from './endpoint-address-mismatch.js';
import { endpointPortMismatch } from './endpoint-port-mismatch.js';
import { mtuMismatch } from './mtu-mismatch.js';
import { noInitiator } from './no-initiator.js';
import { peerKeyMismatch } from './peer-key-mismatch.js';
import { privateKeyExposed } from './private-key-exposed.js';
import { pskMismatch } from './psk-mismatch.js';
import { unpairedPeer } from './unpaired-peer.js';

/** Cross-router rules: they see every file of a network at once (`Linter.lintMany`). */
export const topologyRules: Rule[] = [
  peerKeyMismatch,
  pskMismatch,
  endpointPortMismatch,
  endpointAddressMismatch,
  noInitiator,
  allowedAddressMismatch,
  mtuMismatch,
  privateKeyExposed,
  unpairedPeer,
];
