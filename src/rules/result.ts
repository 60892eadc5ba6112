/** The lint result: what every reporter renders and what `--format json` writes (documented in docs/json-format.md). */
import type { ItemLocation, Localized, Target } from '../model/types.js';
import type { ClusterRole, CollectionError } from '../snapshot/types.js';
import type { RuleFile, Severity } from './types.js';

export const RESULT_SCHEMA_VERSION = 1 as const;

export type OutcomeStatus = 'passed' | 'failed' | 'not-evaluated' | 'not-applicable';
export type Verdict = 'ready' | 'not-ready' | 'incomplete';

/** What reports need of a rule: its texts travel with the result, so it re-renders without rule files. */
export type RuleSummary = Pick<RuleFile, 'id' | 'severity' | 'category' | 'title' | 'description' | 'remediation'> & {
  docsUrl?: string;
  builtIn: boolean;
};

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
  /** Set when a suppression covers the finding: it is kept for the record but never fails the run. */
  suppressed?: SuppressionRef;
  /** Set when --baseline lists the finding's fingerprint: it is reported but does not fail the run. */
  inBaseline?: boolean;
}

export interface SuppressionRef {
  reason: string;
  owner?: string;
  /** YYYY-MM-DD */
  expires?: string;
  /** Where the suppression is written (config file and line). */
  file: string;
  line: number;
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
