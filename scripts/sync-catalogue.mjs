// Regenerates rules/README.md and the generated head of every docs/rules/<id>.md from the rule files.
// Run through `npm run catalogue` (which builds first). A page that does not exist yet is started
// with the head and the two language sections to fill in; the catalogue test fails until it is.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadRules, BUILT_IN_RULES_DIR } from '../dist/rules/load.js';
import { renderCatalogueMarkdown } from '../dist/report/catalogue.js';
import { withDocHead } from '../dist/report/rule-doc.js';

const root = new URL('../', import.meta.url);
const rules = loadRules([{ dir: BUILT_IN_RULES_DIR, builtIn: true }]);
writeFileSync(new URL('rules/README.md', root), renderCatalogueMarkdown(rules));
for (const rule of rules) {
  const page = new URL(`docs/rules/${rule.meta.id}.md`, root);
  const before = existsSync(page) ? readFileSync(page, 'utf8') : '\n## English\n\n## 中文\n';
  const after = withDocHead(before, rule);
  if (after !== before) {
    writeFileSync(page, after);
    console.log(`updated docs/rules/${rule.meta.id}.md`);
  }
}
console.log(`catalogue: ${rules.length} rules`);
