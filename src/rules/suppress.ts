/**
 * Suppressions from the config: a finding they cover is marked, kept in the result and never fails
 * the run. An expired one suppresses nothing; expired and unused ones become findings of their own
 * (rules expired-suppression and unused-suppression, over the `suppressions` collection).
 */
import type { Finding, SuppressionRef } from './result.js';

export interface Suppression {
  rule: string;
  /** Target id, or a glob with * and ?. */
  resource: string;
  cluster?: string;
  reason: string;
  owner?: string;
  /** YYYY-MM-DD: suppresses through that day. */
  expires?: string;
  file: string;
  line: number;
}

export interface SuppressionState {
  suppression: Suppression;
  expired: boolean;
  /** Findings it covers (expired ones would have covered these). */
  matched: number;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** YYYY-MM-DD of a date in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Marks the findings each unexpired suppression covers; returns what each suppression did. */
export function applySuppressions(findings: Finding[], suppressions: readonly Suppression[], today: string): SuppressionState[] {
  const states = suppressions.map((s) => ({
    suppression: s,
    expired: s.expires !== undefined && s.expires < today,
    matched: 0,
    pattern: globToRegExp(s.resource),
  }));
  for (const finding of findings) {
    for (const state of states) {
      const s = state.suppression;
      if (s.rule !== finding.ruleId || (s.cluster && s.cluster !== finding.clusterId) || !state.pattern.test(finding.target.id)) continue;
      state.matched++;
      if (!state.expired && !finding.suppressed) finding.suppressed = refOf(s);
    }
  }
  return states.map(({ pattern: _pattern, ...state }) => state);
}

function refOf(s: Suppression): SuppressionRef {
  return {
    reason: s.reason,
    ...(s.owner ? { owner: s.owner } : {}),
    ...(s.expires ? { expires: s.expires } : {}),
    file: s.file,
    line: s.line,
  };
}
