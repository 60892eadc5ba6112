/**
 * Whole-estate scenarios: each fixtures/snapshots/<name>.expected.yaml names a snapshot and exactly
 * the findings (severity, rule, cluster, target) and verdict the full catalogue must give on it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exitCodeOf } from '../src/commands.js';
import { lint } from '../src/rules/engine.js';
import { BUILT_IN_RULES_DIR, loadRules } from '../src/rules/load.js';
import { readSnapshotFile } from '../src/snapshot/read.js';
import { repoRoot } from './helpers/cases.js';

interface Expected {
  snapshot: string;
  verdict: string;
  exitCode: number;
  findings: string[];
}

const dir = new URL('fixtures/snapshots/', repoRoot);
const rules = loadRules([{ dir: BUILT_IN_RULES_DIR, builtIn: true }]);
const files = readdirSync(dir).filter((f) => f.endsWith('.expected.yaml')).sort();

describe('scenarios', () => {
  it('every scenario snapshot has an expected-findings file', () => {
    const snapshots = readdirSync(dir).filter((f) => f.endsWith('.json'));
    const covered = files.map((f) => (parse(readFileSync(new URL(f, dir), 'utf8')) as Expected).snapshot);
    expect(covered.sort()).toEqual(snapshots.sort());
  });

  for (const file of files) {
    it(file.replace('.expected.yaml', ''), () => {
      const expected = parse(readFileSync(new URL(file, dir), 'utf8')) as Expected;
      const { snapshot } = readSnapshotFile(new URL(expected.snapshot, dir).pathname);
      const result = lint(rules, snapshot, { toolVersion: 'test' });
      const got = result.findings.map((f) => `${f.severity} ${f.ruleId} ${f.clusterId} ${f.target.id}`);
      expect(got).toEqual(expected.findings ?? []);
      expect(result.verdict).toBe(expected.verdict);
      expect(exitCodeOf(result, 'error')).toBe(expected.exitCode);
    });
  }
});
