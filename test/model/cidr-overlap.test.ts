import { describe, expect, it } from 'vitest';
import { cidrsOverlap } from '../../src/model/cidr-overlap.js';

describe('cidrsOverlap', () => {
  it.each([
    { name: 'equal blocks', a: '192.168.0.0/16', b: '192.168.0.0/16', want: true },
    { name: 'a contains b', a: '192.168.0.0/16', b: '192.168.16.0/20', want: true },
    { name: 'b contains a', a: '192.168.16.0/20', b: '192.168.0.0/16', want: true },
    { name: 'a /32 inside b', a: '172.16.3.4/32', b: '172.16.0.0/12', want: true },
    { name: 'bare address inside b', a: '172.16.3.4', b: '172.16.0.0/12', want: true },
    { name: '0.0.0.0/0 overlaps everything', a: '0.0.0.0/0', b: '10.0.64.0/19', want: true },
    { name: 'unnormalised host bits still overlap', a: '192.168.1.77/16', b: '192.168.200.0/24', want: true },
    { name: 'adjacent blocks below', a: '10.0.32.0/19', b: '10.0.64.0/19', want: false },
    { name: 'adjacent blocks above', a: '10.0.96.0/19', b: '10.0.64.0/19', want: false },
    { name: 'last address before the block', a: '192.167.255.255/32', b: '192.168.0.0/16', want: false },
    { name: 'first address after the block', a: '192.169.0.0/32', b: '192.168.0.0/16', want: false },
    { name: 'different private ranges', a: '10.0.0.0/8', b: '192.168.0.0/16', want: false },
    { name: 'same first octet, disjoint halves', a: '10.0.0.0/9', b: '10.128.0.0/9', want: false },
  ])('$name: $a vs $b → $want', ({ a, b, want }) => {
    expect(cidrsOverlap(a, b)).toBe(want);
    expect(cidrsOverlap(b, a)).toBe(want);
  });

  it.each([
    { name: 'IPv6 block', a: 'fd00::/64', b: '192.168.0.0/16' },
    { name: 'empty text', a: '', b: '192.168.0.0/16' },
    { name: 'prefix 33', a: '10.0.0.0/33', b: '10.0.0.0/8' },
    { name: 'octet 256', a: '10.0.0.256/24', b: '10.0.0.0/8' },
  ])('$name is unknown, not "no overlap"', ({ a, b }) => {
    expect(cidrsOverlap(a, b)).toBeUndefined();
    expect(cidrsOverlap(b, a)).toBeUndefined();
  });
});
