/**
 * The SARIF report against the two validators GitHub code scanning points to: the SARIF 2.1.0 JSON
 * schema (with ajv) and the Microsoft SARIF Multitool with its GitHub rules (`--rule-kind "Sarif;Gh"`).
 *
 * Both come from the installed `@microsoft/sarif-multitool` package: its platform package ships the
 * native `Sarif.Multitool` binary and, next to it, the `sarif-2.1.0.json` schema it validates with.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSarif } from '../../src/report/sarif.js';
import { lint } from '../../src/rules/engine.js';
import { BUILT_IN_RULES_DIR, loadRules } from '../../src/rules/load.js';
import type { LintResult } from '../../src/rules/result.js';
import { parseSnapshot } from '../../src/snapshot/read.js';
import { SNAPSHOT_TEXT, lintResult } from '../fixtures/sarif/lint-result.js';
import { MULTITOOL, emptyLevels, multitoolLevels, type Levels } from '../helpers/multitool.js';

const SCHEMA_FILE = join(dirname(MULTITOOL), 'sarif-2.1.0.json');

interface Case {
  name: string;
  result: LintResult;
  lang: 'en' | 'zh-CN';
  snapshotText?: string;
}

/** The bundled incident, linted by the real rules: what a user uploads from the README's example. */
function seedIncident(): { result: LintResult; snapshotText: string } {
  const file = 'fixtures/snapshots/seed-incident.json';
  const snapshotText = readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8');
  const rules = loadRules([{ dir: BUILT_IN_RULES_DIR, builtIn: true }]);
  return { result: lint(rules, parseSnapshot(snapshotText, file), { toolVersion: '0.1.0', snapshotFile: file }), snapshotText };
}

const seed = seedIncident();

const CASES: Case[] = [
  { name: 'seed-incident-en', result: seed.result, lang: 'en', snapshotText: seed.snapshotText },
  { name: 'seed-incident-zh-CN', result: seed.result, lang: 'zh-CN', snapshotText: seed.snapshotText },
  { name: 'findings-en', result: lintResult(), lang: 'en', snapshotText: SNAPSHOT_TEXT },
  { name: 'findings-zh-CN', result: lintResult(), lang: 'zh-CN', snapshotText: SNAPSHOT_TEXT },
  { name: 'findings-no-snapshot-text', result: lintResult(), lang: 'en' },
  { name: 'no-subjects', result: { ...lintResult(), subjects: [], findings: [] }, lang: 'en' },
];

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'terway-lint-sarif-'));
  for (const c of CASES) {
    const text = renderSarif(c.result, {
      lang: c.lang,
      snapshotUri: 'snapshots/terway-snapshot.json',
      ...(c.snapshotText !== undefined ? { snapshotText: c.snapshotText } : {}),
    });
    writeFileSync(join(dir, `${c.name}.sarif`), text);
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('SARIF report: JSON schema', () => {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  // strict: false only silences ajv's lint of the schema's own authoring (it has `required` inside
  // `anyOf` branches naming properties declared one level up); validation itself is unchanged.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  // ajv ships no formats; these are the four the SARIF schema uses, checked to their RFCs' shape.
  ajv.addFormat('uri', (s: string) => isUri(s, true));
  ajv.addFormat('uri-reference', (s: string) => isUri(s, false));
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i);
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  const validate = ajv.compile(schema);

  it('uses the SARIF 2.1.0 schema shipped with the multitool', () => {
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  });

  it('rejects what GitHub would reject (the validator is not vacuous)', () => {
    const log = JSON.parse(readFileSync(join(dir, 'findings-en.sarif'), 'utf8'));
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    log.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri = 'has space.yml';
    log.runs[0].tool.driver.rules[0].helpUri = 'docs/rules/x.md';
    expect(validate(log)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual([
      '/runs/0/results/0/locations/0/physicalLocation/region/startLine',
      '/runs/0/results/1/locations/0/physicalLocation/artifactLocation/uri',
      '/runs/0/tool/driver/rules/0/helpUri',
    ]);
  });

  it.each(CASES.map((c) => c.name))('%s validates', (name) => {
    const log = JSON.parse(readFileSync(join(dir, `${name}.sarif`), 'utf8'));
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});

describe('SARIF report: Microsoft SARIF Multitool, rule kinds Sarif;Gh', () => {
  // One multitool run over every file (it takes seconds to start): the cases, plus a broken log
  // that proves the GitHub rules are really on.
  let byFile: Map<string, Levels>;
  beforeAll(() => {
    const log = JSON.parse(readFileSync(join(dir, 'findings-en.sarif'), 'utf8'));
    log.runs[0].results[0].locations = [];
    delete log.runs[1].results;
    writeFileSync(join(dir, 'unlocated.sarif'), JSON.stringify(log, null, 2));
    byFile = multitoolLevels([...CASES.map((c) => join(dir, `${c.name}.sarif`)), join(dir, 'unlocated.sarif')], join(dir, 'validation.sarif'));
  });

  it.each(CASES.map((c) => c.name))('%s has no errors or warnings', (name) => {
    const levels = byFile.get(`${name}.sarif`) ?? emptyLevels();
    expect(levels.error).toEqual([]);
    expect(levels.warning).toEqual([]);
  });

  it('reports errors for a result GitHub cannot place (the check is not vacuous)', () => {
    expect(byFile.get('unlocated.sarif')?.error).toEqual(expect.arrayContaining(['GH1014', 'GH1015']));
  });
});


/**
 * Runs `Sarif.Multitool validate` on files in the temp dir and returns, per file name, the rule ids of
 * its findings by level. The binary is spawned directly: the npm `bin.js` wrapper runs it through a
 * shell, which would cut `--rule-kind Sarif;Gh` at the semicolon and silently skip the GitHub rules.
 */

/** RFC 3986 URI (`absolute`) or URI reference: allowed characters only, well-formed percent escapes. */
function isUri(s: string, absolute: boolean): boolean {
  if (!/^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/.test(s)) return false;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s);
  if (absolute && !scheme) return false;
  // A relative reference whose first segment has a colon would read as a scheme.
  if (!scheme && /^[^/?#]*:/.test(s)) return false;
  if (!scheme) return true;
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}
