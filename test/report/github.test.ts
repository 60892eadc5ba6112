/** GitHub workflow-command reporter: golden files for the seed incident, escaping, suppressed/baseline, outcomes. */
import { describe, expect, it } from 'vitest';
import { command, escapeData, escapeProperty, renderGithub, type GithubContext } from '../../src/report/github.js';
import { renderSarif } from '../../src/report/sarif.js';
import { LINE_OF, RENDER_CTX, lintResult } from '../fixtures/sarif/lint-result.js';
import { outcomeOf, resultWithOutcomes } from '../helpers/lint-results.js';
import { SEED, renderSeed, seedIncident } from '../helpers/seed-result.js';

const CTX: GithubContext = RENDER_CTX;

/** Decodes one workflow command the way the Actions runner does (actions/runner ActionCommand.TryParseV2). */
function parseCommand(line: string): { command: string; props: Record<string, string>; message: string } {
  const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const unescapeProp = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
  const props: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    props[pair.slice(0, eq)] = unescapeProp(pair.slice(eq + 1));
  }
  return { command: m[1]!, props, message: unescapeData(m[3]!) };
}

function commands(out: string) {
  expect(out === '' || out.endsWith('\n')).toBe(true);
  return out.split('\n').filter(Boolean).map(parseCommand);
}

describe('github: golden files (seed incident)', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`seed incident ${lang}`, async () => {
      await expect(renderSeed('github', lang)).toMatchFileSnapshot(`golden/github-seed-incident.${lang}.txt`);
    });
  }

  it('is deterministic, one line per command', () => {
    const out = renderSeed('github');
    expect(out).toBe(renderSeed('github'));
    for (const line of out.trimEnd().split('\n')) expect(line).toMatch(/^::(error|warning|notice)( [^:]*)?::[^\r\n]*$/);
  });

  it('points each annotation at the same file and line as SARIF', () => {
    const { result, text } = seedIncident();
    const sarif = JSON.parse(renderSarif(result, { lang: 'en', snapshotUri: SEED, snapshotText: text })) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const fromSarif = sarif.runs.flatMap((r) => r.results).map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, String(r.locations[0]!.physicalLocation.region.startLine)]);
    const fromGithub = commands(renderGithub(result, { lang: 'en', snapshotUri: SEED, snapshotText: text }))
      .filter((c) => c.props.file)
      .map((c) => [c.props.title, c.props.file, c.props.line]);
    expect(fromGithub).toEqual(fromSarif);
    expect(fromGithub.length).toBe(result.findings.length);
  });
});

describe('github: annotations', () => {
  it('error, warning and notice by severity, with file, line and the rule id as title; then not evaluated as notices', () => {
    const out = renderGithub(resultWithOutcomes(), CTX);
    expect(out).toBe(
      [
        `::error file=snapshots/terway-snapshot.json,line=${LINE_OF.podVSwitch},title=pod-vswitch-without-snat::Pod vSwitch vsw-pod-b (cn-hangzhou-j) has no SNAT entry.`,
        '::warning file=deploy/docker-compose.yml,line=12,title=host-port-unreachable-from-pods::redis publishes host port 6379; Terway pods on the same node cannot reach it.',
        `::notice file=snapshots/terway-snapshot.json,line=${LINE_OF.nodePool},title=node-pool-eni-capacity-low::Node pool np-small runs 40 pods today but holds 6 under Terway.`,
        '::notice title=zone-without-pod-vswitch::Not evaluated (data missing, so readiness is unknown) [c-terway]: vswitches: vpc.DescribeVSwitches failed (throttled Throttling.User, request R-1); grant vpc:DescribeVSwitches',
        '',
      ].join('\n'),
    );
  });

  it('sorts by severity whatever the order in the result (GitHub shows only the first 10 of each level per step)', () => {
    const r = resultWithOutcomes();
    r.findings.reverse();
    expect(commands(renderGithub(r, CTX)).map((c) => c.command)).toEqual(['error', 'warning', 'notice', 'notice']);
  });

  it('the gaps of a failed rule are a notice too, marked as partly', () => {
    const r = resultWithOutcomes();
    outcomeOf(r, 'pod-vswitch-without-snat').reasons = [{ en: 'vsw-pod-d: no zone', 'zh-CN': 'vsw-pod-d：没有可用区' }];
    const last = commands(renderGithub(r, CTX)).filter((c) => c.props.title === 'pod-vswitch-without-snat').pop()!;
    expect(last).toEqual({
      command: 'notice',
      props: { title: 'pod-vswitch-without-snat' },
      message: 'Not evaluated (data missing, so readiness is unknown) (partly: its findings are above, these items could not be checked) [c-terway]: vsw-pod-d: no zone',
    });
  });

  it('not-applicable and passed outcomes say nothing', () => {
    const out = renderGithub(resultWithOutcomes(), CTX);
    expect(out).not.toContain('c-solo');
    expect(out).not.toContain('no compose files');
  });

  it('writes in the requested language', () => {
    const c = commands(renderGithub(resultWithOutcomes(), { ...CTX, lang: 'zh-CN' }));
    expect(c[0]!.message).toBe('Pod 交换机 vsw-pod-b（cn-hangzhou-j）没有 SNAT 条目。');
    expect(c[3]!.message).toBe('未评估（缺少数据，无法判断是否就绪） [c-terway]：中文：vswitches: vpc.DescribeVSwitches failed (throttled Throttling.User, request R-1)；中文：grant vpc:DescribeVSwitches');
  });

  it('without the snapshot text, uses the line recorded in the result; without any snapshot path, no file', () => {
    const r = resultWithOutcomes();
    r.findings[0]!.location.snapshotLine = 99;
    expect(commands(renderGithub(r, { lang: 'en', snapshotUri: 'snap.json' }))[0]!.props).toEqual({ file: 'snap.json', line: '99', title: 'pod-vswitch-without-snat' });
    expect(commands(renderGithub(r, { lang: 'en', snapshotUri: '' }))[0]!.props).toEqual({ title: 'pod-vswitch-without-snat' });
    // A finding with its own file keeps it either way.
    expect(commands(renderGithub(r, { lang: 'en', snapshotUri: '' }))[1]!.props).toEqual({ file: 'deploy/docker-compose.yml', line: '12', title: 'host-port-unreachable-from-pods' });
  });
});

describe('github: suppressed and baseline findings', () => {
  it('suppressed findings are left out; baseline findings become notices after the ones that count', () => {
    const r = resultWithOutcomes();
    r.findings[0]!.suppressed = { reason: 'SNAT entry ordered in CHG-1234', file: '.terway-lint.yaml', line: 7 };
    r.findings[1]!.inBaseline = true;
    const c = commands(renderGithub(r, CTX));
    expect(c.map((x) => [x.command, x.props.title])).toEqual([
      ['notice', 'node-pool-eni-capacity-low'],
      ['notice', 'zone-without-pod-vswitch'],
      ['notice', 'host-port-unreachable-from-pods'],
    ]);
    expect(c[2]!.message).toBe('redis publishes host port 6379; Terway pods on the same node cannot reach it. (in baseline: does not fail the run)');
    expect(c[2]!.props).toMatchObject({ file: 'deploy/docker-compose.yml', line: '12' });
  });
});

describe('github: empty result', () => {
  it('prints nothing', () => {
    const r = lintResult();
    r.subjects = [];
    r.findings = [];
    expect(renderGithub(r, CTX)).toBe('');
  });
});

describe('github: escaping', () => {
  it('percent-encodes %, CR and LF in the message, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('C:\\dir,x%\n')).toBe('C%3A\\dir%2Cx%25%0A');
    expect(command('error', [['file', 'a,b:c.yml'], ['line', '3']], 'm')).toBe('::error file=a%2Cb%3Ac.yml,line=3::m');
    expect(command('notice', [], 'plain')).toBe('::notice::plain');
  });

  it('a message cannot break out of its line or start another command; every value round-trips', () => {
    const r = resultWithOutcomes();
    const evil = 'bad\n::error::injected\r\n%0A 50%, a:b';
    r.findings[0]!.message.en = evil;
    r.findings[0]!.location = { file: 'dir, with: odd%name.yml', line: 3, logical: 'x' };
    r.findings[0]!.ruleId = 'rule,with:colon';
    const out = renderGithub(r, CTX);
    expect(out.split('\n').filter(Boolean)).toHaveLength(4);
    expect(out).not.toMatch(/\n::error::injected/);
    expect(commands(out)[0]).toEqual({ command: 'error', props: { file: 'dir, with: odd%name.yml', line: '3', title: 'rule,with:colon' }, message: evil });
  });
});
