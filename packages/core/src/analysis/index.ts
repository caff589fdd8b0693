export * from './prefix.js';
export * from './keys.js';
export * from './wireguard.js';
export * from './allowed-address-conflicts.js';
export * from './interfaces.js';
export * from './addresses.js';
export * from './routes.js';
export * from './dynamic-routing.js';
