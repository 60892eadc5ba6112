import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { pascalCase, renderSarif, toUriReference, type SarifContext } from '../../src/report/sarif.js';
import type { LintResult } from '../../src/rules/result.js';
import { FINGERPRINTS, LINE_OF, RENDER_CTX, SNAPSHOT_TEXT, TARGET_SUBJECT, lintResult } from '../fixtures/sarif/lint-result.js';

// A loose view of the SARIF we emit, enough for the assertions below.
interface Log {
  $schema: string;
  version: string;
  runs: Run[];
}
interface Run {
  tool: { driver: Driver };
  automationDetails: { id: string };
  columnKind: string;
  properties?: Record<string, unknown>;
  results: Result[];
}
interface Driver {
  name: string;
  version: string;
  semanticVersion: string;
  informationUri: string;
  rules: Rule[];
}
interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
  properties: { tags: string[]; precision: string; 'problem.severity': string };
}
interface Result {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
    logicalLocations: { name: string; fullyQualifiedName: string; kind: string }[];
  }[];
  partialFingerprints: Record<string, string>;
  properties: { clusterId: string; target: Record<string, string>; evidence: Record<string, unknown> };
}

const CTX: SarifContext = RENDER_CTX;

function render(result: LintResult = lintResult(), ctx: Partial<SarifContext> = {}): Log {
  return JSON.parse(renderSarif(result, { ...CTX, ...ctx })) as Log;
}

function resultFor(log: Log, ruleId: string): Result {
  const found = log.runs.flatMap((r) => r.results).find((r) => r.ruleId === ruleId);
  if (!found) throw new Error(`no result for ${ruleId}`);
  return found;
}

function location(r: Result) {
  const loc = r.locations[0];
  if (!loc) throw new Error(`result ${r.ruleId} has no location`);
  return loc.physicalLocation;
}

describe('renderSarif: the log', () => {
  it('is SARIF 2.1.0 with the schemastore $schema, pretty-printed and ending with a newline', () => {
    const text = renderSarif(lintResult(), CTX);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "$schema"')).toBe(true);
    const log = JSON.parse(text) as Log;
    expect(Object.keys(log)).toEqual(['$schema', 'version', 'runs']);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
  });

  it('is deterministic: same input, same bytes; evidence key order does not matter', () => {
    const a = renderSarif(lintResult(), CTX);
    expect(renderSarif(lintResult(), CTX)).toBe(a);
    const shuffled = lintResult();
    for (const f of shuffled.findings) {
      f.evidence = Object.fromEntries(Object.entries(f.evidence).reverse());
    }
    expect(renderSarif(shuffled, CTX)).toBe(a);
  });

  it('does not mutate the lint result', () => {
    const result = lintResult();
    const before = JSON.stringify(result);
    renderSarif(result, CTX);
    expect(JSON.stringify(result)).toBe(before);
  });
});

describe('renderSarif: runs', () => {
  it('emits one run per subject, each with its own automationDetails category', () => {
    const log = render();
    expect(log.runs.map((r) => r.automationDetails.id)).toEqual([
      'terway-lint/cn-hangzhou/c-terway/',
      'terway-lint/cn-hangzhou/c-solo/',
    ]);
    for (const run of log.runs) {
      expect(Object.keys(run)).toEqual(['tool', 'automationDetails', 'columnKind', 'properties', 'results']);
      expect(run.columnKind).toBe('utf16CodeUnits');
    }
    // The subject as it is in the result; the target has every field a subject can have, so all are carried.
    expect(log.runs[0]!.properties).toEqual({ subject: TARGET_SUBJECT });
    expect(Object.keys(TARGET_SUBJECT)).toEqual(['clusterId', 'name', 'role', 'networkPlugin', 'sourceClusterId', 'sourceName']);
  });

  it("puts each subject's findings, and only those, in its run", () => {
    const [pair, solo] = render().runs;
    expect(pair!.results.map((r) => r.ruleId)).toEqual([
      'pod-vswitch-without-snat',
      'host-port-unreachable-from-pods',
      'node-pool-eni-capacity-low',
    ]);
    expect(pair!.results.every((r) => r.properties.clusterId === 'c-terway')).toBe(true);
    // A subject without findings still gets a run, with an empty results array present.
    expect(solo!.results).toEqual([]);
    expect(renderSarif(lintResult(), CTX)).toContain('"results": []');
  });

  it('emits one run with empty results when there are no subjects', () => {
    const result = { ...lintResult(), subjects: [], findings: [] };
    const log = render(result);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.automationDetails.id).toBe('terway-lint/cn-hangzhou/');
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules).toHaveLength(4);
    expect(log.runs[0]!.properties).toBeUndefined();
  });

  it('never drops a finding whose cluster is not a subject, and never repeats a category', () => {
    const result = lintResult();
    result.subjects.push({ ...result.subjects[1]! });
    result.findings.push({ ...result.findings[0]!, clusterId: 'c-other', fingerprint: 'ffff' });
    const log = render(result);
    const ids = log.runs.map((r) => r.automationDetails.id);
    expect(ids).toEqual([
      'terway-lint/cn-hangzhou/c-terway/',
      'terway-lint/cn-hangzhou/c-solo/',
      'terway-lint/cn-hangzhou/c-other/',
    ]);
    expect(log.runs[2]!.results.map((r) => r.partialFingerprints['terwayLint/v1'])).toEqual(['ffff']);
  });

  it('past 20 subjects emits one run for the region (GitHub rejects more than 20 runs), dropping nothing', () => {
    const result = lintResult();
    const base = result.subjects[1]!;
    for (let i = 0; i < 20; i++) result.subjects.push({ ...base, clusterId: `c-extra${String(i).padStart(2, '0')}`, name: `extra-${i}` });
    result.findings.push({ ...result.findings[0]!, clusterId: 'c-extra07', fingerprint: 'eeee' });
    const log = render(result);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.automationDetails.id).toBe('terway-lint/cn-hangzhou/');
    expect(log.runs[0]!.results).toHaveLength(result.findings.length);
    expect(log.runs[0]!.results.map((r) => r.properties.clusterId)).toContain('c-extra07');
    expect((log.runs[0]!.properties!.subjects as { clusterId: string }[]).map((s) => s.clusterId)).toEqual(result.subjects.map((s) => s.clusterId));
    // exactly 20 subjects still get a run each
    const twenty = lintResult();
    for (let i = 0; i < 18; i++) twenty.subjects.push({ ...base, clusterId: `c-extra${i}` });
    expect(render(twenty).runs).toHaveLength(20);
  });

  it('describes the tool in every run', () => {
    for (const run of render().runs) {
      expect(run.tool.driver).toMatchObject({
        name: 'terway-lint',
        version: '0.1.0',
        semanticVersion: '0.1.0',
        informationUri: 'https://github.com/terway-lint/terway-lint',
      });
      expect(run.tool.driver.rules.map((r) => r.id)).toEqual([
        'pod-vswitch-without-snat',
        'host-port-unreachable-from-pods',
        'node-pool-eni-capacity-low',
        'zone-without-pod-vswitch',
      ]);
    }
  });
});

describe('renderSarif: rules', () => {
  it('carries the metadata GitHub code scanning shows and filters on', () => {
    const rules = render().runs[0]!.tool.driver.rules;
    expect(rules[0]).toEqual({
      id: 'pod-vswitch-without-snat',
      name: 'PodVswitchWithoutSnat',
      shortDescription: { text: 'Pod vSwitch has no SNAT entry' },
      fullDescription: {
        text: 'Terway pods leave the VPC with their own IP; a pod vSwitch without SNAT has no internet access.',
      },
      help: {
        text:
          'Add an SNAT entry for the pod vSwitch on the VPC NAT gateway.\n\n' +
          'Docs: https://github.com/terway-lint/terway-lint/blob/main/docs/rules/pod-vswitch-without-snat.md',
        markdown:
          'Add an SNAT entry for the pod vSwitch on the VPC NAT gateway.\n\n' +
          'Docs: [pod-vswitch-without-snat](https://github.com/terway-lint/terway-lint/blob/main/docs/rules/pod-vswitch-without-snat.md)',
      },
      helpUri: 'https://github.com/terway-lint/terway-lint/blob/main/docs/rules/pod-vswitch-without-snat.md',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['terway', 'migration', 'egress'], precision: 'high', 'problem.severity': 'error' },
    });
  });

  it('maps severities to SARIF levels and problem.severity', () => {
    const rules = render().runs[0]!.tool.driver.rules;
    expect(rules.map((r) => [r.id, r.defaultConfiguration.level, r.properties['problem.severity']])).toEqual([
      ['pod-vswitch-without-snat', 'error', 'error'],
      ['host-port-unreachable-from-pods', 'warning', 'warning'],
      ['node-pool-eni-capacity-low', 'note', 'recommendation'],
      ['zone-without-pod-vswitch', 'error', 'error'],
    ]);
  });

  it('leaves out helpUri and the docs link when the rule has no docs', () => {
    const rule = render().runs[0]!.tool.driver.rules[2]!;
    expect(rule.helpUri).toBeUndefined();
    expect(rule.help).toEqual({ text: 'Use a larger instance type.', markdown: 'Use a larger instance type.' });
    expect(rule.properties.tags).toEqual(['terway', 'migration', 'capacity']);
  });

  it('keeps a docs URL usable as helpUri and as a markdown link', () => {
    const result = lintResult();
    result.rules[0]!.docsUrl = 'https://example.com/rules/egress (snat).md';
    const rule = render(result).runs[0]!.tool.driver.rules[0]!;
    expect(rule.helpUri).toBe('https://example.com/rules/egress%20(snat).md');
    expect(rule.help.markdown).toContain('Docs: [pod-vswitch-without-snat](https://example.com/rules/egress%20%28snat%29.md)');
    expect(rule.help.text).toContain('Docs: https://example.com/rules/egress%20(snat).md');
  });

  it('keeps descriptions within 1024 characters', () => {
    const result = lintResult();
    result.rules[0]!.description = { en: 'x'.repeat(3000), 'zh-CN': '长'.repeat(3000) };
    for (const lang of ['en', 'zh-CN'] as const) {
      const text = render(result, { lang }).runs[0]!.tool.driver.rules[0]!.fullDescription.text;
      expect(text.length).toBe(1024);
      expect(text.endsWith('…')).toBe(true);
    }
  });

  it('names rules in PascalCase', () => {
    expect(pascalCase('pod-vswitch-without-snat')).toBe('PodVswitchWithoutSnat');
    expect(pascalCase('eni-ip-capacity')).toBe('EniIpCapacity');
    expect(pascalCase('zone_2-coverage')).toBe('Zone2Coverage');
  });
});

describe('renderSarif: results', () => {
  it('points a finding with a source file at that file and line', () => {
    const r = resultFor(render(), 'host-port-unreachable-from-pods');
    expect(location(r)).toEqual({ artifactLocation: { uri: 'deploy/docker-compose.yml' }, region: { startLine: 12 } });
  });

  it('points findings without a file at their entity line in the snapshot file', () => {
    const log = render();
    expect(location(resultFor(log, 'pod-vswitch-without-snat'))).toEqual({
      artifactLocation: { uri: 'snapshots/terway-snapshot.json' },
      region: { startLine: LINE_OF.podVSwitch },
    });
    expect(location(resultFor(log, 'node-pool-eni-capacity-low'))).toEqual({
      artifactLocation: { uri: 'snapshots/terway-snapshot.json' },
      region: { startLine: LINE_OF.nodePool },
    });
  });

  it('falls back to line 1 without the snapshot text, for an unknown pointer, and for a bad file line', () => {
    const noText = render(lintResult(), { snapshotText: undefined });
    expect(location(resultFor(noText, 'pod-vswitch-without-snat')).region.startLine).toBe(1);

    const result = lintResult();
    result.findings[0]!.location.snapshotPointer = '/vswitches/9';
    result.findings[1]!.location.line = 0;
    result.findings[2]!.location = { logical: 'NodePool/c-flannel/np-small' };
    const log = render(result);
    expect(location(resultFor(log, 'pod-vswitch-without-snat')).region.startLine).toBe(1);
    expect(location(resultFor(log, 'host-port-unreachable-from-pods')).region.startLine).toBe(1);
    expect(location(resultFor(log, 'node-pool-eni-capacity-low'))).toEqual({
      artifactLocation: { uri: 'snapshots/terway-snapshot.json' },
      region: { startLine: 1 },
    });
  });

  it('gives every result a physical location with a startLine of at least 1', () => {
    for (const ctx of [CTX, { ...CTX, snapshotText: undefined }, { ...CTX, snapshotText: 'not json' }]) {
      const results = render(lintResult(), ctx).runs.flatMap((r) => r.results);
      expect(results).toHaveLength(3);
      for (const r of results) {
        expect(r.locations).toHaveLength(1);
        expect(location(r).artifactLocation.uri).not.toBe('');
        expect(location(r).region.startLine).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('carries rule, level, message, logical location and properties', () => {
    const log = render();
    const r = resultFor(log, 'pod-vswitch-without-snat');
    expect(Object.keys(r)).toEqual([
      'ruleId',
      'ruleIndex',
      'level',
      'message',
      'locations',
      'partialFingerprints',
      'properties',
    ]);
    expect(r.ruleIndex).toBe(0);
    expect(log.runs[0]!.tool.driver.rules[r.ruleIndex!]!.id).toBe(r.ruleId);
    expect(r.level).toBe('error');
    expect(r.message.text).toBe('Pod vSwitch vsw-pod-b (cn-hangzhou-j) has no SNAT entry.');
    expect(r.locations[0]!.logicalLocations).toEqual([
      { name: 'pod-b', fullyQualifiedName: 'VSwitch/vsw-pod-b', kind: 'resource' },
    ]);
    expect(r.properties).toEqual({
      clusterId: 'c-terway',
      target: { kind: 'VSwitch', id: 'vsw-pod-b', name: 'pod-b' },
      evidence: { cidr: '10.1.0.0/16', natGateways: ['ngw-1'], zoneId: 'cn-hangzhou-j' },
    });

    const hostPort = resultFor(log, 'host-port-unreachable-from-pods');
    expect(hostPort.ruleIndex).toBe(1);
    expect(hostPort.level).toBe('warning');
    // No target name: the logical location is named by the id.
    expect(hostPort.locations[0]!.logicalLocations[0]!.name).toBe('deploy/docker-compose.yml#redis:6379');
    expect(resultFor(log, 'node-pool-eni-capacity-low').level).toBe('note');
  });

  it('fingerprints by rule + cluster + target, stable when lines move', () => {
    const log = render();
    expect(resultFor(log, 'pod-vswitch-without-snat').partialFingerprints).toEqual({
      'terwayLint/v1': FINGERPRINTS.snat,
      primaryLocationLineHash: `${FINGERPRINTS.snat}:1`,
    });
    expect(resultFor(log, 'host-port-unreachable-from-pods').partialFingerprints).toEqual({
      'terwayLint/v1': FINGERPRINTS.hostPort,
      primaryLocationLineHash: `${FINGERPRINTS.hostPort}:1`,
    });

    // The next snapshot has the entity ten lines further down: the location moves, the fingerprint does not.
    const shifted = render(lintResult(), { snapshotText: '\n'.repeat(10) + SNAPSHOT_TEXT });
    const moved = resultFor(shifted, 'pod-vswitch-without-snat');
    expect(location(moved).region.startLine).toBe(LINE_OF.podVSwitch + 10);
    expect(moved.partialFingerprints).toEqual(resultFor(log, 'pod-vswitch-without-snat').partialFingerprints);
  });

  it('numbers repeated fingerprints the way upload-sarif does, so they are not merged', () => {
    const result = lintResult();
    result.findings.push({ ...result.findings[0]! });
    const hashes = render(result)
      .runs[0]!.results.filter((r) => r.ruleId === 'pod-vswitch-without-snat')
      .map((r) => r.partialFingerprints.primaryLocationLineHash);
    expect(hashes).toEqual([`${FINGERPRINTS.snat}:1`, `${FINGERPRINTS.snat}:2`]);
  });

  it('leaves out ruleIndex for a finding whose rule is not in the result', () => {
    const result = lintResult();
    result.findings[0]!.ruleId = 'gone';
    const r = resultFor(render(result), 'gone');
    expect(r.ruleIndex).toBeUndefined();
    expect(r.level).toBe('error');
  });
});

describe('renderSarif: language', () => {
  it('selects zh-CN text for rules and messages', () => {
    const log = render(lintResult(), { lang: 'zh-CN' });
    const rule = log.runs[0]!.tool.driver.rules[0]!;
    expect(rule.shortDescription.text).toBe('Pod 交换机没有 SNAT 条目');
    expect(rule.fullDescription.text).toBe('Terway Pod 以自己的 IP 访问公网；没有 SNAT 的 Pod 交换机无法访问公网。');
    expect(rule.help.text).toBe(
      '在 VPC NAT 网关上为该 Pod 交换机添加 SNAT 条目。\n\n' +
        'Docs: https://github.com/terway-lint/terway-lint/blob/main/docs/rules/pod-vswitch-without-snat.md',
    );
    expect(rule.name).toBe('PodVswitchWithoutSnat');
    expect(resultFor(log, 'pod-vswitch-without-snat').message.text).toBe(
      'Pod 交换机 vsw-pod-b（cn-hangzhou-j）没有 SNAT 条目。',
    );
    // Ids, fingerprints and locations do not depend on the language.
    const en = render();
    expect(log.runs.map((r) => r.results.map((x) => [x.partialFingerprints, x.locations]))).toEqual(
      en.runs.map((r) => r.results.map((x) => [x.partialFingerprints, x.locations])),
    );
  });

  it('falls back to English when a text is missing in the wanted language', () => {
    const result = lintResult();
    result.findings[0]!.message['zh-CN'] = '';
    expect(resultFor(render(result, { lang: 'zh-CN' }), 'pod-vswitch-without-snat').message.text).toBe(
      'Pod vSwitch vsw-pod-b (cn-hangzhou-j) has no SNAT entry.',
    );
  });
});

describe('renderSarif: URIs', () => {
  it('writes relative paths with forward slashes and encodes what a URI cannot hold', () => {
    expect(toUriReference('deploy\\docker-compose.yml')).toBe('deploy/docker-compose.yml');
    expect(toUriReference('./deploy/docker-compose.yml')).toBe('deploy/docker-compose.yml');
    expect(toUriReference('my deploy/compose #1.yml')).toBe('my%20deploy/compose%20%231.yml');
    expect(toUriReference('部署/compose.yml')).toBe('%E9%83%A8%E7%BD%B2/compose.yml');
    expect(toUriReference('/srv/app/compose.yml')).toBe('file:///srv/app/compose.yml');
    expect(toUriReference('C:\\work\\compose.yml')).toBe('file:///C:/work/compose.yml');
    expect(toUriReference('https://example.com/a.json')).toBe('https://example.com/a.json');
    expect(toUriReference('https://example.com/规则 (1).md')).toBe('https://example.com/%E8%A7%84%E5%88%99%20(1).md');
  });

  it('applies to the snapshot URI and to finding files', () => {
    const result = lintResult();
    result.findings[1]!.location.file = '.\\deploy\\docker-compose.yml';
    const log = render(result, { snapshotUri: '.\\snapshots\\terway snapshot.json' });
    expect(location(resultFor(log, 'host-port-unreachable-from-pods')).artifactLocation.uri).toBe('deploy/docker-compose.yml');
    expect(location(resultFor(log, 'pod-vswitch-without-snat')).artifactLocation.uri).toBe('snapshots/terway%20snapshot.json');
  });

  it('needs a snapshot URI only when some finding has no file', () => {
    expect(() => renderSarif(lintResult(), { ...CTX, snapshotUri: '' })).toThrow(UsageError);
    const fileOnly = lintResult();
    fileOnly.findings = fileOnly.findings.filter((f) => f.location.file);
    expect(JSON.parse(renderSarif(fileOnly, { ...CTX, snapshotUri: '' })).runs[0].results).toHaveLength(1);
  });
});
