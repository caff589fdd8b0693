export * from './prefix.js';
export * from './keys.js';
export * from './wireguard.js';
