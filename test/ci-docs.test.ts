/**
 * The CI recipes are tested: action.yml and the workflow YAML in docs/ci.md parse, and every
 * terway-lint command in them runs against the bundled example exactly as written.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../', import.meta.url));
const cli = join(root, 'dist/cli.js');

/** A workspace like a user's repository: the example snapshot at snapshots/prod.json, and `terway-lint` on PATH. */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'ci-docs-'));
  mkdirSync(join(dir, 'snapshots'));
  copyFileSync(join(root, 'fixtures/snapshots/seed-incident.json'), join(dir, 'snapshots/prod.json'));
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'terway-lint'), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`, { mode: 0o755 });
  const env = {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    GITHUB_STEP_SUMMARY: join(dir, 'step-summary.md'),
    GITHUB_OUTPUT: join(dir, 'github-output'),
    RUNNER_TEMP: dir,
    HOME: dir,
    BASH_ENV: '',
    LANG: 'C.UTF-8',
  };
  return { dir, env };
}

function bash(script: string, cwd: string, env: Record<string, string>) {
  return spawnSync('bash', ['-c', script], { cwd, env, encoding: 'utf8' });
}

function codeBlocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

describe('action.yml', () => {
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
    runs: { using: string; steps: { id?: string; run?: string; uses?: string; with?: Record<string, string> }[] };
  };

  it('is a composite action that uploads SARIF', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
  });

  it('its lint step runs as written and reports the exit code', () => {
    const step = action.runs.steps.find((s) => s.id === 'lint')!;
    const { dir, env } = workspace();
    const r = bash(step.run!, dir, {
      ...env,
      GITHUB_ACTION_PATH: root,
      SNAPSHOT: 'snapshots/prod.json',
      CONFIG: '',
      FAIL_ON: 'error',
      BASELINE: '',
      SARIF_FILE: 'terway-lint.sarif',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(env.GITHUB_OUTPUT, 'utf8')).toBe('exit-code=1\n');
    expect(JSON.parse(readFileSync(join(dir, 'terway-lint.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toMatch(/NOT READY/);
    expect(r.stdout).toMatch(/^::error file=/m);
  });
});

describe('docs/ci.md', () => {
  const doc = readFileSync(join(root, 'docs/ci.md'), 'utf8');

  it('every YAML example parses', () => {
    const blocks = codeBlocks(doc, 'yaml');
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const block of blocks) expect(() => parse(block)).not.toThrow();
  });

  const commands = [...codeBlocks(doc, 'yaml'), ...codeBlocks(doc, 'sh')]
    .flatMap((block) => block.split('\n'))
    .map((line) => line.trim().replace(/^- (run: )?/, ''))
    .filter((line) => line.startsWith('terway-lint '));

  it('has terway-lint commands to check', () => {
    expect(commands.length).toBeGreaterThanOrEqual(5);
  });

  for (const command of commands) {
    it(`runs: ${command}`, () => {
      const { dir, env } = workspace();
      // The baseline example reads the file the line before it writes.
      if (command.includes('--baseline ')) bash('terway-lint --snapshot snapshots/prod.json --write-baseline terway-lint.baseline.json --fail-on none', dir, env);
      if (command.includes('--from result.json')) bash('terway-lint --snapshot snapshots/prod.json --format json --output result.json --fail-on none', dir, env);
      const r = bash(command, dir, env);
      expect([0, 1], `exit ${r.status}: ${r.stderr}`).toContain(r.status);
      expect(r.stderr).toBe('');
      for (const m of command.matchAll(/--output "?([^"\s]+)"?/g)) {
        const out = m[1]!.replace('$GITHUB_STEP_SUMMARY', env.GITHUB_STEP_SUMMARY);
        expect(existsSync(out.startsWith('/') ? out : join(dir, out)), out).toBe(true);
      }
    });
  }

  it('the shell recipe as a whole exits with the lint status', () => {
    const recipe = codeBlocks(doc, 'sh').find((b) => b.includes('report --from'))!;
    const { dir, env } = workspace();
    const r = bash(recipe, dir, env);
    expect(r.status).toBe(1);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/NOT READY/);
  });
});
