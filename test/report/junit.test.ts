/** JUnit reporter: golden files for the seed incident, well-formed XML with consistent counts, escaping, outcomes. */
import { describe, expect, it } from 'vitest';
import { renderJunit, xmlAttr, xmlText, type JunitContext } from '../../src/report/junit.js';
import { LINE_OF, RENDER_CTX, lintResult } from '../fixtures/sarif/lint-result.js';
import { emptyResult, outcomeOf, resultWithOutcomes } from '../helpers/lint-results.js';
import { SEED, renderSeed, seedIncident } from '../helpers/seed-result.js';

const CTX: JunitContext = RENDER_CTX;

// ---------------------------------------------------------------------------------------------
// A minimal, strict XML 1.0 parser: enough to prove well-formedness and read the report back.

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_.:]*/y;
const NOT_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function decodeReferences(raw: string, where: string): string {
  if (/&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)/.test(raw)) throw new Error(`bare & in ${where}: ${raw}`);
  return raw.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g, (_, ref: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[ref]) return named[ref];
    const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    const c = String.fromCodePoint(code);
    if (NOT_CHAR.test(c)) throw new Error(`reference to a character XML cannot hold: &${ref};`);
    return c;
  });
}

function parseXml(src: string): XmlElement {
  const bad = NOT_CHAR.exec(src);
  if (bad) throw new Error(`character XML cannot hold at ${bad.index}: U+${bad[0].codePointAt(0)!.toString(16)}`);
  let pos = 0;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at ${pos}: ${JSON.stringify(src.slice(pos, pos + 40))}`);
  };
  const ws = () => {
    while (pos < src.length && ' \t\r\n'.includes(src[pos]!)) pos++;
  };
  const name = () => {
    NAME.lastIndex = pos;
    const m = NAME.exec(src);
    if (!m) fail('expected a name');
    pos += m![0].length;
    return m![0];
  };
  const expect_ = (s: string) => {
    if (!src.startsWith(s, pos)) fail(`expected ${JSON.stringify(s)}`);
    pos += s.length;
  };
  if (src.startsWith('<?xml')) {
    const end = src.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    if (!/^<\?xml version="1\.0"( encoding="UTF-8")?\?>$/.test(src.slice(0, end + 2))) fail('bad XML declaration');
    pos = end + 2;
  }
  const element = (): XmlElement => {
    expect_('<');
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      const before = pos;
      ws();
      if (src.startsWith('/>', pos)) {
        pos += 2;
        return el;
      }
      if (src[pos] === '>') {
        pos++;
        break;
      }
      if (pos === before) fail('expected whitespace before an attribute');
      const key = name();
      ws();
      expect_('=');
      ws();
      const q = src[pos];
      if (q !== '"' && q !== "'") fail('attribute value must be quoted');
      const end = src.indexOf(q!, pos + 1);
      if (end < 0) fail('unterminated attribute value');
      const raw = src.slice(pos + 1, end);
      if (raw.includes('<')) fail('< in an attribute value');
      if (key in el.attrs) fail(`duplicate attribute ${key}`);
      // Attribute-value normalisation: literal whitespace becomes a space, references keep theirs.
      el.attrs[key] = decodeReferences(raw.replace(/[\t\n\r]/g, ' '), `attribute ${key}`);
      pos = end + 1;
    }
    for (;;) {
      const lt = src.indexOf('<', pos);
      if (lt < 0) fail(`unclosed <${el.name}>`);
      const raw = src.slice(pos, lt);
      if (raw.includes(']]>')) fail(']]> in text');
      el.text += decodeReferences(raw.replace(/\r\n?/g, '\n'), `<${el.name}> text`);
      pos = lt;
      if (src.startsWith('</', pos)) {
        pos += 2;
        if (name() !== el.name) fail(`mismatched end tag for <${el.name}>`);
        ws();
        expect_('>');
        return el;
      }
      if (src.startsWith('<!--', pos) || src.startsWith('<![CDATA[', pos) || src.startsWith('<?', pos)) fail('unexpected markup');
      el.children.push(element());
    }
  };
  ws();
  const root = element();
  ws();
  if (pos !== src.length) fail('content after the root element');
  return root;
}

const kids = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);

/** Parses a JUnit report and checks that every count attribute matches the test cases under it. */
function parseJunit(xml: string): XmlElement {
  const root = parseXml(xml);
  expect(root.name).toBe('testsuites');
  const total = { tests: 0, failures: 0, skipped: 0 };
  for (const suite of kids(root, 'testsuite')) {
    const cases = kids(suite, 'testcase');
    const n = {
      tests: cases.length,
      failures: cases.filter((c) => kids(c, 'failure').length === 1).length,
      skipped: cases.filter((c) => kids(c, 'skipped').length === 1).length,
    };
    for (const c of cases) expect(c.children.length).toBeLessThanOrEqual(1);
    expect(suite.attrs).toMatchObject({ tests: String(n.tests), failures: String(n.failures), skipped: String(n.skipped), errors: '0' });
    total.tests += n.tests;
    total.failures += n.failures;
    total.skipped += n.skipped;
  }
  expect(root.attrs).toMatchObject({ tests: String(total.tests), failures: String(total.failures), skipped: String(total.skipped), errors: '0' });
  return root;
}

function testcase(root: XmlElement, classname: string, ruleId: string): XmlElement {
  const found = kids(root, 'testsuite')
    .flatMap((s) => kids(s, 'testcase'))
    .find((c) => c.attrs.classname === classname && (c.attrs.name === ruleId || c.attrs.name!.startsWith(`${ruleId}: `) || c.attrs.name!.startsWith(`${ruleId}：`)));
  if (!found) throw new Error(`no test case ${classname} ${ruleId}`);
  return found;
}

// ---------------------------------------------------------------------------------------------

describe('junit: golden files (seed incident)', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`seed incident ${lang}`, async () => {
      const xml = renderSeed('junit', lang);
      parseJunit(xml);
      await expect(xml).toMatchFileSnapshot(`golden/junit-seed-incident.${lang}.xml`);
    });
  }

  it('is deterministic and carries no timestamps, durations or host names', () => {
    const xml = renderSeed('junit');
    expect(xml).toBe(renderSeed('junit'));
    expect(xml).not.toMatch(/\b(time|timestamp|hostname)=/);
  });

  it('one suite per subject, one test case per rule outcome, failures for the seed incident causes', () => {
    const { result, text } = seedIncident();
    const root = parseJunit(renderJunit(result, { lang: 'en', snapshotUri: SEED, snapshotText: text }));
    const suites = kids(root, 'testsuite');
    expect(suites).toHaveLength(result.subjects.length);
    expect(suites[0]!.attrs.name).toContain('c-terway00shop01');
    expect(kids(suites[0]!, 'testcase')).toHaveLength(result.outcomes.length);
    const failed = kids(suites[0]!, 'testcase').filter((c) => kids(c, 'failure').length > 0);
    expect(failed.map((c) => c.attrs.name!.split(':')[0])).toEqual(expect.arrayContaining(['host-published-port', 'pod-vswitch-without-snat']));
    const snat = kids(testcase(root, 'terway-lint.c-terway00shop01', 'pod-vswitch-without-snat'), 'failure')[0]!;
    expect(snat.attrs.type).toBe('error');
    expect(snat.attrs.message).toMatch(/^Pods on pod vSwitch vsw-bp1podh20002/);
    expect(snat.text).toMatch(/^ERROR vswitch vsw-bp1podh20002 \(shop-pod-h2\)\n  Pods on pod vSwitch/);
    expect(snat.text).toMatch(/\n  at fixtures\/snapshots\/seed-incident\.json:\d+\n/);
    expect(snat.text).toContain('\n\nFix: Add an SNAT entry');
    const redis = kids(testcase(root, 'terway-lint.c-terway00shop01', 'host-published-port'), 'failure')[0]!;
    expect(redis.text).toContain('  at fixtures/compose/redis/docker-compose.yml:8\n');
  });
});

describe('junit: outcomes', () => {
  it('passed is an empty test case; failed has a failure of the highest severity; not evaluated and not applicable are skipped with the reasons', () => {
    const root = parseJunit(renderJunit(resultWithOutcomes(), CTX));
    expect(kids(root, 'testsuite').map((s) => s.attrs.name)).toEqual([
      'prod-terway (c-terway, terway) replaces prod-flannel (c-flannel)',
      'staging (c-solo, terway)',
    ]);
    expect(root.attrs).toMatchObject({ name: 'terway-lint', tests: '8', failures: '3', skipped: '2', errors: '0' });

    expect(testcase(root, 'terway-lint.c-solo', 'pod-vswitch-without-snat').children).toEqual([]);
    const snat = testcase(root, 'terway-lint.c-terway', 'pod-vswitch-without-snat');
    expect(snat.attrs.name).toBe('pod-vswitch-without-snat: Pod vSwitch has no SNAT entry');
    expect(kids(snat, 'failure')[0]!.attrs).toEqual({ message: 'Pod vSwitch vsw-pod-b (cn-hangzhou-j) has no SNAT entry.', type: 'error' });
    expect(kids(snat, 'failure')[0]!.text).toContain(`  at snapshots/terway-snapshot.json:${LINE_OF.podVSwitch}\n`);
    expect(kids(testcase(root, 'terway-lint.c-terway', 'host-port-unreachable-from-pods'), 'failure')[0]!.attrs.type).toBe('warning');
    expect(kids(testcase(root, 'terway-lint.c-terway', 'node-pool-eni-capacity-low'), 'failure')[0]!.attrs.type).toBe('info');

    const ne = kids(testcase(root, 'terway-lint.c-terway', 'zone-without-pod-vswitch'), 'skipped')[0]!;
    expect(ne.attrs.message).toBe(
      'Not evaluated (data missing, so readiness is unknown): vswitches: vpc.DescribeVSwitches failed (throttled Throttling.User, request R-1); grant vpc:DescribeVSwitches',
    );
    expect(ne.text).toBe('Not evaluated (data missing, so readiness is unknown)\n  - vswitches: vpc.DescribeVSwitches failed (throttled Throttling.User, request R-1)\n  - grant vpc:DescribeVSwitches');
    const na = kids(testcase(root, 'terway-lint.c-solo', 'host-port-unreachable-from-pods'), 'skipped')[0]!;
    expect(na.attrs.message).toBe('Not applicable: no compose files were given');
  });

  it('several findings: the message counts them, the body lists each with its location; gaps of a failed rule are listed', () => {
    const r = resultWithOutcomes();
    const second = structuredClone(r.findings[0]!);
    second.target = { kind: 'VSwitch', id: 'vsw-pod-c' };
    second.severity = 'warning';
    second.message = { en: 'Pod vSwitch vsw-pod-c has no SNAT entry.', 'zh-CN': 'Pod 交换机 vsw-pod-c 没有 SNAT 条目。' };
    second.location = { file: 'infra/vpc.tf', line: 40, logical: 'VSwitch/vsw-pod-c' };
    r.findings.splice(1, 0, second);
    const outcome = outcomeOf(r, 'pod-vswitch-without-snat');
    outcome.findings = 2;
    outcome.reasons = [{ en: 'vsw-pod-d: no zone recorded', 'zh-CN': 'vsw-pod-d：没有可用区' }];
    const failure = kids(testcase(parseJunit(renderJunit(r, CTX)), 'terway-lint.c-terway', 'pod-vswitch-without-snat'), 'failure')[0]!;
    expect(failure.attrs).toEqual({ message: '2 findings', type: 'error' });
    expect(failure.text).toBe(
      [
        'ERROR VSwitch vsw-pod-b (pod-b)',
        '  Pod vSwitch vsw-pod-b (cn-hangzhou-j) has no SNAT entry.',
        `  at snapshots/terway-snapshot.json:${LINE_OF.podVSwitch}`,
        '',
        'WARNING VSwitch vsw-pod-c',
        '  Pod vSwitch vsw-pod-c has no SNAT entry.',
        '  at infra/vpc.tf:40',
        '',
        'Not evaluated (data missing, so readiness is unknown) (partly: its findings are above, these items could not be checked)',
        '  - vsw-pod-d: no zone recorded',
        '',
        'Fix: Add an SNAT entry for the pod vSwitch on the VPC NAT gateway.',
        'Docs: https://github.com/terway-lint/terway-lint/blob/main/docs/rules/pod-vswitch-without-snat.md',
      ].join('\n'),
    );
  });

  it('a finding whose rule has no outcome still fails (nothing is dropped), under a bare suite for an unknown cluster', () => {
    const r = resultWithOutcomes();
    r.findings.push({ ...structuredClone(r.findings[0]!), clusterId: 'c-ghost' });
    const root = parseJunit(renderJunit(r, CTX));
    expect(kids(root, 'testsuite').map((s) => s.attrs.name)).toContain('c-ghost (c-ghost, unknown)');
    expect(kids(testcase(root, 'terway-lint.c-ghost', 'pod-vswitch-without-snat'), 'failure')).toHaveLength(1);
  });

  it('writes the report in the requested language', () => {
    const root = parseJunit(renderJunit(resultWithOutcomes(), { ...CTX, lang: 'zh-CN' }));
    const snat = testcase(root, 'terway-lint.c-terway', 'pod-vswitch-without-snat');
    expect(snat.attrs.name).toBe('pod-vswitch-without-snat：Pod 交换机没有 SNAT 条目');
    expect(kids(snat, 'failure')[0]!.attrs.message).toBe('Pod 交换机 vsw-pod-b（cn-hangzhou-j）没有 SNAT 条目。');
    expect(kids(snat, 'failure')[0]!.text).toMatch(/^错误 VSwitch vsw-pod-b \(pod-b\)\n/);
    expect(kids(testcase(root, 'terway-lint.c-terway', 'zone-without-pod-vswitch'), 'skipped')[0]!.attrs.message).toMatch(/^未评估（缺少数据，无法判断是否就绪）：中文：vswitches/);
  });
});

describe('junit: suppressed and baseline findings', () => {
  it('a rule whose findings are all suppressed is skipped with reason, owner and expiry', () => {
    const r = resultWithOutcomes();
    r.findings[0]!.suppressed = { reason: 'SNAT entry ordered in CHG-1234', owner: 'net-team', expires: '2026-12-31', file: '.terway-lint.yaml', line: 7 };
    const root = parseJunit(renderJunit(r, CTX));
    const skipped = kids(testcase(root, 'terway-lint.c-terway', 'pod-vswitch-without-snat'), 'skipped')[0]!;
    expect(skipped.attrs.message).toBe('Suppressed: 1 finding; reason: SNAT entry ordered in CHG-1234 · owner net-team · expires 2026-12-31 · .terway-lint.yaml:7');
    expect(skipped.text).toContain('ERROR VSwitch vsw-pod-b (pod-b) (suppressed)\n');
    expect(skipped.text).toContain('  reason: SNAT entry ordered in CHG-1234 · owner net-team · expires 2026-12-31 · .terway-lint.yaml:7');
    expect(root.attrs).toMatchObject({ failures: '2', skipped: '3' });
  });

  it('a rule whose findings are all in the baseline is skipped, not failed', () => {
    const r = resultWithOutcomes();
    r.findings[2]!.inBaseline = true;
    const skipped = kids(testcase(parseJunit(renderJunit(r, CTX)), 'terway-lint.c-terway', 'node-pool-eni-capacity-low'), 'skipped')[0]!;
    expect(skipped.attrs.message).toBe('In baseline: 1 finding');
    expect(skipped.text).toMatch(/^INFO NodePool c-flannel\/np-small \(np-small\) \(in baseline: does not fail the run\)\n/);
  });

  it('a skipped rule still lists the items it could not check', () => {
    const r = resultWithOutcomes();
    r.findings[0]!.inBaseline = true;
    outcomeOf(r, 'pod-vswitch-without-snat').reasons = [{ en: 'vsw-pod-d: no zone', 'zh-CN': 'vsw-pod-d：没有可用区' }];
    const skipped = kids(testcase(parseJunit(renderJunit(r, CTX)), 'terway-lint.c-terway', 'pod-vswitch-without-snat'), 'skipped')[0]!;
    expect(skipped.text).toMatch(/\n\nNot evaluated \(data missing, so readiness is unknown\) \(partly: [^\n]*\)\n  - vsw-pod-d: no zone$/);
  });

  it('mixed: only the findings that count make the failure; the others are listed after them, marked', () => {
    const r = resultWithOutcomes();
    const other = { ...structuredClone(r.findings[0]!), target: { kind: 'VSwitch', id: 'vsw-pod-z' }, inBaseline: true };
    r.findings.push(other);
    const failure = kids(testcase(parseJunit(renderJunit(r, CTX)), 'terway-lint.c-terway', 'pod-vswitch-without-snat'), 'failure')[0]!;
    expect(failure.attrs.message).toBe('Pod vSwitch vsw-pod-b (cn-hangzhou-j) has no SNAT entry.');
    expect(failure.text.indexOf('vsw-pod-b')).toBeLessThan(failure.text.indexOf('ERROR VSwitch vsw-pod-z (in baseline: does not fail the run)'));
  });
});

describe('junit: empty and odd input', () => {
  it('an empty result is still a valid report with one skipped test saying why', () => {
    const xml = renderJunit(emptyResult(), CTX);
    const root = parseJunit(xml);
    expect(root.attrs).toMatchObject({ tests: '1', failures: '0', skipped: '1' });
    expect(kids(kids(kids(root, 'testsuite')[0]!, 'testcase')[0]!, 'skipped')[0]!.attrs.message).toBe('The snapshot names no cluster to check (meta.scope is empty).');
  });

  it('subjects without outcomes give empty suites', () => {
    const r = lintResult();
    r.findings = [];
    const root = parseJunit(renderJunit(r, CTX));
    expect(kids(root, 'testsuite').map((s) => s.attrs.tests)).toEqual(['0', '0']);
  });
});

describe('junit: escaping', () => {
  const nasty = 'a<b>&c "q" \'s\'\ttab\r\nline2 \u0000\u0001\u0008\u000b\u000c\u001b\u007f\u0085 \ud800x \udc00 \ufffe\uffff 😀 ]]> &amp;';

  it('escapes markup, quotes and line breaks; replaces characters XML cannot hold with a visible escape', () => {
    expect(xmlText('a<b>&c\r\n')).toBe('a&lt;b&gt;&amp;c&#13;\n');
    expect(xmlAttr('"x"\t\'y\'\n')).toBe("&quot;x&quot;&#9;'y'&#10;");
    expect(xmlText('\u0001\u001b\u007f\u0085')).toBe('\\u0001\\u001B&#x7F;&#x85;');
    expect(xmlText('\ud800x\udc00 😀')).toBe('\\uD800x\\uDC00 😀');
    expect(xmlText('\ufffe\uffff')).toBe('\\uFFFE\\uFFFF');
  });

  it('everything from the snapshot and the rules round-trips through a parser, in attributes and in text', () => {
    const r = resultWithOutcomes();
    r.subjects[0]!.name = nasty;
    r.rules[0]!.title.en = nasty;
    r.findings[0]!.message.en = nasty;
    r.findings[0]!.target = { kind: 'VSwitch', id: nasty };
    r.outcomes.find((o) => o.status === 'not-evaluated')!.reasons = [{ en: nasty, 'zh-CN': nasty }];
    const xml = renderJunit(r, CTX);
    const root = parseJunit(xml);
    const readable = 'a<b>&c "q" \'s\'\ttab\r\nline2 \\u0000\\u0001\\u0008\\u000B\\u000C\\u001B\u007f\u0085 \\uD800x \\uDC00 \\uFFFE\\uFFFF 😀 ]]> &amp;';
    const suite = kids(root, 'testsuite')[0]!;
    expect(suite.attrs.name).toBe(`${readable} (c-terway, terway) replaces prod-flannel (c-flannel)`);
    const snat = kids(suite, 'testcase').find((c) => c.attrs.name === `pod-vswitch-without-snat: ${readable.trim()}`)!;
    const failure = kids(snat, 'failure')[0]!;
    expect(failure.attrs.message).toBe(readable);
    // The target heads its block on one line; the message is indented line by line.
    expect(failure.text).toContain(`ERROR VSwitch ${readable.replace('\r\n', ' ')}\n`);
    expect(failure.text).toContain(`  a<b>&c "q" 's'\ttab\n  line2`);
    const skipped = kids(testcase(root, 'terway-lint.c-terway', 'zone-without-pod-vswitch'), 'skipped')[0]!;
    expect(skipped.attrs.message).toBe(`Not evaluated (data missing, so readiness is unknown): ${readable}`);
  });
});
