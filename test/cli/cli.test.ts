/** End to end: spawn the built CLI (npm test builds first) and check exit codes, stdout, stderr and files. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/cli.js');
const seed = 'fixtures/snapshots/seed-incident.json';
const ready = 'fixtures/snapshots/ready.json';

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', LANG: 'C.UTF-8', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempFile(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'terway-lint-')), name);
  writeFileSync(file, content);
  return file;
}

function readyWith(change: (s: Record<string, unknown>) => void): string {
  const s = JSON.parse(readFileSync(join(root, ready), 'utf8')) as Record<string, unknown>;
  change(s);
  return tempFile('snapshot.json', JSON.stringify(s, null, 2));
}

describe('terway-lint CLI', () => {
  it('exit 1 on the seed incident, with the three causes and a NOT READY verdict', () => {
    const r = run(['--snapshot', seed]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('vsw-bp1podh20002');
    expect(r.stdout).toContain('will have no internet access');
    expect(r.stdout).toContain('redis publishes 0.0.0.0:6379/tcp');
    expect(r.stdout).toContain('fixtures/compose/redis/docker-compose.yml:8');
    expect(r.stdout).toContain('ecs.g6.large in node pool web holds at most 6 pods');
    expect(r.stdout).toContain('cannot join a Terway cluster at all');
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^NOT READY: 4 errors, 0 warnings, 0 info/);
    expect(r.stdout).not.toMatch(/\u001b\[/); // no colour when stdout is not a TTY
    // remediation once per rule, not once per finding
    expect(r.stdout.match(/Fix: Grow the node pool/g)).toHaveLength(1);
  });

  it('exit 0 on the ready estate', () => {
    const r = run(['--snapshot', ready]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^READY: 0 errors/);
  });

  it('exit 3 when a rule could not be evaluated, naming the gap and the RAM action', () => {
    const file = readyWith((s) => {
      delete s.snatEntries;
      s.errors = [{ source: 'vpc.DescribeSnatTableEntries', section: 'snatEntries', kind: 'permission', code: 'Forbidden.RAM', message: 'denied', action: 'vpc:DescribeSnatTableEntries' }];
    });
    const r = run(['--snapshot', file]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('Not evaluated');
    expect(r.stdout).toContain('grant vpc:DescribeSnatTableEntries');
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^INCOMPLETE/);
  });

  it('findings outrank gaps: exit 1 when both', () => {
    const file = readyWith((s) => {
      delete s.pods;
      (s.snatEntries as { id: string }[]).splice(0, s.snatEntries ? (s.snatEntries as unknown[]).length : 0);
    });
    expect(run(['--snapshot', file]).code).toBe(1);
  });

  it('--fail-on none exits 0 on findings; --fail-on warning still fails on errors', () => {
    expect(run(['--snapshot', seed, '--fail-on', 'none']).code).toBe(0);
    expect(run(['--snapshot', seed, '--fail-on', 'warning']).code).toBe(1);
  });

  it('--only and --exclude select rules', () => {
    const only = run(['--snapshot', seed, '--only', 'pod-vswitch-without-snat', '--format', 'json']);
    expect(only.code).toBe(1);
    const json = JSON.parse(only.stdout) as { findings: { ruleId: string }[]; outcomes: unknown[] };
    expect(new Set(json.findings.map((f) => f.ruleId))).toEqual(new Set(['pod-vswitch-without-snat']));
    expect(json.outcomes).toHaveLength(1);
    const excluded = run(["--snapshot", seed, "--exclude", "pod-vswitch-without-snat,host-published-port,instance-type-cannot-join,node-pool-capacity-below-demand", "--fail-on", "error"]);
    expect(excluded.code).toBe(0);
  });

  it('writes several formats in one run, stdout carrying only the unpaired report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'terway-lint-out-'));
    const r = run(['--snapshot', seed, '--format', 'sarif', '--output', join(dir, 'r.sarif'), '--format', 'json', '--output', join(dir, 'r.json'), '--format', 'text']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NOT READY');
    const sarif = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs.flatMap((run) => run.results)).toHaveLength(4);
    const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { schemaVersion: number; verdict: string; findings: unknown[] };
    expect(json).toMatchObject({ schemaVersion: 1, verdict: 'not-ready' });
    expect(json.findings).toHaveLength(4);
  });

  it('--lang zh-CN and LANG=zh_CN.UTF-8 print Chinese', () => {
    const flag = run(['--snapshot', seed, '--lang', 'zh-CN']);
    expect(flag.stdout).toContain('将无法访问公网');
    expect(flag.stdout).toContain('未就绪');
    const env = run(['--snapshot', seed], { LANG: 'zh_CN.UTF-8' });
    expect(env.stdout).toContain('将无法访问公网');
  });

  it('rules lists the catalogue; markdown matches rules/README.md', () => {
    const text = run(['rules']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/pod-vswitch-without-snat\s+error\s+egress/);
    const md = run(['rules', '--format', 'markdown']);
    expect(md.stdout).toBe(readFileSync(join(root, 'rules/README.md'), 'utf8'));
  });

  it('--version and --help', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(run(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--snapshot FILE');
    expect(help.stdout).toContain('Exit codes');
  });

  describe('bad input: one line on stderr, exit 2, no stack trace', () => {
    const cases: [string, () => string[], RegExp][] = [
      ['a snapshot that is not JSON', () => ['--snapshot', tempFile('broken.json', '{\n  "schemaVersion": 1,\n  "meta": {\n}}}')], /broken\.json:4: not valid JSON/],
      ['a snapshot with the wrong schemaVersion', () => ['--snapshot', readyWith((s) => (s.schemaVersion = 9))], /snapshot\.json:2: unsupported schemaVersion 9 \(this version reads 1\)/],
      ['a snapshot that violates the schema', () => ['--snapshot', readyWith((s) => ((s.vswitches as Record<string, unknown>[])[1]!.availableIpCount = 'many'))], /snapshot\.json:\d+: \$\.vswitches\[1\]\.availableIpCount must be integer/],
      ['a missing snapshot file', () => ['--snapshot', 'nope.json'], /nope\.json: no such file/],
      ['an unknown flag', () => ['--snapshot', seed, '--colour'], /unknown option --colour; run terway-lint --help/],
      ['an unknown format', () => ['--snapshot', seed, '--format', 'xml'], /--format must be one of text, json, sarif, junit, markdown, github \(got "xml"\)/],
      ['an unknown --fail-on', () => ['--snapshot', seed, '--fail-on', 'critical'], /--fail-on must be one of error, warning, info, none/],
      ['an unknown rule in --only', () => ['--snapshot', seed, '--only', 'no-such-rule'], /--only: unknown rule no-such-rule/],
      ['an unwritable output path', () => ['--snapshot', seed, '--format', 'json', '--output', '/nonexistent-dir/out.json'], /\/nonexistent-dir\/out\.json: cannot write: its folder does not exist/],
      ['two reports on stdout', () => ['--snapshot', seed, '--format', 'json', '--format', 'text'], /only one report can go to stdout/],
      ['a rules folder that does not exist', () => ['--snapshot', seed, '--rules', 'no-such-dir'], /no-such-dir: no such rules folder/],
      ['no snapshot', () => [], /nothing to lint: give --region REGION \(live, with Alibaba Cloud credentials\) or --snapshot FILE/],
    ];
    for (const [what, args, pattern] of cases) {
      it(what, () => {
        const r = run(args());
        expect(r.code, r.stderr).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(pattern);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      });
    }

    it('a user rule with a CEL type error names the file and line', () => {
      const dir = mkdtempSync(join(tmpdir(), 'user-rules-'));
      const text = readFileSync(join(root, 'rules/pod-vswitch-without-snat.yaml'), 'utf8')
        .replace('id: pod-vswitch-without-snat', 'id: my-rule')
        .replace('when: size(item.snatEntryIds) == 0', 'when: item.availableIpCount < "1000"');
      writeFileSync(join(dir, 'my-rule.yaml'), text);
      const r = run(['--snapshot', seed, '--rules', dir]);
      expect(r.code).toBe(2);
      const line = text.split('\n').findIndex((l) => l.startsWith('when:')) + 1;
      expect(r.stderr).toMatch(new RegExp(`my-rule\\.yaml:${line}: CEL error`));
    });

    it('--debug adds the stack trace', () => {
      const r = run(['--snapshot', 'nope.json', '--debug']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/\n\s+at /);
    });
  });

  it('a user rule folder adds rules that run next to the built-in ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'user-rules-'));
    const text = readFileSync(join(root, 'rules/pod-vswitch-without-snat.yaml'), 'utf8')
      .replace('id: pod-vswitch-without-snat', 'id: small-pod-vswitch')
      .replace('severity: error', 'severity: warning')
      .replace('when: size(item.snatEntryIds) == 0', 'when: item.availableIpCount < 6000');
    writeFileSync(join(dir, 'small-pod-vswitch.yaml'), text);
    const r = run(['--snapshot', ready, '--rules', dir, '--format', 'json']);
    expect(r.code).toBe(0); // warnings do not fail with the default --fail-on error
    const json = JSON.parse(r.stdout) as { findings: { ruleId: string; target: { id: string } }[] };
    expect(json.findings.map((f) => `${f.ruleId} ${f.target.id}`)).toEqual(['small-pod-vswitch vsw-bp1podh10001']);
    expect(run(['--snapshot', ready, '--rules', dir, '--fail-on', 'warning']).code).toBe(1);
  });

  it('never writes anything it was not asked to', () => {
    run(['--snapshot', seed]);
    expect(existsSync(join(root, 'terway-lint.sarif'))).toBe(false);
  });
});
