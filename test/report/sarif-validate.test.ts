/**
 * The SARIF report against the two validators GitHub code scanning points to: the SARIF 2.1.0 JSON
 * schema (with ajv) and the Microsoft SARIF Multitool with its GitHub rules (`--rule-kind "Sarif;Gh"`).
 *
 * Both come from the installed `@microsoft/sarif-multitool` package: its platform package ships the
 * native `Sarif.Multitool` binary and, next to it, the `sarif-2.1.0.json` schema it validates with.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

const require = createRequire(import.meta.url);
/** Path of the native multitool for this platform (what the package's `bin.js` would spawn). */
const MULTITOOL = require('@microsoft/sarif-multitool') as string;
const SCHEMA_FILE = join(dirname(MULTITOOL), 'sarif-2.1.0.json');
/** Disables SARIF2006, the one rule that goes to the network. */
const OFFLINE_CONFIG = fileURLToPath(new URL('../fixtures/sarif/multitool-offline.xml', import.meta.url));

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
    byFile = multitoolLevels([...CASES.map((c) => `${c.name}.sarif`), 'unlocated.sarif'], join(dir, 'validation.sarif'));
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

type Levels = Record<'error' | 'warning' | 'note', string[]>;
const emptyLevels = (): Levels => ({ error: [], warning: [], note: [] });

/**
 * Runs `Sarif.Multitool validate` on files in the temp dir and returns, per file name, the rule ids of
 * its findings by level. The binary is spawned directly: the npm `bin.js` wrapper runs it through a
 * shell, which would cut `--rule-kind Sarif;Gh` at the semicolon and silently skip the GitHub rules.
 */
function multitoolLevels(files: string[], output: string): Map<string, Levels> {
  const run = spawnSync(
    MULTITOOL,
    [
      'validate',
      ...files.map((f) => join(dir, f)),
      '--rule-kind',
      'Sarif;Gh',
      '--level',
      'Error;Warning;Note',
      '--config',
      OFFLINE_CONFIG,
      '--output',
      output,
      '--log',
      'ForceOverwrite',
    ],
    {
      encoding: 'utf8',
      timeout: 120_000,
      // Runs without libicu too; no telemetry.
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    },
  );
  expect(run.error, `spawn ${MULTITOOL}`).toBeUndefined();
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);

  const log = JSON.parse(readFileSync(output, 'utf8')) as {
    runs: {
      results?: {
        ruleId: string;
        level?: string;
        locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
      }[];
      invocations?: {
        executionSuccessful: boolean;
        toolExecutionNotifications?: { level?: string; message: { text?: string } }[];
        toolConfigurationNotifications?: { level?: string; message: { text?: string } }[];
      }[];
    }[];
  };
  const invocation = log.runs[0]?.invocations?.[0];
  expect(invocation?.executionSuccessful).toBe(true);
  const notifications = [...(invocation?.toolExecutionNotifications ?? []), ...(invocation?.toolConfigurationNotifications ?? [])];
  expect(notifications.filter((n) => n.level === 'error').map((n) => n.message.text)).toEqual([]);

  const byFile = new Map<string, Levels>();
  for (const r of log.runs.flatMap((run) => run.results ?? [])) {
    const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
    const file = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
    expect(files, `result ${r.ruleId} on ${uri}`).toContain(file);
    const levels = byFile.get(file) ?? byFile.set(file, emptyLevels()).get(file)!;
    // SARIF's default level is warning.
    const level = r.level === 'error' || r.level === 'note' ? r.level : r.level === 'none' ? 'note' : 'warning';
    levels[level].push(r.ruleId);
  }
  return byFile;
}

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
