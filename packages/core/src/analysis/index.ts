export * from './prefix.js';
