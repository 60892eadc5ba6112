/**
 * `ports` and `expose` entries of a compose service, as in the compose specification:
 *
 * short syntax  `[[HOST_IP:][HOST_PORT[-END]]:]CONTAINER_PORT[-END][/PROTOCOL]`, IPv6 host addresses
 *               in brackets (`[::1]:8080:80`); an empty host port (`127.0.0.1::80`) or a container
 *               port alone (`"9000"`) lets Docker pick a random host port: reported as hostPort 0.
 * long syntax   `target`, `published` (port or range, optional), `host_ip`, `protocol`, `mode`
 *               (`mode` does not change what is published on the node outside swarm: ignored).
 */
import type { PortBinding } from './types.js';

export interface ParsedPort {
  bindings: PortBinding[];
  /** Container ports: what listens on the host under `network_mode: host`. */
  targets: { port: number; protocol: string }[];
  /** Remarks worth a problem although the entry was read (random host port, host port range). */
  notes: string[];
}

export type PortResult = ({ ok: true } & ParsedPort) | { ok: false; message: string };

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

interface Range {
  start: number;
  end: number;
}

function parseRange(s: string, what: string): Range | string {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s.trim());
  if (!m) return `${what} "${s}" is not a port or a port range`;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start < 1 || end > 65535) return `${what} "${s}" is outside 1-65535`;
  if (end < start) return `${what} range "${s}" ends before it starts`;
  return { start, end };
}

function parseProtocol(s: string | undefined): string | { error: string } {
  if (s === undefined || s === '') return 'tcp';
  const p = s.trim().toLowerCase();
  return PROTOCOLS.has(p) ? p : { error: `protocol "${s}" is not tcp, udp or sctp` };
}

/** `"6379:6379/udp"` → the part before the last `/` and its protocol (tcp when none is given). */
function splitProtocol(spec: string): { body: string; protocol: string | { error: string } } {
  const body = spec.trim();
  const slash = body.lastIndexOf('/');
  return slash >= 0 ? { body: body.slice(0, slash), protocol: parseProtocol(body.slice(slash + 1)) } : { body, protocol: 'tcp' };
}

/** Strips the brackets of an IPv6 host address; '' stays '' (all interfaces). */
export function normaliseHostIp(ip: string): string {
  const a = ip.trim();
  return a.startsWith('[') && a.endsWith(']') ? a.slice(1, -1) : a;
}

/** The bindings of one entry; `host` undefined or empty means a random host port. */
function bind(hostIp: string, host: Range | undefined, container: Range, protocol: string, file: string, line: number): PortResult {
  const bindings: PortBinding[] = [];
  const targets: { port: number; protocol: string }[] = [];
  const notes: string[] = [];
  const clen = container.end - container.start + 1;
  for (let p = container.start; p <= container.end; p++) targets.push({ port: p, protocol });
  const b = (hostPort: number, containerPort: number): PortBinding => ({ file, line, hostIp, hostPort, containerPort, protocol });
  if (!host) {
    for (let p = container.start; p <= container.end; p++) bindings.push(b(0, p));
    const ports = clen === 1 ? `container port ${container.start}` : `container ports ${container.start}-${container.end}`;
    notes.push(`${ports}/${protocol} published on a host port Docker picks at random: reported as host port 0`);
    return { ok: true, bindings, targets, notes };
  }
  const hlen = host.end - host.start + 1;
  if (hlen === clen) {
    for (let k = 0; k < clen; k++) bindings.push(b(host.start + k, container.start + k));
  } else if (clen === 1) {
    for (let p = host.start; p <= host.end; p++) bindings.push(b(p, container.start));
    notes.push(`host port range ${host.start}-${host.end} for one container port: Docker binds one free port of the range, every port of it is reported`);
  } else {
    return { ok: false, message: `host port range ${host.start}-${host.end} and container port range ${container.start}-${container.end} differ in length` };
  }
  return { ok: true, bindings, targets, notes };
}

/** Short syntax (already interpolated). */
export function parseShortPort(spec: string, file: string, line: number): PortResult {
  const { body, protocol } = splitProtocol(spec);
  if (typeof protocol !== 'string') return { ok: false, message: `port "${spec}": ${protocol.error}` };
  let ip = '';
  let host: string | undefined;
  let container: string;
  if (body.startsWith('[')) {
    const close = body.indexOf(']');
    const after = close < 0 ? '' : body.slice(close + 1);
    const parts = after.split(':');
    if (close < 0 || parts.length !== 3 || parts[0] !== '') return { ok: false, message: `port "${spec}" is not [IPv6]:HOST_PORT:CONTAINER_PORT` };
    ip = body.slice(1, close);
    host = parts[1];
    container = parts[2] as string;
  } else {
    const parts = body.split(':');
    const n = parts.length;
    container = parts[n - 1] as string;
    if (n === 2) host = parts[0];
    if (n >= 3) {
      ip = normaliseHostIp(parts.slice(0, n - 2).join(':'));
      host = parts[n - 2];
    }
  }
  const c = parseRange(container, 'container port');
  if (typeof c === 'string') return { ok: false, message: `port "${spec}": ${c}` };
  let h: Range | undefined;
  if (host !== undefined && host !== '') {
    const r = parseRange(host, 'host port');
    if (typeof r === 'string') return { ok: false, message: `port "${spec}": ${r}` };
    h = r;
  } else if (host === '' && ip === '') {
    return { ok: false, message: `port "${spec}" has an empty host port and no host address` };
  }
  return bind(ip, h, c, protocol, file, line);
}

/** Long syntax: fields already interpolated and stringified; `publishedLine` is where `published` is. */
export function parseLongPort(
  fields: { target?: string; published?: string; host_ip?: string; protocol?: string },
  file: string,
  line: number,
): PortResult {
  if (fields.target === undefined || fields.target === '') return { ok: false, message: 'port entry has no "target"' };
  const c = parseRange(fields.target, 'target');
  if (typeof c === 'string') return { ok: false, message: c };
  const protocol = parseProtocol(fields.protocol);
  if (typeof protocol !== 'string') return { ok: false, message: protocol.error };
  let h: Range | undefined;
  if (fields.published !== undefined && fields.published !== '' && fields.published !== '0') {
    const r = parseRange(fields.published, 'published');
    if (typeof r === 'string') return { ok: false, message: r };
    h = r;
  }
  return bind(normaliseHostIp(fields.host_ip ?? ''), h, c, protocol, file, line);
}

/** An `expose` entry: `"3000"`, `"3000-3005"`, `"3000/udp"`; container ports only. */
export function parseExpose(spec: string): PortResult {
  const { body, protocol } = splitProtocol(spec);
  if (typeof protocol !== 'string') return { ok: false, message: `expose "${spec}": ${protocol.error}` };
  const c = parseRange(body, 'exposed port');
  if (typeof c === 'string') return { ok: false, message: `expose "${spec}": ${c}` };
  const targets: { port: number; protocol: string }[] = [];
  for (let p = c.start; p <= c.end; p++) targets.push({ port: p, protocol });
  return { ok: true, bindings: [], targets, notes: [] };
}
