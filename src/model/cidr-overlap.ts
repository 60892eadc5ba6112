/**
 * Whether two IPv4 blocks share any address. Kept apart from cidr.ts (which the addressing group
 * does not own); it only builds on that file's parser. Candidate to move into cidr.ts.
 */
import { ipv4Contains, parseIpv4Cidr } from './cidr.js';

/**
 * True when the two blocks share at least one address. Two CIDR blocks either nest or are disjoint,
 * so they overlap exactly when one contains the other. Undefined when either is not an IPv4 CIDR
 * (IPv6 included): the caller reports that as unknown, never as "no overlap".
 */
export function cidrsOverlap(a: string, b: string): boolean | undefined {
  const x = parseIpv4Cidr(a);
  const y = parseIpv4Cidr(b);
  if (!x || !y) return undefined;
  return ipv4Contains(x, y) || ipv4Contains(y, x);
}
