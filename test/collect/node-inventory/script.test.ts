/**
 * The node inventory script: it is the only thing --inspect-nodes runs on a node, so it is checked
 * for syntax, for staying read-only, for its size limit, and run against stub `docker` / `ss`
 * commands in a temp dir with PATH limited to that dir (nothing is bound, nothing written outside it).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../../src/collect/node-inventory/parse.js';
import { INVENTORY_SCRIPT, inventoryCommandContent } from '../../../src/collect/node-inventory/script.js';

const SCRIPT_PATH = fileURLToPath(new URL('../../../src/collect/node-inventory/inventory.sh', import.meta.url));
const SH = ['/bin/sh', '/usr/bin/sh'].find((p) => existsSync(p)) ?? '/bin/sh';
/** The ordinary tools the script uses (everything else is a shell builtin). */
const TOOLS = ['sed', 'tr', 'sort', 'head', 'cat'];

function which(tool: string): string {
  const r = spawnSync(SH, ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  const p = r.stdout.trim();
  if (!p.startsWith('/')) throw new Error(`${tool} not found`);
  return p;
}

/** A temp dir with bin/ holding the base tools and the given stub commands; runs the script there. */
function runWithStubs(stubs: Record<string, string>): { code: number | null; lines: Record<string, unknown>[]; stdout: string; stderr: string; dir: string; before: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'node-inv-'));
  const bin = join(dir, 'bin');
  const work = join(dir, 'work');
  spawnSync(SH, ['-c', `mkdir "${bin}" "${work}"`]);
  for (const t of TOOLS) symlinkSync(which(t), join(bin, t));
  for (const [name, body] of Object.entries(stubs)) {
    writeFileSync(join(bin, name), `#!${SH}\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const before = readdirSync(dir).sort();
  const r = spawnSync(SH, [SCRIPT_PATH], { cwd: work, env: { PATH: bin, HOME: work }, encoding: 'utf8', timeout: 20_000 });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code: r.status, lines, stdout: r.stdout, stderr: r.stderr, dir, before };
}

const DOCKER_OK = `[ "$1" = ps ] || exit 3
cat <<'OUT'
{"id":"aaa111","name":"shop-redis-1","image":"redis:7","ports":"0.0.0.0:6379->6379/tcp, :::6379->6379/tcp","pod":"","project":"shop","service":"redis"}
{"id":"bbb222","name":"k8s_POD_web-0_default_x","image":"pause:3.9","ports":"","pod":"web-0","project":"","service":""}
{"id":"ccc333","name":"adminer","image":"adminer","ports":"127.0.0.1:8080->8080/tcp","pod":"","project":"","service":""}
OUT`;

const SS_OK = `[ "$1" = -lntupH ] || exit 3
cat <<'OUT'
tcp   LISTEN 0      4096         0.0.0.0:6379       0.0.0.0:*    users:(("docker-proxy",pid=4000001,fd=4))
tcp   LISTEN 0      128          0.0.0.0:22         0.0.0.0:*    users:(("sshd",pid=4000002,fd=3))
tcp   LISTEN 0      511          0.0.0.0:9100       0.0.0.0:*    users:(("node_exporter",pid=4000003,fd=3))
udp   UNCONN 0      0            127.0.0.53%lo:53   0.0.0.0:*    users:(("systemd-resolve",pid=4000004,fd=13))
OUT`;

describe('inventory.sh', () => {
  it('is valid POSIX sh (sh -n)', () => {
    const r = spawnSync(SH, ['-n', SCRIPT_PATH], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('ships unchanged in script.ts (regenerate script.ts from inventory.sh when this fails)', () => {
    expect(INVENTORY_SCRIPT).toBe(readFileSync(SCRIPT_PATH, 'utf8'));
    expect(Buffer.from(inventoryCommandContent(), 'base64').toString('utf8')).toBe(INVENTORY_SCRIPT);
  });

  it('stays under the RunCommand limit of 24 KB after base64', () => {
    expect(inventoryCommandContent().length).toBeLessThanOrEqual(24 * 1024);
  });

  it('is read-only: no writes except to /dev/null, no installers, no network tools, no mutating commands', () => {
    const code = INVENTORY_SCRIPT.split('\n').filter((l) => !/^\s*#/.test(l));
    for (const l of code) {
      // Redirections: only 2>&1 and >/dev/null.
      for (const m of l.matchAll(/(\d?)>{1,2}\s*([^\s);]*)/g)) {
        if (l.slice(0, m.index).endsWith('-')) continue; // "->" inside text, not a redirection
        expect(m[2] === '/dev/null' || m[2]!.startsWith('&'), `redirection in: ${l}`).toBe(true);
      }
      expect(l, l).not.toMatch(/\b(rm|mv|cp|mkdir|touch|tee|dd|chmod|chown|ln|kill|pkill|systemctl|apt|apt-get|yum|dnf|rpm|pip|npm|curl|wget|nc|mount|iptables|sysctl)\b(?![-_.])/);
    }
  });

  it('asks the container tools only to list', () => {
    const code = INVENTORY_SCRIPT.split('\n').filter((l) => !/^\s*#/.test(l) && !/^\s*(note|else note)\b/.test(l.trim())).join('\n').replace(/note "[^"]*"/g, '');
    const uses = [...code.matchAll(/"\$1" (\w+)|\bctr (?:-n "\$ns" )?(\w+ \w+)/g)].map((m) => m[1] ?? m[2]);
    expect([...new Set(uses)].sort()).toEqual(['containers list', 'namespaces list', 'ps']);
  });

  it('prints the non-kubelet containers with their ports and the listening sockets', () => {
    const r = runWithStubs({ docker: DOCKER_OK, ss: SS_OK });
    expect(r.code).toBe(0);
    expect(r.lines[0]).toEqual({ kind: 'begin', v: 1 });
    expect(r.lines.at(-1)).toEqual({ kind: 'end' });
    const containers = r.lines.filter((l) => l.kind === 'container');
    expect(containers.map((c) => c.name)).toEqual(['shop-redis-1', 'adminer']);
    expect(containers[0]).toMatchObject({ runtime: 'docker', ports: '0.0.0.0:6379->6379/tcp, :::6379->6379/tcp', service: 'redis', project: 'shop' });
    const sockets = r.lines.filter((l) => l.kind === 'socket');
    expect(sockets).toHaveLength(4);
    expect(sockets[0]).toEqual({ kind: 'socket', tool: 'ss', line: 'tcp   LISTEN 0      4096         0.0.0.0:6379       0.0.0.0:*    users:(("docker-proxy",pid=4000001,fd=4))' });
    const procs = r.lines.filter((l) => l.kind === 'proc');
    expect(procs.map((p) => p.pid)).toEqual([4000001, 4000002, 4000003, 4000004]);
    expect(r.lines.filter((l) => l.kind === 'note').map((n) => n.message)).toEqual(['ctr not found']);
    // Nothing created next to the tools or the work dir.
    expect(readdirSync(r.dir).sort()).toEqual(r.before);
    expect(readdirSync(join(r.dir, 'work'))).toEqual([]);

    const parsed = parseInventory('i-node1', r.stdout);
    expect(parsed.hostServices.map((s) => s.id)).toEqual(['i-node1#adminer/8080/tcp', 'i-node1#node_exporter/9100/tcp', 'i-node1#redis/6379/tcp']);
    expect(parsed.problems.filter((p) => p.severity === 'gap')).toEqual([]);
  });

  it('exits 0 with notes when docker, ctr, ss and netstat are all missing', () => {
    const r = runWithStubs({});
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([
      { kind: 'begin', v: 1 },
      { kind: 'note', message: 'docker not found' },
      { kind: 'note', message: 'ctr not found' },
      { kind: 'note', message: 'no socket tool: neither ss nor netstat found' },
      { kind: 'end' },
    ]);
  });

  it('reports a failing docker as a note with its error, and falls back to netstat', () => {
    const r = runWithStubs({
      docker: 'echo "permission denied while trying to connect to the Docker daemon socket" >&2; exit 1',
      netstat: `cat <<'OUT'
Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
tcp        0      0 0.0.0.0:3306            0.0.0.0:*               LISTEN      4000010/mysqld
OUT`,
    });
    expect(r.code).toBe(0);
    const notes = r.lines.filter((l) => l.kind === 'note').map((n) => String(n.message));
    expect(notes[0]).toMatch(/^docker ps failed \(exit 1\): permission denied/);
    expect(r.lines.filter((l) => l.kind === 'socket')).toEqual([
      { kind: 'socket', tool: 'netstat', line: 'tcp        0      0 0.0.0.0:3306            0.0.0.0:*               LISTEN      4000010/mysqld' },
    ]);
    expect(r.lines.filter((l) => l.kind === 'proc')).toEqual([{ kind: 'proc', pid: 4000010, cgroup: 'host' }]);
    const parsed = parseInventory('i-n', r.stdout);
    expect(parsed.hostServices.map((s) => s.id)).toEqual(['i-n#mysqld/3306/tcp']);
    expect(parsed.problems.find((p) => p.severity === 'gap')?.message).toMatch(/docker ps failed/);
  });
});

describe('docs/node-inspection.md', () => {
  it('shows the script exactly as it is run', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/node-inspection.md', import.meta.url), 'utf8');
    const shown = /## The script\n\n```sh\n([\s\S]*?)\n```/.exec(doc)![1]!;
    const script = readFileSync(new URL('../../../src/collect/node-inventory/inventory.sh', import.meta.url), 'utf8');
    expect(shown).toBe(script.trimEnd());
  });
});
