import type { Localized } from '../model/types.js';
import type { SectionName } from '../snapshot/types.js';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is more severe. */
export function severityRank(s: Severity | 'none'): number {
  return s === 'error' ? 3 : s === 'warning' ? 2 : s === 'info' ? 1 : 4;
}

/** A rule file as written (rules/<id>.yaml). */
export interface RuleFile {
  id: string;
  severity: Severity;
  category: string;
  title: Localized;
  description: Localized;
  remediation: Localized;
  requires: SectionName[];
  for: string;
  when: string;
  message: Localized;
  evidence?: Record<string, string>;
  /**
   * Lower severities for some findings: a CEL bool per severity below `severity`; the first that
   * holds (warning before info) sets the finding's severity. `severity` stays the rule's highest.
   */
  severityWhen?: Partial<Record<'warning' | 'info', string>>;
  /** Where the rule's docs live; built-in rules derive it from the id. */
  docsUrl?: string;
}

/** A rule ready to run: expressions parsed and type-checked against its collection. */
export interface CompiledRule {
  meta: RuleFile;
  /** Absolute or cwd-relative path of the rule file. */
  file: string;
  builtIn: boolean;
  docsUrl?: string;
  when: (ctx: Record<string, unknown>) => unknown;
  message: Record<keyof Localized, (ctx: Record<string, unknown>) => string>;
  evidence: [string, (ctx: Record<string, unknown>) => unknown][];
  severityWhen: [Severity, (ctx: Record<string, unknown>) => unknown][];
}
