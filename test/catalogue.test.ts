/** Catalogue hygiene: every rule is complete, documented, tested, and the generated catalogue is current. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../src/model/types.js';
import { renderCatalogueMarkdown } from '../src/report/catalogue.js';
import { docHeadOf, renderRuleDocHead } from '../src/report/rule-doc.js';
import { lint } from '../src/rules/engine.js';
import { BUILT_IN_RULES_DIR, loadRules } from '../src/rules/load.js';
import { readSnapshotFile } from '../src/snapshot/read.js';
import { listCaseFiles, readCases, repoRoot } from './helpers/cases.js';

const rules = loadRules([{ dir: BUILT_IN_RULES_DIR, builtIn: true }]);
const ruleFiles = readdirSync(BUILT_IN_RULES_DIR).filter((f) => /\.ya?ml$/.test(f));

describe('rule catalogue', () => {
  it('loads every rule file in rules/', () => {
    expect(rules.map((r) => `${r.meta.id}.yaml`).sort()).toEqual(ruleFiles.sort());
    expect(rules.length).toBeGreaterThanOrEqual(3);
  });

  for (const rule of rules) {
    describe(rule.meta.id, () => {
      it('has title, description, remediation and message in every language', () => {
        for (const lang of LANGS) {
          for (const field of ['title', 'description', 'remediation', 'message'] as const) {
            expect(rule.meta[field][lang].trim().length, `${field}.${lang}`).toBeGreaterThan(10);
          }
          expect(rule.meta.remediation[lang].trim()).toMatch(/[.。]$/);
        }
        expect(rule.meta.title['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      });

      it('has cases: at least two valid, two invalid and one not-evaluated', () => {
        const file = `${rule.meta.id}.cases.yaml`;
        expect(listCaseFiles()).toContain(file);
        const cases = readCases(file);
        expect(cases.rule).toBe(rule.meta.id);
        expect(cases.valid.length).toBeGreaterThanOrEqual(2);
        expect(cases.invalid.length).toBeGreaterThanOrEqual(2);
        // A rule that reads no snapshot section cannot lack data; it shows when it does not apply instead.
        if (rule.meta.requires.length > 0) expect(cases.notEvaluated?.length ?? 0).toBeGreaterThan(0);
        else expect(cases.notApplicable?.length ?? 0).toBeGreaterThan(0);
      });

      it('has a docs page with the generated head and both languages written', () => {
        const page = new URL(`docs/rules/${rule.meta.id}.md`, repoRoot);
        expect(existsSync(page), `docs/rules/${rule.meta.id}.md`).toBe(true);
        const text = readFileSync(page, 'utf8');
        expect(docHeadOf(text), 'run npm run catalogue').toBe(renderRuleDocHead(rule));
        const en = text.indexOf('\n## English');
        const zh = text.indexOf('\n## 中文');
        expect(en).toBeGreaterThan(0);
        expect(zh).toBeGreaterThan(en);
        expect(text.slice(en, zh).length, 'English section').toBeGreaterThan(600);
        expect(text.slice(zh).length, '中文 section').toBeGreaterThan(300);
        expect(text).toMatch(/Sources|来源/);
        expect(rule.docsUrl).toMatch(new RegExp(`docs/rules/${rule.meta.id}\\.md$`));
      });
    });
  }

  it('has no cases file without a rule', () => {
    const ids = new Set(rules.map((r) => r.meta.id));
    for (const file of listCaseFiles()) expect(ids.has(file.replace(/\.cases\.yaml$/, '')), file).toBe(true);
  });

  it('rules/README.md is the generated catalogue (run npm run catalogue after changing a rule)', () => {
    const committed = readFileSync(new URL('rules/README.md', repoRoot), 'utf8');
    expect(committed).toBe(renderCatalogueMarkdown(rules));
  });

  it('the ready example passes every rule: no finding, nothing left unevaluated', () => {
    const { snapshot } = readSnapshotFile(new URL('fixtures/snapshots/ready.json', repoRoot).pathname);
    const result = lint(rules, snapshot, { toolVersion: 'test' });
    expect(result.findings).toEqual([]);
    expect(result.outcomes.length).toBe(rules.length);
    for (const o of result.outcomes) {
      expect(['passed', 'not-applicable'], `${o.ruleId}: ${o.status} ${JSON.stringify(o.reasons)}`).toContain(o.status);
    }
    expect(result.outcomes.filter((o) => o.status === 'passed').length).toBeGreaterThan(result.outcomes.length / 2);
    expect(result.verdict).toBe('ready');
  });

  it('docs pages quote the seed incident messages exactly as the tool prints them', () => {
    const { snapshot } = readSnapshotFile(new URL('fixtures/snapshots/seed-incident.json', repoRoot).pathname);
    const result = lint(rules, snapshot, { toolVersion: 'test' });
    for (const f of result.findings) {
      const page = readFileSync(new URL(`docs/rules/${f.ruleId}.md`, repoRoot), 'utf8');
      for (const lang of LANGS) expect(page, `docs/rules/${f.ruleId}.md should quote: ${f.message[lang]}`).toContain(f.message[lang]);
    }
  });

  it('the seed incident shows exactly the three causes of the incident', () => {
    const { snapshot } = readSnapshotFile(new URL('fixtures/snapshots/seed-incident.json', repoRoot).pathname);
    const result = lint(rules, snapshot, { toolVersion: 'test' });
    // Other rules may add warnings or info; the errors are exactly the incident's causes.
    expect(result.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.target.id}`)).toEqual([
      'host-published-port fixtures/compose/redis/docker-compose.yml#redis/6379/tcp',
      'instance-type-cannot-join np-tw-web/ecs.g6.large',
      'node-pool-capacity-below-demand np-tw-app/ecs.c6.xlarge',
      'pod-vswitch-without-snat vsw-bp1podh20002',
    ]);
    expect(result.verdict).toBe('not-ready');
  });
});
