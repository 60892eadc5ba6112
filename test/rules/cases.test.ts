/** Runs every fixtures/rules/<id>.cases.yaml against its rule alone (the RuleTester idea). */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_RULES_DIR, loadRules } from '../../src/rules/load.js';
import { lint } from '../../src/rules/engine.js';
import { parseSnapshot } from '../../src/snapshot/read.js';
import { applyChange, listCaseFiles, matchesText, readCases, readReady, type SnapshotChange } from '../helpers/cases.js';

const rules = loadRules([{ dir: BUILT_IN_RULES_DIR, builtIn: true }]);
const ready = readReady();
const TARGET = 'c-terway00shop01';

function run(ruleId: string, change: SnapshotChange) {
  if (!rules.some((r) => r.meta.id === ruleId)) throw new Error(`no rule ${ruleId}`);
  // The changed snapshot must still be a valid snapshot: cases test rules, not the schema.
  const snapshot = parseSnapshot(JSON.stringify(applyChange(ready, change)), `${change.name}.json`);
  // The whole catalogue runs, so rules about findings (suppressions) see them; only this rule is checked.
  const result = lint(rules, snapshot, {
    toolVersion: 'test',
    suppressions: (change.suppressions ?? []).map((sup, i) => ({ ...sup, file: '.terway-lint.yaml', line: i + 1 })),
    today: change.today ?? '2026-11-26',
  });
  const clusterId = change.clusterId ?? TARGET;
  const outcome = result.outcomes.find((o) => o.clusterId === clusterId && o.ruleId === ruleId);
  if (!outcome) throw new Error(`no outcome for ${ruleId} on ${clusterId}`);
  return { outcome, findings: result.findings.filter((f) => f.clusterId === clusterId && f.ruleId === ruleId) };
}

for (const file of listCaseFiles()) {
  const cases = readCases(file);
  describe(cases.rule, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const { outcome, findings } = run(cases.rule, c);
        expect(findings).toEqual([]);
        expect(outcome.status).toBe('passed');
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const { outcome, findings } = run(cases.rule, c);
        expect(outcome.status).toBe('failed');
        expect(findings).toHaveLength(c.findings.length);
        c.findings.forEach((want, i) => {
          const got = findings[i]!;
          if (want.target) expect(got.target).toMatchObject(want.target);
          if (want.severity) expect(got.severity).toBe(want.severity);
          if (want.message) {
            expect(matchesText(got.message.en, want.message), `message "${got.message.en}" should match ${want.message}`).toBe(true);
          }
          if (want.evidence) expect(got.evidence).toMatchObject(want.evidence);
          if (want.location) expect(got.location).toMatchObject(want.location);
          expect(got.message['zh-CN']).not.toBe('');
        });
      });
    }
    for (const c of cases.notEvaluated ?? []) {
      it(`not evaluated: ${c.name}`, () => {
        const { outcome, findings } = run(cases.rule, c);
        expect(findings).toEqual([]);
        expect(outcome.status).toBe('not-evaluated');
        expect(outcome.reasons.some((r) => matchesText(r.en, c.reason)), JSON.stringify(outcome.reasons)).toBe(true);
      });
    }
    for (const c of cases.notApplicable ?? []) {
      it(`not applicable: ${c.name}`, () => {
        const { outcome } = run(cases.rule, c);
        expect(outcome.status).toBe('not-applicable');
        expect(outcome.reasons.some((r) => matchesText(r.en, c.reason)), JSON.stringify(outcome.reasons)).toBe(true);
      });
    }
  });
}
