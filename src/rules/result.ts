/** The lint result: what every reporter renders and what `--format json` writes (documented in docs/json-format.md). */
import type { ItemLocation, Localized, Target } from '../model/types.js';
import type { ClusterRole, CollectionError } from '../snapshot/types.js';
import type { Severity } from './types.js';

export const RESULT_SCHEMA_VERSION = 1 as const;

export type OutcomeStatus = 'passed' | 'failed' | 'not-evaluated' | 'not-applicable';
export type Verdict = 'ready' | 'not-ready' | 'incomplete';

export interface RuleSummary {
  id: string;
  severity: Severity;
  category: string;
  title: Localized;
  description: Localized;
  remediation: Localized;
  docsUrl?: string;
  builtIn: boolean;
}

export interface SubjectSummary {
  clusterId: string;
  name: string;
  role: ClusterRole;
  networkPlugin: string;
  sourceClusterId?: string;
  sourceName?: string;
}

export interface RuleOutcome {
  ruleId: string;
  clusterId: string;
  status: OutcomeStatus;
  findings: number;
  /** Why not evaluated / not applicable, or the gaps next to a failure. */
  reasons: Localized[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  clusterId: string;
  target: Target;
  message: Localized;
  evidence: Record<string, unknown>;
  location: ItemLocation & { logical: string };
  fingerprint: string;
}

export interface LintResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  tool: { name: 'terway-lint'; version: string };
  snapshot: { file?: string; region: string; collectedAt: string; toolVersion: string };
  verdict: Verdict;
  subjects: SubjectSummary[];
  rules: RuleSummary[];
  outcomes: RuleOutcome[];
  findings: Finding[];
  collectionErrors: CollectionError[];
}
