#!/usr/bin/env node
// Runs the prototype bundle like bin/roslint.js runs the real one (see proto-bundle.mjs).
const { main } = await import(new URL('./out/roslint-proto.mjs', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
