/**
 * The node inventory script's output (JSON lines, see inventory.sh) → HostService[] of one node.
 *
 * What is reported:
 * - every published port of a container the kubelet does not manage (docker / nerdctl `ps`, no
 *   `io.kubernetes.pod.name` label), service = the compose service, else the container name;
 * - every listening host socket (`ss -lntupH`, else `netstat -lntup`) whose process is not a pod
 *   (its cgroup is not under kubepods: pods are the Kubernetes side's business) and not one of
 *   SYSTEM_PROCESSES / SYSTEM_PROCESS_PREFIXES (node plumbing that exists under any CNI);
 *   `docker-proxy` / `rootlessport` sockets are dropped when a container row already covers the port.
 * Loopback-bound sockets are kept: the rules tell them apart (hostServices.loopbackOnly).
 * Wildcard addresses (0.0.0.0, ::, *) become hostIp '' as compose bindings do, so the IPv4 and
 * IPv6 sockets of one service merge into one entry.
 */
import type { HostService } from '../../snapshot/types.js';

/** Process names (as ss/netstat print them: at most 15 characters) never reported. */
export const SYSTEM_PROCESSES: readonly string[] = [
  // Kubernetes node components and container runtimes
  'kubelet',
  'kube-proxy',
  'containerd',
  'dockerd',
  'cri-dockerd',
  'crio',
  // CNI agents (they run as pods on ACK; listed in case one runs on the host)
  'terwayd',
  'terway',
  'flanneld',
  'cilium-agent',
  // Base system
  'sshd',
  'chronyd',
  'ntpd',
  'rpcbind',
  'rpc.statd',
  'dhclient',
  'dhcpcd',
  'NetworkManager',
  'avahi-daemon',
  'init',
  // Alibaba Cloud agents: Cloud Assistant, Security Center (Aegis/AliYunDun), CloudMonitor, Logtail
  'aliyun-service',
  'assist_daemon',
  'aegis',
  'argusagent',
  'cloudmonitor',
  'ilogtail',
];

/** Name prefixes never reported (systemd-resolve, systemd-network, containerd-shim-runc-v2, AliYunDunMonitor…). */
export const SYSTEM_PROCESS_PREFIXES: readonly string[] = ['systemd', 'containerd-shim', 'AliYunDun', 'aliyun_assist', 'AliSecGuard'];

/** Proxies that stand for a container's published port. */
const PORT_PROXIES = new Set(['docker-proxy', 'rootlessport', 'rootlesskit']);

export interface NodeProblem {
  /** `gap`: part of the node could not be inspected (the inventory is incomplete). `note`: informational. */
  severity: 'gap' | 'note';
  message: string;
}

export interface ParsedInventory {
  hostServices: HostService[];
  problems: NodeProblem[];
  /** Containers outside the kubelet seen on the node (with or without published ports). */
  containers: number;
}

export function isSystemProcess(name: string): boolean {
  return SYSTEM_PROCESSES.includes(name) || SYSTEM_PROCESS_PREFIXES.some((p) => name.startsWith(p));
}

/** '0.0.0.0', '*', '::', '[::]', '' → ''; brackets and `%iface` zone removed; IPv4-mapped unwrapped. */
export function normalizeHostIp(raw: string): string {
  let a = raw.trim().replace(/^\[(.*)\]$/, '$1');
  a = a.replace(/%[^%\]]*$/, '');
  if (a.toLowerCase().startsWith('::ffff:') && a.includes('.')) a = a.slice(7);
  if (a === '' || a === '*' || a === '0.0.0.0' || /^[0:]+$/.test(a)) return '';
  return a;
}

/** `addr:port` of ss/netstat (`0.0.0.0:22`, `[::]:22`, `*:53`, `127.0.0.53%lo:53`, `:::22`). */
export function splitAddress(s: string): { hostIp: string; port: number } | undefined {
  const i = s.lastIndexOf(':');
  if (i < 0) return undefined;
  const port = Number(s.slice(i + 1));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return undefined;
  return { hostIp: normalizeHostIp(s.slice(0, i)), port };
}

export interface PublishedPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: string;
}

/**
 * The `Ports` column of docker/nerdctl ps: `0.0.0.0:6379->6379/tcp, :::6379->6379/tcp,
 * 127.0.0.1:8000-8001->80-81/tcp, 9000/tcp`. Entries without `->` are exposed, not published.
 */
export function parseDockerPorts(ports: string): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const part of ports.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.*):(\d+)(?:-(\d+))?->(\d+)(?:-(\d+))?\/(\w+)$/.exec(part);
    if (!m) continue;
    const hostIp = normalizeHostIp(m[1]!);
    const hostFrom = Number(m[2]);
    const hostTo = m[3] ? Number(m[3]) : hostFrom;
    const ctrFrom = Number(m[4]);
    for (let p = hostFrom; p <= hostTo && p - hostFrom < 65536; p++) {
      out.push({ hostIp, hostPort: p, containerPort: ctrFrom + (p - hostFrom), protocol: m[6]!.toLowerCase() });
    }
  }
  return out;
}

export interface SocketLine {
  protocol: string;
  hostIp: string;
  hostPort: number;
  process?: string;
  pid?: number;
}

/** One `ss -lntupH` or `netstat -lntup` line; undefined when it is not a listening socket line. */
export function parseSocketLine(tool: string, line: string): SocketLine | undefined {
  const f = line.trim().split(/\s+/);
  if (tool === 'netstat') {
    // tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN 812/sshd   |   udp 0 0 0.0.0.0:68 0.0.0.0:* 700/dhclient
    const proto = f[0]?.replace(/6$/, '');
    if (proto !== 'tcp' && proto !== 'udp') return undefined;
    const addr = f[3] ? splitAddress(f[3]) : undefined;
    if (!addr) return undefined;
    const last = f[f.length - 1] ?? '';
    const pm = /^(\d+)\/(.+)$/.exec(last);
    return { protocol: proto, hostIp: addr.hostIp, hostPort: addr.port, ...(pm ? { pid: Number(pm[1]), process: pm[2]!.split(':')[0]!.trim() } : {}) };
  }
  // tcp LISTEN 0 4096 0.0.0.0:6379 0.0.0.0:* users:(("redis-server",pid=1234,fd=6))
  const proto = f[0];
  if (proto !== 'tcp' && proto !== 'udp') return undefined;
  const addr = f[4] ? splitAddress(f[4]) : undefined;
  if (!addr) return undefined;
  const um = /users:\(\("((?:[^"\\]|\\.)*)",pid=(\d+)/.exec(line);
  return { protocol: proto, hostIp: addr.hostIp, hostPort: addr.port, ...(um ? { process: um[1]!, pid: Number(um[2]) } : {}) };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Parses one node's output. `dropped`: bytes Cloud Assistant cut off (DescribeInvocationResults Dropped). */
export function parseInventory(instanceId: string, output: string, dropped = 0): ParsedInventory {
  const problems: NodeProblem[] = [];
  const byId = new Map<string, HostService>();
  const containerPorts = new Set<string>();
  const sockets: { tool: string; s: SocketLine }[] = [];
  const cgroups = new Map<number, string>();
  let began = false;
  let ended = false;
  let containers = 0;
  let bad = 0;

  const add = (service: string, hostIp: string, hostPort: number, protocol: string) => {
    const id = `${instanceId}#${service}/${hostPort}/${protocol}`;
    const prev = byId.get(id);
    // One service on several addresses of the same port: the widest binding stands for it.
    if (prev) {
      if (hostIp === '') prev.hostIp = '';
      return;
    }
    byId.set(id, { id, source: 'node-inventory', nodeId: instanceId, service, hostIp, hostPort, protocol });
  };

  for (const raw of output.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    let rec: Record<string, unknown>;
    try {
      const v = JSON.parse(line) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
      rec = v as Record<string, unknown>;
    } catch {
      bad++;
      continue;
    }
    switch (rec.kind) {
      case 'begin':
        began = true;
        break;
      case 'end':
        ended = true;
        break;
      case 'note':
        problems.push(noteProblem(str(rec.message)));
        break;
      case 'container': {
        if (str(rec.pod) !== '') break; // kubelet-managed after all
        containers++;
        const service = str(rec.service) || str(rec.name).replace(/^\//, '') || str(rec.id).slice(0, 12) || 'container';
        for (const p of parseDockerPorts(str(rec.ports))) {
          containerPorts.add(`${p.hostPort}/${p.protocol}`);
          add(service, p.hostIp, p.hostPort, p.protocol);
        }
        break;
      }
      case 'ctr':
        containers++;
        break;
      case 'socket': {
        const s = parseSocketLine(str(rec.tool), str(rec.line));
        if (s) sockets.push({ tool: str(rec.tool), s });
        break;
      }
      case 'proc':
        if (typeof rec.pid === 'number') cgroups.set(rec.pid, str(rec.cgroup));
        break;
      default:
        break;
    }
  }

  for (const { s } of sockets) {
    const name = s.process ?? '';
    if (s.pid !== undefined && cgroups.get(s.pid) === 'kubepods') continue;
    if (name !== '' && isSystemProcess(name)) continue;
    if (PORT_PROXIES.has(name) && containerPorts.has(`${s.hostPort}/${s.protocol}`)) continue;
    add(name || 'unknown-process', s.hostIp, s.hostPort, s.protocol);
  }

  if (!began) problems.push({ severity: 'gap', message: 'the output is not the inventory script’s (no begin line)' });
  else if (!ended) {
    problems.push({
      severity: 'gap',
      message: dropped > 0 ? `the output was cut off by Cloud Assistant (${dropped} bytes dropped); the inventory is incomplete` : 'the output ended early (no end line); the inventory is incomplete',
    });
  }
  if (bad > 0) problems.push({ severity: 'note', message: `${bad} output line(s) were not JSON and were skipped` });

  const hostServices = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { hostServices, problems, containers };
}

/** Script notes: a tool that is absent is normal; a tool that failed, or no socket tool at all, is a gap. */
function noteProblem(message: string): NodeProblem {
  const gap = / failed\b/.test(message) || message.startsWith('no socket tool');
  return { severity: gap ? 'gap' : 'note', message };
}
