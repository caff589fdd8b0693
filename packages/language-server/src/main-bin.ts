/** Entry point for bundles (the VS Code extension's dist/server.mjs): start from argv. */
import { main } from './main.js';

void main(process.argv.slice(2));
