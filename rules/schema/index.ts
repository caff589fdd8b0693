import type { Rule } from '@roslint/core';
import { unknownMenu } from './unknown-menu.js';
import { unknownCommand } from './unknown-command.js';
import { unknownProperty } from './unknown-property.js';
import { invalidValue } from './invalid-value.js';
import { versionMismatch } from './version-mismatch.js';
import { missingRequired } from './missing-required.js';

/** Rules that check commands against the RouterOS schema (@roslint/schema). */
export const schemaRules: Rule[] = [unknownMenu, unknownCommand, unknownProperty, invalidValue, versionMismatch, missingRequired];
