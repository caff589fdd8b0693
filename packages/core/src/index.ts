export * from './model/types.js';
export * from './rule.js';
