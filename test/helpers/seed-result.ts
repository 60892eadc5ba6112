/** The bundled incident linted by the built-in rules: the result reporters render in their tests. */
import { readFileSync } from 'node:fs';
import type { Lang } from '../../src/model/types.js';
import { renderReport } from '../../src/report/index.js';
import { lint } from '../../src/rules/engine.js';
import { BUILT_IN_RULES_DIR, loadRules } from '../../src/rules/load.js';
import { parseSnapshot } from '../../src/snapshot/read.js';

export const SEED = 'fixtures/snapshots/seed-incident.json';

export function seedIncident() {
  const rules = loadRules([{ dir: BUILT_IN_RULES_DIR, builtIn: true }]);
  const text = readFileSync(new URL(`../../${SEED}`, import.meta.url), 'utf8');
  return { result: lint(rules, parseSnapshot(text, SEED), { toolVersion: '0.0.0-test', snapshotFile: SEED }), text };
}

/** The seed incident, linted afresh, in a report format without colour: what the golden files hold. */
export function renderSeed(format: string, lang: Lang = 'en'): string {
  const { result, text } = seedIncident();
  return renderReport(format, result, { lang, color: false, snapshotUri: SEED, snapshotText: text });
}
