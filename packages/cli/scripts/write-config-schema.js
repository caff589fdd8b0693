#!/usr/bin/env node
// Writes schema/roslint.config.schema.json from CONFIG_SCHEMA (packages/core/src/config/schema.ts),
// the schema the loader validates with. Run after changing it: npm run config-schema -w @roslint/cli
import { writeFileSync } from 'node:fs';
import { CONFIG_SCHEMA } from '@roslint/core';

const target = new URL('../../../schema/roslint.config.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
