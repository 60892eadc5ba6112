/**
 * The hand-made lint result the JUnit, Markdown and GitHub reporter tests render: the SARIF fixture
 * (test/fixtures/sarif/lint-result.ts) with rule outcomes. c-terway fails three rules and could not
 * evaluate one; c-solo passes or is not applicable. Tests that need a variation change a fresh copy.
 */
import type { Localized } from '../../src/model/types.js';
import type { LintResult, OutcomeStatus, RuleOutcome } from '../../src/rules/result.js';
import { lintResult } from '../fixtures/sarif/lint-result.js';

/** A reason whose Chinese text is the English one marked 中文：, so a test sees which language was picked. */
const reason = (en: string): Localized => ({ en, 'zh-CN': `中文：${en}` });

const outcome = (clusterId: string, ruleId: string, status: OutcomeStatus, findings = 0, reasons: Localized[] = []): RuleOutcome => ({
  ruleId,
  clusterId,
  status,
  findings,
  reasons,
});

/** The fixture with outcomes; a fresh copy each call. */
export function resultWithOutcomes(): LintResult {
  return {
    ...lintResult(),
    outcomes: [
      outcome('c-solo', 'host-port-unreachable-from-pods', 'not-applicable', 0, [reason('no compose files were given')]),
      outcome('c-solo', 'node-pool-eni-capacity-low', 'passed'),
      outcome('c-solo', 'pod-vswitch-without-snat', 'passed'),
      outcome('c-solo', 'zone-without-pod-vswitch', 'passed'),
      outcome('c-terway', 'host-port-unreachable-from-pods', 'failed', 1),
      outcome('c-terway', 'node-pool-eni-capacity-low', 'failed', 1),
      outcome('c-terway', 'pod-vswitch-without-snat', 'failed', 1),
      outcome('c-terway', 'zone-without-pod-vswitch', 'not-evaluated', 0, [
        reason('vswitches: vpc.DescribeVSwitches failed (throttled Throttling.User, request R-1)'),
        reason('grant vpc:DescribeVSwitches'),
      ]),
    ],
  };
}

/** The outcome of a rule on a cluster (c-terway unless named), to change in place. */
export function outcomeOf(result: LintResult, ruleId: string, clusterId = 'c-terway'): RuleOutcome {
  const found = result.outcomes.find((o) => o.ruleId === ruleId && o.clusterId === clusterId);
  if (!found) throw new Error(`no outcome for ${ruleId} on ${clusterId}`);
  return found;
}

/** The fixture with nothing to check: no subjects, rules, outcomes or findings. */
export function emptyResult(): LintResult {
  return { ...lintResult(), subjects: [], rules: [], outcomes: [], findings: [] };
}
