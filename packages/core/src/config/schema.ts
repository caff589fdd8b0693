/**
 * The JSON schema of `roslint.config.json` / `.roslintrc.json`. One source of truth: the loader
 * validates with it (validate.ts) and `schema/roslint.config.schema.json` is this object written
 * out (a test keeps the two equal), so editors complete exactly what the loader accepts.
 */
export type JsonSchema = {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: 'object' | 'array' | 'string' | 'boolean' | 'number' | 'integer';
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  enum?: readonly (string | number)[];
  pattern?: string;
  anyOf?: JsonSchema[];
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
  markdownDescription?: string;
};

const level: JsonSchema = {
  description: 'off, info, warning (or warn), error; 0/1/2 as in ESLint.',
  anyOf: [
    { type: 'string', enum: ['off', 'info', 'warning', 'warn', 'error'] },
    { type: 'integer', enum: [0, 1, 2] },
  ],
};

const globs: JsonSchema = {
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
  ],
};

export const CONFIG_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'roslint.config.schema.json',
  title: 'roslint configuration',
  description: 'Configuration of roslint, the MikroTik RouterOS linter (roslint.config.json or .roslintrc.json).',
  type: 'object',
  additionalProperties: false,
  definitions: {
    level,
    globs,
    rules: {
      description: 'Rule id → level, or [level, options].',
      type: 'object',
      propertyNames: { pattern: '^[a-z0-9-]+/[a-z0-9-]+$' },
      additionalProperties: {
        anyOf: [
          { $ref: '#/definitions/level' },
          { type: 'array', items: {}, minItems: 1, maxItems: 2 },
        ],
      },
    },
  },
  properties: {
    $schema: { type: 'string', description: 'The JSON schema editors use for completion.' },
    extends: {
      description: 'Another configuration file (path relative to this one) whose settings this file builds on.',
      anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }],
    },
    routerosVersion: {
      description: 'RouterOS version to check against, e.g. "7.19" (default: the export header\'s).',
      type: 'string',
      pattern: '^\\d+\\.\\d+(\\.\\d+)?$',
    },
    rules: { $ref: '#/definitions/rules' },
    overrides: {
      description: 'Settings for files matching globs (relative to this file); later entries win.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['files'],
        properties: {
          files: { $ref: '#/definitions/globs' },
          excludedFiles: { $ref: '#/definitions/globs' },
          rules: { $ref: '#/definitions/rules' },
          routerosVersion: { type: 'string', pattern: '^\\d+\\.\\d+(\\.\\d+)?$' },
        },
      },
    },
    ignorePatterns: {
      description: 'Files and directories (globs relative to this file) that are never linted.',
      type: 'array',
      items: { type: 'string', minLength: 1 },
    },
    networks: {
      description: 'Named groups of files (globs relative to this file) linted together for cross-router checks.',
      type: 'object',
      additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    },
    ignores: {
      description:
        'Accepted findings (a baseline): a rule in matching files, optionally narrowed to one item by name, comment, public-key or interface. Survives /export, which regenerates files.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule'],
        properties: {
          rule: { type: 'string', pattern: '^[a-z0-9-]+/[a-z0-9-]+$' },
          files: { $ref: '#/definitions/globs' },
          name: { type: 'string', description: "The item's name property." },
          comment: { type: 'string', description: "The item's comment property." },
          'public-key': { type: 'string', description: "A WireGuard peer's public-key." },
          interface: { type: 'string', description: 'The interface (an interface item, or a peer/address on it).' },
          reason: { type: 'string', description: 'Why the finding is accepted (for reviewers).' },
        },
      },
    },
  },
};
