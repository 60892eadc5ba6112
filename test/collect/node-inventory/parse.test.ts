/** The inventory output → HostService[]: docker ps rows, ss / netstat lines, what is left out, per-node problems. */
import { describe, expect, it } from 'vitest';
import { isSystemProcess, normalizeHostIp, parseDockerPorts, parseInventory, parseSocketLine } from '../../../src/collect/node-inventory/parse.js';

const J = (o: unknown) => JSON.stringify(o);
const out = (...lines: unknown[]) => [J({ kind: 'begin', v: 1 }), ...lines.map((l) => (typeof l === 'string' ? l : J(l))), J({ kind: 'end' })].join('\n') + '\n';
const ss = (line: string) => ({ kind: 'socket', tool: 'ss', line });

describe('parseDockerPorts', () => {
  it('reads published ports, IPv6, ranges and udp; skips exposed-only ports', () => {
    expect(parseDockerPorts('0.0.0.0:6379->6379/tcp, :::6379->6379/tcp, 9000/tcp')).toEqual([
      { hostIp: '', hostPort: 6379, containerPort: 6379, protocol: 'tcp' },
      { hostIp: '', hostPort: 6379, containerPort: 6379, protocol: 'tcp' },
    ]);
    expect(parseDockerPorts('127.0.0.1:8000-8001->80-81/tcp, [::1]:53->53/udp')).toEqual([
      { hostIp: '127.0.0.1', hostPort: 8000, containerPort: 80, protocol: 'tcp' },
      { hostIp: '127.0.0.1', hostPort: 8001, containerPort: 81, protocol: 'tcp' },
      { hostIp: '::1', hostPort: 53, containerPort: 53, protocol: 'udp' },
    ]);
    expect(parseDockerPorts('')).toEqual([]);
  });
});

describe('parseSocketLine', () => {
  it('reads ss -lntupH lines', () => {
    expect(parseSocketLine('ss', 'tcp   LISTEN 0      4096         0.0.0.0:6379       0.0.0.0:*    users:(("redis-server",pid=1234,fd=6))')).toEqual({
      protocol: 'tcp', hostIp: '', hostPort: 6379, process: 'redis-server', pid: 1234,
    });
    expect(parseSocketLine('ss', 'udp   UNCONN 0      0      127.0.0.53%lo:53   0.0.0.0:*    users:(("systemd-resolve",pid=7,fd=13))')).toMatchObject({ hostIp: '127.0.0.53', hostPort: 53, protocol: 'udp' });
    expect(parseSocketLine('ss', 'tcp   LISTEN 0      128       [::]:22      [::]:*    users:(("sshd",pid=9,fd=4))')).toMatchObject({ hostIp: '', hostPort: 22, process: 'sshd' });
    expect(parseSocketLine('ss', 'tcp   LISTEN 0      128   [fe80::1%eth0]:8080   [::]:*')).toEqual({ protocol: 'tcp', hostIp: 'fe80::1', hostPort: 8080 });
    expect(parseSocketLine('ss', 'garbage')).toBeUndefined();
  });
  it('reads netstat -lntup lines', () => {
    expect(parseSocketLine('netstat', 'tcp        0      0 0.0.0.0:3306            0.0.0.0:*               LISTEN      4010/mysqld')).toEqual({
      protocol: 'tcp', hostIp: '', hostPort: 3306, pid: 4010, process: 'mysqld',
    });
    expect(parseSocketLine('netstat', 'tcp6       0      0 :::80                   :::*                    LISTEN      -')).toEqual({ protocol: 'tcp', hostIp: '', hostPort: 80 });
    expect(parseSocketLine('netstat', 'udp        0      0 10.0.0.5:123            0.0.0.0:*                           800/ntpd')).toMatchObject({ hostIp: '10.0.0.5', process: 'ntpd' });
  });
  it('normalizes wildcard addresses to "" like compose bindings', () => {
    expect(['0.0.0.0', '*', '::', '[::]', ''].map(normalizeHostIp)).toEqual(['', '', '', '', '']);
    expect(normalizeHostIp('::ffff:10.0.0.1')).toBe('10.0.0.1');
  });
});

describe('parseInventory', () => {
  it('reports non-kubelet containers with ports and non-system, non-pod sockets', () => {
    const parsed = parseInventory(
      'i-a',
      out(
        { kind: 'container', runtime: 'docker', id: 'x1', name: 'shop-redis-1', image: 'redis', ports: '0.0.0.0:6379->6379/tcp, :::6379->6379/tcp', pod: '', project: 'shop', service: 'redis' },
        { kind: 'container', runtime: 'docker', id: 'x2', name: 'k8s_web', image: 'nginx', ports: '0.0.0.0:80->80/tcp', pod: 'web-0', project: '', service: '' },
        { kind: 'container', runtime: 'docker', id: 'x3', name: '/legacy', image: 'app', ports: '10.0.0.5:8443->443/tcp', pod: '', project: '', service: '' },
        ss('tcp LISTEN 0 4096 0.0.0.0:6379 0.0.0.0:* users:(("docker-proxy",pid=10,fd=4))'),
        ss('tcp LISTEN 0 4096 [::]:6379 [::]:* users:(("docker-proxy",pid=11,fd=4))'),
        ss('tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=12,fd=3))'),
        ss('tcp LISTEN 0 128 127.0.0.1:10248 0.0.0.0:* users:(("kubelet",pid=13,fd=3))'),
        ss('tcp LISTEN 0 128 0.0.0.0:9100 0.0.0.0:* users:(("node_exporter",pid=14,fd=3))'),
        ss('tcp LISTEN 0 128 0.0.0.0:9200 0.0.0.0:* users:(("java",pid=15,fd=3))'),
        ss('tcp LISTEN 0 128 [::]:9200 [::]:* users:(("java",pid=15,fd=4))'),
        ss('udp UNCONN 0 0 127.0.0.53%lo:53 0.0.0.0:* users:(("systemd-resolve",pid=16,fd=13))'),
        ss('tcp LISTEN 0 128 0.0.0.0:8081 0.0.0.0:* users:(("docker-proxy",pid=17,fd=4))'),
        ss('tcp LISTEN 0 128 127.0.0.1:5432 0.0.0.0:* users:(("postgres",pid=18,fd=4))'),
        { kind: 'proc', pid: 14, cgroup: 'kubepods' },
        { kind: 'proc', pid: 15, cgroup: 'host' },
      ),
    );
    expect(parsed.hostServices).toEqual([
      { id: 'i-a#docker-proxy/8081/tcp', source: 'node-inventory', nodeId: 'i-a', service: 'docker-proxy', hostIp: '', hostPort: 8081, protocol: 'tcp' },
      { id: 'i-a#java/9200/tcp', source: 'node-inventory', nodeId: 'i-a', service: 'java', hostIp: '', hostPort: 9200, protocol: 'tcp' },
      { id: 'i-a#legacy/8443/tcp', source: 'node-inventory', nodeId: 'i-a', service: 'legacy', hostIp: '10.0.0.5', hostPort: 8443, protocol: 'tcp' },
      { id: 'i-a#postgres/5432/tcp', source: 'node-inventory', nodeId: 'i-a', service: 'postgres', hostIp: '127.0.0.1', hostPort: 5432, protocol: 'tcp' },
      { id: 'i-a#redis/6379/tcp', source: 'node-inventory', nodeId: 'i-a', service: 'redis', hostIp: '', hostPort: 6379, protocol: 'tcp' },
    ]);
    expect(parsed.containers).toBe(2);
    expect(parsed.problems).toEqual([]);
  });

  it('a wildcard binding wins over a specific one for the same service and port', () => {
    const parsed = parseInventory('i-b', out(ss('tcp LISTEN 0 1 10.0.0.9:80 0.0.0.0:* users:(("nginx",pid=2,fd=1))'), ss('tcp LISTEN 0 1 0.0.0.0:80 0.0.0.0:* users:(("nginx",pid=2,fd=2))')));
    expect(parsed.hostServices.map((s) => [s.id, s.hostIp])).toEqual([['i-b#nginx/80/tcp', '']]);
  });

  it('turns script notes into problems: missing tools are notes, failures are gaps', () => {
    const parsed = parseInventory('i-c', out({ kind: 'note', message: 'docker not found' }, { kind: 'note', message: 'ss failed (exit 1): boom' }));
    expect(parsed.problems).toEqual([
      { severity: 'note', message: 'docker not found' },
      { severity: 'gap', message: 'ss failed (exit 1): boom' },
    ]);
  });

  it('flags cut-off output, foreign output and non-JSON lines', () => {
    const cut = J({ kind: 'begin', v: 1 }) + '\n' + J(ss('tcp LISTEN 0 1 0.0.0.0:80 0.0.0.0:* users:(("nginx",pid=2,fd=1))')) + '\n{"kind":"sock';
    const p1 = parseInventory('i-d', cut, 120);
    expect(p1.hostServices.map((s) => s.id)).toEqual(['i-d#nginx/80/tcp']);
    expect(p1.problems).toEqual([
      { severity: 'gap', message: 'the output was cut off by Cloud Assistant (120 bytes dropped); the inventory is incomplete' },
      { severity: 'note', message: '1 output line(s) were not JSON and were skipped' },
    ]);
    expect(parseInventory('i-e', 'sh: 1: syntax error\n').problems[0]).toEqual({ severity: 'gap', message: 'the output is not the inventory script’s (no begin line)' });
  });

  it('knows the system daemons', () => {
    for (const n of ['kubelet', 'kube-proxy', 'sshd', 'chronyd', 'containerd', 'containerd-shim-runc-v2', 'terwayd', 'systemd-resolve', 'AliYunDunMonitor', 'aliyun-service']) expect(isSystemProcess(n), n).toBe(true);
    for (const n of ['redis-server', 'nginx', 'java', 'docker-proxy']) expect(isSystemProcess(n), n).toBe(false);
  });
});
