/** IPv4 CIDR arithmetic for coverage questions (does this SNAT source CIDR contain that vSwitch?). */

export interface Ipv4Cidr {
  /** Network address as an unsigned 32-bit integer (host bits cleared). */
  network: number;
  prefix: number;
}

/** Parses `a.b.c.d/n`; a bare address is a /32. Returns undefined for anything else (IPv6 included). */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (prefix > 32) return undefined;
  const address = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  return { network: (address & maskOf(prefix)) >>> 0, prefix };
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** True when every address of `inner` is inside `outer`. Unparseable input is never contained. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseIpv4Cidr(outer);
  const i = parseIpv4Cidr(inner);
  return o !== undefined && i !== undefined && ipv4Contains(o, i);
}

/** cidrContains over already parsed blocks. */
export function ipv4Contains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && ((inner.network & maskOf(outer.prefix)) >>> 0) === outer.network;
}

/** Number of addresses in the block (2^(32-prefix)). */
export function cidrSize(cidr: string): number | undefined {
  const c = parseIpv4Cidr(cidr);
  return c ? 2 ** (32 - c.prefix) : undefined;
}

/** Classifies the host address a port is published on: all interfaces, loopback only, or one address. */
export function isLoopbackOrUnspecifiedHostIp(ip: string): 'loopback' | 'any' | 'specific' {
  let a = ip.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (a.startsWith('::ffff:')) a = a.slice('::ffff:'.length);
  if (a === '' || a === '0.0.0.0' || a === '*' || /^[0:]+$/.test(a)) return 'any';
  if (/^(0{1,4}:){7}0{0,3}1$|^::(0{1,4}:)*0{0,3}1$/.test(a) || cidrContains('127.0.0.0/8', a)) return 'loopback';
  return 'specific';
}
