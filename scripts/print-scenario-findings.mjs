// Prints the findings of a snapshot in the form fixtures/snapshots/<name>.expected.yaml uses, as a
// starting point for a new scenario's expectations. Review every line before committing it.
// Run: npm run build && node scripts/print-scenario-findings.mjs fixtures/snapshots/<name>.json
import { basename } from 'node:path';
import { exitCodeOf } from '../dist/commands.js';
import { lint } from '../dist/rules/engine.js';
import { BUILT_IN_RULES_DIR, loadRules } from '../dist/rules/load.js';
import { readSnapshotFile } from '../dist/snapshot/read.js';

const file = process.argv[2];
const { snapshot } = readSnapshotFile(file);
const result = lint(loadRules([{ dir: BUILT_IN_RULES_DIR, builtIn: true }]), snapshot, { toolVersion: 'scenario' });
console.log(`snapshot: ${basename(file)}`);
console.log(`verdict: ${result.verdict}`);
console.log(`exitCode: ${exitCodeOf(result, 'error')}`);
console.log(result.findings.length ? 'findings:' : 'findings: []');
for (const f of result.findings) console.log(`  - ${f.severity} ${f.ruleId} ${f.clusterId} ${f.target.id}`);
