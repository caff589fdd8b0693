/** The firewall evaluator: filter rules, matchers, address lists, interface roles and the chain walk. */
export * from './packet.js';
export * from './filter-rules.js';
export * from './address-lists.js';
export * from './matchers.js';
export * from './chain-walk.js';
export * from './interface-roles.js';
export * from './shadowing.js';
export * from './wireguard-paths.js';
