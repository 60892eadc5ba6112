/** Reporter golden files: the text and JSON reports of the two example snapshots, in both languages. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import { lint } from '../../src/rules/engine.js';
import { BUILT_IN_RULES_DIR, loadRules } from '../../src/rules/load.js';
import { parseSnapshot } from '../../src/snapshot/read.js';

const rules = loadRules([{ dir: BUILT_IN_RULES_DIR, builtIn: true }]);

function resultOf(name: string) {
  const file = `fixtures/snapshots/${name}.json`;
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
  return { result: lint(rules, parseSnapshot(text, file), { toolVersion: '0.0.0-test', snapshotFile: file }), text, file };
}

describe('golden reports', () => {
  for (const name of ['seed-incident', 'ready']) {
    for (const lang of ['en', 'zh-CN'] as const) {
      it(`text ${name} ${lang}`, async () => {
        const { result } = resultOf(name);
        await expect(renderReport('text', result, { lang, color: false, snapshotUri: 'x' })).toMatchFileSnapshot(`golden/${name}.${lang}.txt`);
      });
    }
    it(`json ${name}`, async () => {
      const { result } = resultOf(name);
      await expect(renderReport('json', result, { lang: 'en', color: false, snapshotUri: 'x' })).toMatchFileSnapshot(`golden/${name}.json`);
    });
  }

  it('is deterministic: the same snapshot renders byte-identical reports', () => {
    const a = resultOf('seed-incident');
    const b = resultOf('seed-incident');
    for (const format of ['text', 'json', 'sarif']) {
      const ctx = { lang: 'en' as const, color: false, snapshotUri: a.file, snapshotText: a.text };
      expect(renderReport(format, a.result, ctx)).toBe(renderReport(format, b.result, ctx));
    }
  });

  it('an incomplete result lists what was not evaluated and why', () => {
    const { text, file } = resultOf('ready');
    const s = JSON.parse(text);
    delete s.instanceTypes;
    s.errors = [{ source: 'ecs.DescribeInstanceTypes', section: 'instanceTypes', kind: 'throttled', code: 'Throttling.User', requestId: 'R-1', message: 'throttled', action: 'ecs:DescribeInstanceTypes' }];
    const some = rules.filter((r) => ['instance-type-cannot-join', 'pod-vswitch-without-snat'].includes(r.meta.id));
    const result = lint(some, parseSnapshot(JSON.stringify(s), file), { toolVersion: '0.0.0-test' });
    const out = renderReport('text', result, { lang: 'en', color: false, snapshotUri: file });
    expect(out).toContain('Not evaluated (data missing, so readiness is unknown)\n  instance-type-cannot-join\n    - instanceTypes: ecs.DescribeInstanceTypes failed (throttled Throttling.User, request R-1)\n');
    expect(out.trimEnd().split('\n').pop()).toMatch(/^INCOMPLETE: 0 errors, 0 warnings, 0 info; rules: 0 failed, 1 passed, 1 not evaluated, 0 not applicable/);
  });
});
