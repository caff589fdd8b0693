export * from './prefix.js';
export * from './keys.js';
