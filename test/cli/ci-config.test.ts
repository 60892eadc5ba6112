/**
 * The CI story end to end: a config file pairs the incident's clusters and suppresses one finding
 * with an expiry in the past and another with one in the future; one command writes SARIF, JUnit
 * and Markdown.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { multitoolLevels } from '../helpers/multitool.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/cli.js');

const CONFIG = `# terway-lint configuration of the shop estate
snapshot: snapshot.json
clusters:
  - id: c-terway00shop01
    source: c-flannel0shop01
suppressions:
  - rule: pod-vswitch-without-snat
    resource: vsw-bp1podh20002
    cluster: c-terway00shop01
    reason: SNAT entry ordered in CHG-1234
    owner: netops
    expires: 2020-01-31
  - rule: host-published-port
    resource: "fixtures/compose/redis/*"
    reason: redis moves into the cluster in sprint 42
    owner: shop-team
    expires: 2099-12-31
`;

function project() {
  const dir = mkdtempSync(join(tmpdir(), 'ci-config-'));
  copyFileSync(join(root, 'fixtures/snapshots/seed-incident.json'), join(dir, 'snapshot.json'));
  writeFileSync(join(dir, '.terway-lint.yaml'), CONFIG);
  return dir;
}

function run(dir: string, args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' } });
}

const reports = ['--format', 'sarif', '--output', 'out.sarif', '--format', 'junit', '--output', 'out.junit.xml', '--format', 'markdown', '--output', 'out.md'];

describe('config file, suppressions and CI reports in one run', () => {
  it('writes SARIF, JUnit and Markdown; the expired suppression is a finding, the future one suppresses', () => {
    const dir = project();
    const r = run(dir, reports);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);

    const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as {
      runs: { automationDetails: { id: string }; results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    expect(sarif.runs.map((run) => run.automationDetails.id)).toEqual(['terway-lint/cn-hangzhou/c-terway00shop01/']);
    const results = sarif.runs.flatMap((run) => run.results);
    for (const res of results) {
      expect(res.locations[0]!.physicalLocation.artifactLocation.uri).not.toBe('');
      expect(res.locations[0]!.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    const ids = results.map((res) => res.ruleId);
    // expired: the suppression is reported, at its line in the config, and its finding is back
    const expired = results.find((res) => res.ruleId === 'expired-suppression')!;
    expect(expired.locations[0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: '.terway-lint.yaml' }, region: { startLine: 7 } });
    expect(expired.message.text).toMatch(/expired on 2020-01-31; 1 finding counts again/);
    expect(ids).toContain('pod-vswitch-without-snat');
    // future: the redis finding is suppressed, so it is not in the SARIF at all
    expect(ids).not.toContain('host-published-port');
    expect(ids).not.toContain('unused-suppression');

    const levels = multitoolLevels([join(dir, 'out.sarif')], join(dir, 'validation.sarif')).get('out.sarif');
    expect(levels?.error ?? []).toEqual([]);
    expect(levels?.warning ?? []).toEqual([]);

    const junit = readFileSync(join(dir, 'out.junit.xml'), 'utf8');
    expect(junit).toMatch(/^<\?xml/);
    expect(junit).toMatch(/<testcase[^>]*name="host-published-port[^"]*"[^>]*>\s*<skipped message="[^"]*redis moves into the cluster in sprint 42/);
    expect(junit).toMatch(/<testcase[^>]*name="expired-suppression[^"]*"[^>]*>\s*<failure/);

    const md = readFileSync(join(dir, 'out.md'), 'utf8');
    expect(md).toMatch(/NOT READY/);
    expect(md).toMatch(/expired-suppression/);
  });

  it('the exit code follows --fail-on (and failOn in the config)', () => {
    const dir = project();
    expect(run(dir, ['--fail-on', 'none', '--format', 'json', '--output', 'r.json']).status).toBe(0);
    expect(run(dir, ['--fail-on', 'warning', '--format', 'json', '--output', 'r.json']).status).toBe(1);
    // Suppress the remaining errors: only the expired-suppression warning is left.
    writeFileSync(
      join(dir, '.terway-lint.yaml'),
      CONFIG.replace('expires: 2020-01-31', 'expires: 2099-01-31') +
        '  - rule: instance-type-cannot-join\n    resource: "*"\n    reason: pool replaced in CHG-1300\n' +
        '  - rule: node-pool-capacity-below-demand\n    resource: "*"\n    reason: pool scaled in CHG-1301\n',
    );
    const errorsOnly = run(dir, ['--format', 'json', '--output', 'r.json']);
    const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { findings: { ruleId: string; severity: string; suppressed?: unknown }[] };
    const open = result.findings.filter((f) => !f.suppressed && f.severity === 'error');
    expect(open, JSON.stringify(open)).toEqual([]);
    expect(errorsOnly.status).toBe(0);
    writeFileSync(join(dir, '.terway-lint.yaml'), `failOn: none\n${CONFIG}`);
    expect(run(dir, []).status).toBe(0);
  });

  it('--show-suppressed lists what the suppressions cover', () => {
    const dir = project();
    const r = run(dir, ['--show-suppressed']);
    expect(r.stdout).toMatch(/Suppressed: 1 finding/);
    expect(r.stdout).toMatch(/reason: redis moves into the cluster in sprint 42 · owner shop-team · expires 2099-12-31 · \.terway-lint\.yaml:13/);
    expect(run(dir, []).stdout).toMatch(/Suppressed: 1 finding \(--show-suppressed lists them\)/);
  });

  it('a baseline fails only on new findings and keeps listing the old ones', () => {
    const dir = project();
    expect(run(dir, ['--write-baseline', 'baseline.json', '--fail-on', 'none']).status).toBe(0);
    const withBaseline = run(dir, ['--baseline', 'baseline.json', '--fail-on', 'warning']);
    expect(withBaseline.status).toBe(0);
    expect(withBaseline.stdout).toMatch(/in baseline: does not fail the run/);
    writeFileSync(join(dir, 'baseline.json'), '{"schemaVersion": 1, "findings": [}');
    const broken = run(dir, ['--baseline', 'baseline.json']);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^terway-lint: baseline\.json:1: not valid JSON/);
  });

  it('report --from re-renders a saved result with the same exit code', () => {
    const dir = project();
    run(dir, ['--format', 'json', '--output', 'result.json']);
    const md = run(dir, ['report', '--from', 'result.json', '--format', 'markdown']);
    expect(md.status).toBe(1);
    expect(md.stdout).toMatch(/NOT READY/);
    const sarif = run(dir, ['report', '--from', 'result.json', '--format', 'sarif', '--output', 'again.sarif']);
    expect(sarif.status).toBe(1);
    const lines = (JSON.parse(readFileSync(join(dir, 'again.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] }).runs
      .flatMap((r) => r.results)
      .map((r) => r.locations[0]!.physicalLocation.region.startLine);
    expect(lines.every((l) => l >= 1)).toBe(true);
    expect(lines.some((l) => l > 1)).toBe(true);
    const bad = run(dir, ['report', '--from', 'snapshot.json']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/snapshot\.json: not a terway-lint result/);
  });

  it('an invalid config is exit 2 with the file and line', () => {
    const dir = project();
    writeFileSync(join(dir, '.terway-lint.yaml'), CONFIG.replace('    reason: SNAT entry ordered in CHG-1234\n', ''));
    const r = run(dir, []);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('terway-lint: .terway-lint.yaml:7: suppressions[0] is missing "reason" (every suppression needs a reason)\n');
  });
});
