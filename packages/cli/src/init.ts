/** `roslint --init`: a starter configuration, every key shown with a harmless default. */
import { schemaUri } from './rule-docs.js';

export const STARTER_CONFIG = {
  rules: {
    'wireguard/missing-keepalive': 'warning',
  },
  overrides: [{ files: ['lab/**'], rules: { 'wireguard/mtu': 'off' } }],
  ignorePatterns: ['backups/**'],
  networks: {},
  ignores: [],
};

export function starterConfigText(knownRule: (id: string) => boolean): string {
  const config = { $schema: schemaUri(), ...structuredClone(STARTER_CONFIG) } as Record<string, unknown>;
  // Only rules this build has, so the file validates as written.
  const rules = config.rules as Record<string, string>;
  for (const id of Object.keys(rules)) if (!knownRule(id)) delete rules[id];
  const overrides = config.overrides as { rules: Record<string, string> }[];
  for (const o of overrides) for (const id of Object.keys(o.rules)) if (!knownRule(id)) delete o.rules[id];
  return `${JSON.stringify(config, null, 2)}\n`;
}
