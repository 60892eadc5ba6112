import { LANGS } from '../model/types.js';
import { SECTION_NAMES } from '../snapshot/types.js';
import { SEVERITIES } from './types.js';

const localized = {
  type: 'object',
  additionalProperties: false,
  required: [...LANGS],
  properties: Object.fromEntries(LANGS.map((l) => [l, { type: 'string', minLength: 1 }])),
} as const;

/** JSON Schema of a rule file; unknown fields are errors. */
export const ruleFileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'severity', 'category', 'title', 'description', 'remediation', 'requires', 'for', 'when', 'message'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    severity: { enum: [...SEVERITIES] },
    category: { enum: ['egress', 'host-network', 'capacity', 'addressing', 'policy', 'compatibility', 'security', 'config'] },
    title: localized,
    description: localized,
    remediation: localized,
    requires: { type: 'array', items: { enum: [...SECTION_NAMES] }, uniqueItems: true },
    for: { type: 'string' },
    when: { type: 'string', minLength: 1 },
    message: localized,
    evidence: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
    severityWhen: {
      type: 'object',
      additionalProperties: false,
      properties: { warning: { type: 'string', minLength: 1 }, info: { type: 'string', minLength: 1 } },
    },
    docsUrl: { type: 'string', minLength: 1 },
  },
} as const;
