/** Markdown reporter: golden files for the seed incident, escaping, suppressed/baseline, outcomes, empty result. */
import { describe, expect, it } from 'vitest';
import { mdCode, mdText, renderMarkdown, type MarkdownContext } from '../../src/report/markdown.js';
import type { LintResult } from '../../src/rules/result.js';
import { LINE_OF, RENDER_CTX } from '../fixtures/sarif/lint-result.js';
import { emptyResult, outcomeOf, resultWithOutcomes } from '../helpers/lint-results.js';
import { SEED, renderSeed, seedIncident } from '../helpers/seed-result.js';

/** The shared result, but zone-without-pod-vswitch gives only its first reason: the tests below quote that one whole. */
function handResult(): LintResult {
  const r = resultWithOutcomes();
  outcomeOf(r, 'zone-without-pod-vswitch').reasons.splice(1);
  return r;
}

const CTX: MarkdownContext = RENDER_CTX;

/** The rows of the first table after `heading`, split into cells the way GFM does (unescaped `|` only). */
function tableAfter(md: string, heading: string): string[][] {
  const lines = md.split('\n');
  let i = lines.findIndex((l) => l.startsWith(heading));
  if (i < 0) throw new Error(`no ${heading}`);
  while (i < lines.length && !lines[i]!.startsWith('| ')) i++;
  const rows: string[][] = [];
  for (; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(splitRow(lines[i]!));
  return rows;
}

function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  for (let i = 1; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      cur += c + line[i + 1];
      i++;
    } else if (c === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  return cells;
}

describe('markdown: golden files (seed incident)', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`seed incident ${lang}`, async () => {
      await expect(renderSeed('markdown', lang)).toMatchFileSnapshot(`golden/markdown-seed-incident.${lang}.md`);
    });
  }

  it('is deterministic', () => {
    expect(renderSeed('markdown')).toBe(renderSeed('markdown'));
  });

  it('starts with the verdict and an alert marker, no emoji', () => {
    const { result, text } = seedIncident();
    const md = renderMarkdown(result, { lang: 'en', snapshotUri: SEED, snapshotText: text });
    expect(md.split('\n').slice(0, 4)).toEqual(['## terway-lint: NOT READY', '', '> [!CAUTION]', '> **NOT READY**: fix the errors below before the cutover.']);
    expect(md).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
  });
});

describe('markdown: content', () => {
  it('counts by severity, then a findings table per subject with severity, rule, resource, message and location', () => {
    const md = renderMarkdown(handResult(), CTX);
    expect(tableAfter(md, '## ')).toEqual([
      ['Errors', 'Warnings', 'Info', 'Suppressed', 'In baseline'],
      ['---:', '---:', '---:', '---:', '---:'],
      ['1', '1', '1', '0', '0'],
    ]);
    const rows = tableAfter(md, '### prod-terway (c-terway, terway) replaces prod-flannel (c-flannel)');
    expect(rows[0]).toEqual(['Severity', 'Rule', 'Resource', 'Message', 'Location']);
    expect(rows.slice(2).map((r) => r[0])).toEqual(['ERROR', 'WARNING', 'INFO']);
    expect(rows[2]).toEqual([
      'ERROR',
      '[`pod-vswitch-without-snat`](https://github.com/terway-lint/terway-lint/blob/main/docs/rules/pod-vswitch-without-snat.md)',
      'VSwitch `vsw-pod-b` (pod-b)',
      'Pod vSwitch vsw-pod-b (cn-hangzhou-j) has no SNAT entry.',
      `\`snapshots/terway-snapshot.json:${LINE_OF.podVSwitch}\``,
    ]);
    expect(rows[3]![4]).toBe('`deploy/docker-compose.yml:12`');
    // A rule without docs is named, not linked.
    expect(rows[4]![1]).toBe('`node-pool-eni-capacity-low`');
    expect(md).toContain('### staging (c-solo, terway)\n\nNo findings.\n');
  });

  it('lists what was not evaluated and why, and collapses what is not applicable', () => {
    const md = renderMarkdown(handResult(), CTX);
    expect(md).toContain(
      '**Not evaluated (data missing, so readiness is unknown)**\n\n- `zone-without-pod-vswitch`: vswitches: vpc.DescribeVSwitches failed (throttled Throttling.User, request R-1)\n',
    );
    expect(md).toContain('<details><summary>Not applicable: 1 rule</summary>\n\n- `host-port-unreachable-from-pods`: no compose files were given\n\n</details>');
    expect(md).toContain('rules: 3 failed, 3 passed, 1 not evaluated, 1 not applicable');
  });

  it('shows the gaps of a failed rule under "not evaluated", marked as partly', () => {
    const r = handResult();
    outcomeOf(r, 'pod-vswitch-without-snat').reasons = [{ en: 'vsw-pod-d: no zone', 'zh-CN': 'vsw-pod-d：没有可用区' }];
    expect(renderMarkdown(r, CTX)).toContain('- `pod-vswitch-without-snat` (partly: its findings are above, these items could not be checked): vsw-pod-d: no zone\n');
  });

  it('puts remediation once per failing rule in a collapsed block', () => {
    const md = renderMarkdown(handResult(), CTX);
    expect(md).toContain('<details><summary>How to fix</summary>\n\n- `pod-vswitch-without-snat` Pod vSwitch has no SNAT entry: Add an SNAT entry for the pod vSwitch on the VPC NAT gateway. ([Docs](https://github.com/terway-lint/terway-lint/blob/main/docs/rules/pod-vswitch-without-snat.md))\n');
  });

  it('the verdict decides the marker', () => {
    for (const [verdict, marker, heading] of [
      ['ready', 'NOTE', 'READY'],
      ['incomplete', 'WARNING', 'INCOMPLETE'],
      ['not-ready', 'CAUTION', 'NOT READY'],
    ] as const) {
      const r = handResult();
      r.verdict = verdict;
      expect(renderMarkdown(r, CTX).split('\n').slice(0, 3)).toEqual([`## terway-lint: ${heading}`, '', `> [!${marker}]`]);
    }
  });

  it('writes the report in the requested language', () => {
    const md = renderMarkdown(handResult(), { ...CTX, lang: 'zh-CN' });
    expect(md).toMatch(/^## terway-lint：未就绪\n\n> \[!CAUTION\]\n> \*\*未就绪\*\*：请在切换前修复下方的错误。\n/);
    expect(tableAfter(md, '### prod-terway')[0]).toEqual(['严重性', '规则', '资源', '信息', '位置']);
    expect(md).toContain('Pod 交换机 vsw-pod-b（cn-hangzhou-j）没有 SNAT 条目。');
    expect(md).toContain('**未评估（缺少数据，无法判断是否就绪）**');
  });
});

describe('markdown: suppressed and baseline findings', () => {
  it('are counted, kept out of the findings table, and listed in a collapsed block with the reason', () => {
    const r = handResult();
    r.findings[0]!.suppressed = { reason: 'SNAT entry ordered in CHG-1234', owner: 'net-team', expires: '2026-12-31', file: '.terway-lint.yaml', line: 7 };
    r.findings[1]!.inBaseline = true;
    const md = renderMarkdown(r, CTX);
    expect(tableAfter(md, '## ')[2]).toEqual(['0', '0', '1', '1', '1']);
    const findings = tableAfter(md, '### prod-terway');
    expect(findings.slice(2).map((row) => row[1])).toEqual(['`node-pool-eni-capacity-low`']);
    expect(md).toContain('<details><summary>Suppressed: 1 finding · In baseline: 1 finding</summary>');
    const hidden = tableAfter(md, '<details><summary>Suppressed');
    expect(hidden[0]).toEqual(['Severity', 'Rule', 'Resource', 'Message', 'Location', 'Status']);
    expect(hidden[2]![5]).toBe('suppressed: SNAT entry ordered in CHG-1234 · owner net-team · expires 2026-12-31 · `.terway-lint.yaml:7`');
    expect(hidden[3]![5]).toBe('in baseline: does not fail the run');
    // How to fix lists only rules whose findings count.
    expect(md).not.toContain('- `pod-vswitch-without-snat` Pod vSwitch has no SNAT entry:');
  });
});

describe('markdown: empty result', () => {
  it('still gives the verdict, zero counts and says there was nothing to check', () => {
    const r = emptyResult();
    r.verdict = 'ready';
    const md = renderMarkdown(r, CTX);
    expect(md.split('\n').slice(0, 4)).toEqual(['## terway-lint: READY', '', '> [!NOTE]', '> **READY**: no finding blocks the cutover.']);
    expect(tableAfter(md, '## ')[2]).toEqual(['0', '0', '0', '0', '0']);
    expect(md.trimEnd().endsWith('The snapshot names no cluster to check (meta.scope is empty).')).toBe(true);
  });
});

describe('markdown: escaping', () => {
  it('escapes `|` and line breaks inside table cells, so a cell never breaks its row', () => {
    const r = handResult();
    r.findings[0]!.message.en = 'first | second\nthird\r\nfourth';
    r.findings[0]!.target = { kind: 'VSwitch', id: 'vsw|odd\nid', name: 'a|b' };
    const rows = tableAfter(renderMarkdown(r, CTX), '### prod-terway');
    const row = rows[2]!;
    expect(row).toHaveLength(5);
    expect(row[3]).toBe('first \\| second<br>third<br>fourth');
    expect(row[2]).toBe('VSwitch `vsw\\|odd id` (a\\|b)');
    for (const line of renderMarkdown(r, CTX).split('\n').filter((l) => l.startsWith('| '))) expect(line.endsWith(' |')).toBe(true);
  });

  it('neutralises Markdown and HTML in text from the snapshot', () => {
    expect(mdText('<script>alert(1)</script> & **bold** _x_ [link](http://e) `code` # ~strike~ $x$ \\')).toBe(
      '&lt;script>alert(1)&lt;/script> &amp; \\*\\*bold\\*\\* \\_x\\_ \\[link\\](http://e) \\`code\\` \\# \\~strike\\~ \\$x\\$ \\\\',
    );
    expect(mdText('a\nb')).toBe('a<br>b');
  });

  it('code spans use a fence longer than any backtick run and keep to one line', () => {
    expect(mdCode('plain')).toBe('`plain`');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a\nb')).toBe('`a b`');
  });

  it('links only web URLs, percent-encoding what would end the link', () => {
    const r = handResult();
    r.rules[0]!.docsUrl = 'https://example.com/docs_(1).md';
    r.rules[1]!.docsUrl = 'javascript:alert(1)';
    const md = renderMarkdown(r, CTX);
    expect(md).toContain('[`pod-vswitch-without-snat`](https://example.com/docs_%281%29.md)');
    expect(md).not.toContain('](javascript:');
  });

});
