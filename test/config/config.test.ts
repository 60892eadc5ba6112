/** .terway-lint.yaml: found upward, checked against its schema with file and line, applied before linting. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyConfigToSnapshot, applyRuleOverrides } from '../../src/config/apply.js';
import { CONFIG_SCHEMA_FILE, findConfigFile, parseConfig } from '../../src/config/load.js';
import { InputFileError } from '../../src/errors.js';
import { lint } from '../../src/rules/engine.js';
import { BUILT_IN_RULES_DIR, loadRules } from '../../src/rules/load.js';
import { parseSnapshot } from '../../src/snapshot/read.js';

const rules = loadRules([{ dir: BUILT_IN_RULES_DIR, builtIn: true }]);
const seedText = readFileSync(new URL('../../fixtures/snapshots/seed-incident.json', import.meta.url), 'utf8');
const seed = () => parseSnapshot(seedText, 'seed-incident.json');

function configError(text: string): InputFileError {
  try {
    parseConfig(text, '.terway-lint.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(InputFileError);
    return err as InputFileError;
  }
  throw new Error('expected an error');
}

describe('config file', () => {
  it('the published schema is valid JSON with a title', () => {
    const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_FILE, 'utf8')) as { title: string; additionalProperties: boolean };
    expect(schema.title).toMatch(/terway-lint/);
    expect(schema.additionalProperties).toBe(false);
  });

  it('reads every supported key', () => {
    const { config, lineOf } = parseConfig(
      [
        'snapshot: snap.json',
        'lang: zh-CN',
        'failOn: warning',
        'clusters:',
        '  - id: c-terway00shop01',
        '    source: c-flannel0shop01',
        'rules:',
        '  host-published-port: warning',
        'suppressions:',
        '  - rule: pod-vswitch-without-snat',
        '    resource: vsw-bp1podh20002',
        '    reason: SNAT entry ordered in CHG-1234',
        '    owner: netops',
        '    expires: 2026-12-31',
      ].join('\n'),
      '.terway-lint.yaml',
    );
    expect(config.suppressions?.[0]?.expires).toBe('2026-12-31');
    expect(config.failOn).toBe('warning');
    expect(lineOf(['suppressions', 0])).toBe(10);
  });

  it.each([
    ['an unknown key', 'failOn: error\nregoin: cn-hangzhou\n', /^\.terway-lint\.yaml:2: unknown key "regoin"$/],
    ['an unknown nested key', 'suppressions:\n  - rule: a\n    resource: b\n    reason: c\n    ownr: d\n', /:5: unknown key "suppressions\[0\]\.ownr"$/],
    ['a suppression without a reason', 'suppressions:\n  - rule: a\n    resource: b\n', /:2: suppressions\[0\] is missing "reason" \(every suppression needs a reason\)$/],
    ['an expiry that is not a date', 'suppressions:\n  - rule: a\n    resource: b\n    reason: c\n    expires: next week\n', /:5: suppressions\[0\]\.expires must be a date written YYYY-MM-DD$/],
    ['an expiry that does not exist', 'suppressions:\n  - rule: a\n    resource: b\n    reason: c\n    expires: 2026-02-31\n', /:5: suppressions\[0\]\.expires is not a real date/],
    ['a wrong type', 'clusters: c-terway00shop01\n', /:1: clusters must be array$/],
    ['a bad failOn', 'failOn: critical\n', /:1: failOn must be one of error, warning, info, none$/],
    ['a YAML error', 'clusters:\n  - id: [c-1\n', /^\.terway-lint\.yaml:\d+: YAML error/],
  ])('rejects %s with the line', (_what, text, pattern) => {
    expect(configError(text).message).toMatch(pattern);
  });

  it('is found from the working directory upward', () => {
    const root = mkdtempSync(join(tmpdir(), 'cfg-'));
    mkdirSync(join(root, 'a/b/c'), { recursive: true });
    writeFileSync(join(root, 'a/.terway-lint.yaml'), 'failOn: error\n');
    expect(findConfigFile(join(root, 'a/b/c'))).toBe(join(root, 'a/.terway-lint.yaml'));
    expect(findConfigFile(root)).toBeUndefined();
  });

  it('clusters replace the scope of the snapshot', () => {
    const loaded = parseConfig('clusters:\n  - id: c-flannel0shop01\n', 'x.yaml');
    const snapshot = applyConfigToSnapshot(seed(), loaded);
    expect(snapshot.meta.scope).toEqual([{ clusterId: 'c-flannel0shop01', role: 'standalone' }]);
    const result = lint(rules, snapshot, { toolVersion: 'test' });
    expect(result.subjects.map((s) => s.clusterId)).toEqual(['c-flannel0shop01']);
  });

  it('a planned Terway target is judged against its Flannel source', () => {
    const loaded = parseConfig(
      [
        'plan:',
        '  - source: c-flannel0shop01',
        '    podVSwitches:',
        '      cn-hangzhou-h: [vsw-bp1podh20002]',
        '    nodePools:',
        '      - { name: app, instanceType: ecs.c6.xlarge, count: 2 }',
        '      - { name: web, instanceType: ecs.g6.large, count: 2 }',
      ].join('\n'),
      'x.yaml',
    );
    const snapshot = applyConfigToSnapshot(seed(), loaded);
    const result = lint(rules, snapshot, { toolVersion: 'test' });
    const planned = result.findings.filter((f) => f.clusterId === 'planned-c-flannel0shop01' && f.severity === 'error');
    expect(planned.map((f) => `${f.ruleId} ${f.target.id}`)).toEqual(
      expect.arrayContaining([
        'instance-type-cannot-join planned-c-flannel0shop01-web/ecs.g6.large',
        'node-pool-capacity-below-demand planned-c-flannel0shop01-app/ecs.c6.xlarge',
        'pod-vswitch-without-snat vsw-bp1podh20002',
      ]),
    );
  });

  it('a plan whose source is not in the snapshot is an error naming the line', () => {
    const loaded = parseConfig('plan:\n  - source: c-nope\n    podVSwitches: {}\n    nodePools: [{ name: a, instanceType: ecs.g7.xlarge, count: 1 }]\n', 'x.yaml');
    expect(() => applyConfigToSnapshot(seed(), loaded)).toThrow(/^x\.yaml:2: plan\[0\]\.source c-nope is not a cluster in the snapshot/);
  });

  it('rule overrides turn rules off and change their severity', () => {
    const loaded = parseConfig('rules:\n  host-published-port: "off"\n  pod-vswitch-without-snat: warning\n', 'x.yaml');
    const tuned = applyRuleOverrides(rules, loaded);
    expect(tuned.some((r) => r.meta.id === 'host-published-port')).toBe(false);
    const result = lint(tuned, seed(), { toolVersion: 'test' });
    expect(result.findings.find((f) => f.ruleId === 'pod-vswitch-without-snat')?.severity).toBe('warning');
    expect(() => applyRuleOverrides(rules, parseConfig('rules:\n  no-such-rule: warning\n', 'x.yaml'))).toThrow(/^x\.yaml:2: rules: unknown rule "no-such-rule"/);
  });
});
