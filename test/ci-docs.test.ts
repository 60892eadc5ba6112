/**
 * The CI recipes are tested: action.yml and the workflow YAML in docs/ci.md parse, and every
 * terway-lint command in them runs against the bundled example exactly as written.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FAKE_ACCESS_KEY_ID, FAKE_ACCESS_KEY_SECRET, scenarioFromSnapshot } from './fake-cloud/scenario.js';
import { startFakeCloud } from './fake-cloud/server.js';

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

/** bash without blocking the event loop (the fake cloud answers in this process). */
function bashAsync(script: string, cwd: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
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
    it(`runs: ${command}`, async () => {
      const { dir, env } = workspace();
      // A live command runs against the fake cloud serving the example estate, found through the
      // workspace's config file, with credentials in the environment as the OIDC step would give.
      const cloud = command.includes('--region') ? await startFakeCloud(scenarioFromSnapshot(JSON.parse(readFileSync(join(dir, 'snapshots/prod.json'), 'utf8')))) : undefined;
      if (cloud) {
        const url = `http://${cloud.endpoint}`;
        writeFileSync(join(dir, '.terway-lint.yaml'), `endpoints:\n  cs: ${url}\n  vpc: ${url}\n  ecs: ${url}\nclusters:\n  - id: c-terway00shop01\n    source: c-flannel0shop01\n`);
        Object.assign(env, { ALIBABA_CLOUD_ACCESS_KEY_ID: FAKE_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: FAKE_ACCESS_KEY_SECRET });
      }
      try {
      // The baseline example reads the file the line before it writes.
      if (command.includes('--baseline ')) bash('terway-lint --snapshot snapshots/prod.json --write-baseline terway-lint.baseline.json --fail-on none', dir, env);
      if (command.includes('--from result.json')) bash('terway-lint --snapshot snapshots/prod.json --format json --output result.json --fail-on none', dir, env);
      const r = await bashAsync(command, dir, env);
      expect([0, 1], `exit ${r.status}: ${r.stderr}`).toContain(r.status);
      expect(r.stderr).toBe('');
      for (const m of command.matchAll(/--output "?([^"\s]+)"?/g)) {
        const out = m[1]!.replace('$GITHUB_STEP_SUMMARY', env.GITHUB_STEP_SUMMARY);
        expect(existsSync(out.startsWith('/') ? out : join(dir, out)), out).toBe(true);
      }
      } finally {
        await cloud?.close();
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
