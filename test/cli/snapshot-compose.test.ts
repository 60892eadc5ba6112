/**
 * `--compose` with `--snapshot`: a snapshot collected without compose files, linted where the
 * files are (e.g. in the repository's CI). The built CLI, spawned.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/snapshot/types.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const COMPOSE = 'fixtures/compose/redis/docker-compose.yml';

function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The seed incident as if collected without compose files. */
function seedWithoutCompose(dir: string): string {
  const s = JSON.parse(readFileSync(join(root, 'fixtures/snapshots/seed-incident.json'), 'utf8')) as Snapshot;
  delete s.hostServices;
  s.meta.notRequested = ['hostServices'];
  writeFileSync(join(dir, 'snap.json'), `${JSON.stringify(s, null, 2)}\n`);
  return 'snap.json';
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'snap-compose-'));
  mkdirSync(join(dir, 'deploy'));
  copyFileSync(join(root, COMPOSE), join(dir, 'deploy/docker-compose.yml'));
  return dir;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('--compose with --snapshot', () => {
  it('without it, host-published-port is not applicable (host services were not requested)', () => {
    const dir = project();
    const r = cli(['--snapshot', seedWithoutCompose(dir), '--only', 'host-published-port', '--format', 'json'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { outcomes: { status: string }[] }).outcomes.map((o) => o.status)).toEqual(['not-applicable']);
  });

  it('reads the compose file into the saved snapshot: the port is found at its exact line', () => {
    const dir = project();
    const r = cli(['--snapshot', seedWithoutCompose(dir), '--compose', 'deploy/docker-compose.yml@i-bp1tapp000001', '--only', 'host-published-port', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as { findings: { target: { id: string }; location: { file?: string; line?: number } }[] };
    const line = lineOf(readFileSync(join(dir, 'deploy/docker-compose.yml'), 'utf8'), '"6379:6379"');
    expect(result.findings.map((f) => [f.target.id, f.location.file, f.location.line])).toEqual([['deploy/docker-compose.yml#redis/6379/tcp', 'deploy/docker-compose.yml', line]]);
  });

  it('takes compose files from the config, relative to it, and SARIF points at the compose line', () => {
    const dir = project();
    const snap = seedWithoutCompose(dir);
    writeFileSync(join(dir, '.terway-lint.yaml'), `snapshot: ${snap}\ncompose:\n  - file: deploy/docker-compose.yml\n    nodes: [i-bp1tapp000001]\n`);
    const r = cli(['--only', 'host-published-port', '--format', 'sarif'], dir);
    expect(r.code, r.stderr).toBe(1);
    const sarif = JSON.parse(r.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const loc = sarif.runs.flatMap((run) => run.results).map((x) => x.locations[0]!.physicalLocation);
    expect(loc.map((l) => [l.artifactLocation.uri, l.region.startLine])).toEqual([['deploy/docker-compose.yml', 8]]);
  });

  it('refuses a snapshot that already holds compose entries, naming it (exit 2)', () => {
    const dir = project();
    copyFileSync(join(root, 'fixtures/snapshots/seed-incident.json'), join(dir, 'seed.json'));
    const r = cli(['--snapshot', 'seed.json', '--compose', 'deploy/docker-compose.yml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^terway-lint: seed\.json already holds host services read from compose files: lint it without --compose/);
  });

  it('a compose file that does not exist is exit 2 naming it; an unset variable is said on stderr', () => {
    const dir = project();
    const snap = seedWithoutCompose(dir);
    const missing = cli(['--snapshot', snap, '--compose', 'deploy/nope.yml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('deploy/nope.yml');
    writeFileSync(join(dir, 'deploy/vars.yml'), 'services:\n  api:\n    image: api\n    ports:\n      - "${API_PORT}:80"\n');
    const r = cli(['--snapshot', snap, '--compose', 'deploy/vars.yml', '--only', 'host-published-port'], dir);
    expect(r.stderr).toMatch(/^terway-lint: compose deploy\/vars\.yml:5: .*API_PORT/m);
  });

  it('a config naming compose files lints a snapshot collected with them (already holding their ports) once, saying so', () => {
    const dir = project();
    copyFileSync(join(root, 'fixtures/snapshots/seed-incident.json'), join(dir, 'seed.json'));
    writeFileSync(join(dir, '.terway-lint.yaml'), 'snapshot: seed.json\ncompose:\n  - file: deploy/docker-compose.yml\n');
    const r = cli(['--only', 'host-published-port', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("terway-lint: seed.json already holds host services read from compose files; the config's compose entries are not read again\n");
    expect((JSON.parse(r.stdout) as { findings: { target: { id: string } }[] }).findings.map((f) => f.target.id)).toEqual(['fixtures/compose/redis/docker-compose.yml#redis/6379/tcp']);
  });
});

