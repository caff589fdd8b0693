/** Cross-router analysis: routers of a network, peer ↔ interface pairing, per-router facts rules need. */
export { networkTopology, buildTopology, endsFrom, methodText, type Topology, type Tunnel, type Link, type PairMethod, type TopologyOptions } from './pairing.js';
export { buildRouters, prepareRouter, routerName, type RouterNode, type TunnelAddress } from './routers.js';
export { interfacesByPublicKey, TunnelAddressIndex, AllowedPrefixTable, AcceptingInterfaceIndex, type KeyedInterface } from './indexes.js';
export { reachability, isPublicAddress, addressKey, type Reachability } from './reachability.js';
export { lanSourcesInto, type SourceSubnet } from './sources.js';
export { privateKeySightings, type PrivateKeySighting } from './private-keys.js';
