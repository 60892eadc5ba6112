/** Runs compiled rules over a snapshot: pure and synchronous. */
import { createHash } from 'node:crypto';
import { collections } from '../model/collections/index.js';
import { indexSnapshot } from '../model/snapshot-index.js';
import { clusterIdsOf, subjectsOf, type Subject } from '../model/subjects.js';
import { LANGS, type CollectionResult, type LintState, type Localized } from '../model/types.js';
import type { Snapshot } from '../snapshot/types.js';
import { availabilityOf } from './availability.js';
import { applySuppressions, isoDay, type Suppression } from './suppress.js';
import { fromCel, toCel } from './cel.js';
import {
  RESULT_SCHEMA_VERSION,
  type Finding,
  type LintResult,
  type RuleOutcome,
  type RuleSummary,
  type SubjectSummary,
  type Verdict,
} from './result.js';
import { severityRank, type CompiledRule } from './types.js';

export interface LintOptions {
  toolVersion: string;
  /** Shown in reports and used for SARIF locations. */
  snapshotFile?: string;
  suppressions?: readonly Suppression[];
  /** YYYY-MM-DD that suppression expiry is judged against (the caller's clock; no I/O here). */
  today?: string;
  /** Fingerprints of findings accepted earlier (--baseline): reported, but they never fail the run. */
  baseline?: ReadonlySet<string>;
}

export function fingerprintOf(ruleId: string, clusterId: string, target: { kind: string; id: string }): string {
  return createHash('sha256').update(`${ruleId}\0${clusterId}\0${target.kind}\0${target.id}`).digest('hex').slice(0, 32);
}

export function lint(rules: readonly CompiledRule[], snapshot: Snapshot, options: LintOptions): LintResult {
  const index = indexSnapshot(snapshot);
  const subjects = subjectsOf(snapshot);
  const outcomes: RuleOutcome[] = [];
  const findings: Finding[] = [];
  const state: LintState = {
    suppressions: [],
    subjectIds: subjects.map((s) => s.clusterId),
    sourceOf: Object.fromEntries(subjects.filter((s) => s.sourceClusterId).map((s) => [s.clusterId, s.sourceClusterId!])),
  };
  const afterFindings = (rule: CompiledRule) => collections.get(rule.meta.for)?.phase === 'after-findings';

  // Phase 1: the rules over the snapshot. Phase 2, once suppressions are applied: the rules about
  // the findings themselves (expired and unused suppressions).
  const runPhase = (phaseRules: readonly CompiledRule[]) => {
    for (const subject of subjects) {
      const built = new Map<string, CollectionResult>();
      const clusterCel = toCel(clusterVariable(subject, snapshot));
      for (const rule of phaseRules) {
        outcomes.push(evaluateRule(rule, subject, snapshot, index, built, clusterCel, findings, state));
      }
    }
  };
  runPhase(rules.filter((r) => !afterFindings(r)));
  state.suppressions = applySuppressions(findings, options.suppressions ?? [], options.today ?? isoDay(new Date(0)));
  runPhase(rules.filter(afterFindings));
  if (options.baseline) for (const f of findings) if (options.baseline.has(f.fingerprint)) f.inBaseline = true;

  findings.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      cmp(a.ruleId, b.ruleId) ||
      cmp(a.clusterId, b.clusterId) ||
      cmp(a.target.id, b.target.id),
  );
  outcomes.sort((a, b) => cmp(a.clusterId, b.clusterId) || cmp(a.ruleId, b.ruleId));

  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'terway-lint', version: options.toolVersion },
    snapshot: {
      ...(options.snapshotFile ? { file: options.snapshotFile } : {}),
      region: snapshot.meta.region,
      collectedAt: snapshot.meta.collectedAt,
      toolVersion: snapshot.meta.toolVersion,
    },
    verdict: verdictOf(findings, outcomes),
    subjects: subjects.map((s) => subjectSummary(s, snapshot)),
    rules: rules.map(ruleSummary),
    outcomes,
    findings,
    collectionErrors: snapshot.errors,
  };
}

function evaluateRule(
  rule: CompiledRule,
  subject: Subject,
  snapshot: Snapshot,
  index: ReturnType<typeof indexSnapshot>,
  built: Map<string, CollectionResult>,
  clusterCel: unknown,
  findings: Finding[],
  state: LintState,
): RuleOutcome {
  const base = { ruleId: rule.meta.id, clusterId: subject.clusterId };
  const collection = collections.get(rule.meta.for)!;
  if (collection.applicability && subject.cluster) {
    const applicability = collection.applicability(subject, state);
    if (applicability.kind === 'not-applicable') return { ...base, status: 'not-applicable', findings: 0, reasons: [applicability.reason] };
    if (applicability.kind === 'unknown') return { ...base, status: 'not-evaluated', findings: 0, reasons: [applicability.reason] };
  }
  const availability = availabilityOf(snapshot, rule.meta.requires, clusterIdsOf(subject));
  if (availability.kind === 'not-requested') {
    return { ...base, status: 'not-applicable', findings: 0, reasons: [availability.reason] };
  }
  if (availability.kind === 'missing') {
    return { ...base, status: 'not-evaluated', findings: 0, reasons: availability.reasons };
  }
  if (rule.meta.requires.includes('clusters') && !subject.cluster) {
    return {
      ...base,
      status: 'not-evaluated',
      findings: 0,
      reasons: [{ en: `cluster ${subject.clusterId} is not in the snapshot's clusters`, 'zh-CN': `快照的 clusters 中没有集群 ${subject.clusterId}` }],
    };
  }
  const result = built.get(collection.name) ?? built.set(collection.name, collection.build(subject, index, snapshot, state)).get(collection.name)!;
  if (result.kind === 'not-applicable') {
    return { ...base, status: 'not-applicable', findings: 0, reasons: [result.reason] };
  }
  // A rule that fails on one item reports nothing for this subject: half a rule's findings
  // presented as its outcome would hide the items it could not judge.
  const mine: Finding[] = [];
  for (const item of result.items) {
    const ctx = { item: toCel(item.fields), cluster: clusterCel };
    try {
      if (rule.when(ctx) !== true) continue;
      mine.push({
        ruleId: rule.meta.id,
        severity: rule.severityWhen.find(([, when]) => when(ctx) === true)?.[0] ?? rule.meta.severity,
        clusterId: subject.clusterId,
        target: item.target,
        message: Object.fromEntries(LANGS.map((l) => [l, rule.message[l](ctx).trim()])) as Localized,
        evidence: Object.fromEntries(rule.evidence.map(([k, f]) => [k, fromCel(f(ctx))])),
        location: { ...item.location, logical: `${item.target.kind}/${item.target.id}` },
        fingerprint: fingerprintOf(rule.meta.id, subject.clusterId, item.target),
      });
    } catch (err) {
      const why = (err as Error).message.split('\n')[0];
      const reason: Localized = {
        en: `the rule could not be evaluated on ${item.target.kind} ${item.target.id}: ${why}`,
        'zh-CN': `规则无法在 ${item.target.kind} ${item.target.id} 上求值：${why}`,
      };
      return { ...base, status: 'not-evaluated', findings: 0, reasons: [reason] };
    }
  }
  findings.push(...mine);
  const count = mine.length;
  const status = count > 0 ? 'failed' : result.gaps.length > 0 ? 'not-evaluated' : 'passed';
  return { ...base, status, findings: count, reasons: result.gaps };
}

function clusterVariable(subject: Subject, snapshot: Snapshot) {
  const role = snapshot.meta.scope.find((s) => s.clusterId === subject.clusterId)?.role ?? 'standalone';
  return {
    id: subject.clusterId,
    name: subject.cluster?.name ?? '',
    networkPlugin: subject.cluster?.networkPlugin ?? 'unknown',
    role,
    sourceClusterId: subject.sourceClusterId ?? '',
    sourceClusterName: subject.source?.name ?? '',
  };
}

function subjectSummary(subject: Subject, snapshot: Snapshot): SubjectSummary {
  const v = clusterVariable(subject, snapshot);
  return {
    clusterId: v.id,
    name: v.name,
    role: v.role,
    networkPlugin: v.networkPlugin,
    ...(subject.sourceClusterId ? { sourceClusterId: subject.sourceClusterId, sourceName: v.sourceClusterName } : {}),
  };
}

export function ruleSummary(rule: CompiledRule): RuleSummary {
  const { id, severity, category, title, description, remediation } = rule.meta;
  return { id, severity, category, title, description, remediation, ...(rule.docsUrl ? { docsUrl: rule.docsUrl } : {}), builtIn: rule.builtIn };
}

/** Suppressed findings are accepted; baseline ones are known but still block readiness. */
function verdictOf(findings: readonly Finding[], outcomes: readonly RuleOutcome[]): Verdict {
  if (findings.some((f) => f.severity === 'error' && !f.suppressed)) return 'not-ready';
  if (outcomes.some((o) => o.status === 'not-evaluated')) return 'incomplete';
  return 'ready';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
