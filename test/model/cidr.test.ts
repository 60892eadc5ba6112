import { describe, expect, it } from 'vitest';
import { cidrContains, cidrSize, isLoopbackOrUnspecifiedHostIp, parseIpv4Cidr } from '../../src/model/cidr.js';

const ip = (a: number, b: number, c: number, d: number) => a * 2 ** 24 + b * 2 ** 16 + c * 2 ** 8 + d;

describe('parseIpv4Cidr', () => {
  it.each([
    { text: '10.0.0.0/8', want: { network: ip(10, 0, 0, 0), prefix: 8 } },
    { text: '10.0.64.0/19', want: { network: ip(10, 0, 64, 0), prefix: 19 } },
    { text: '10.0.0.5/24 (host bits cleared)', input: '10.0.0.5/24', want: { network: ip(10, 0, 0, 0), prefix: 24 } },
    { text: '10.0.95.255/19 (host bits cleared)', input: '10.0.95.255/19', want: { network: ip(10, 0, 64, 0), prefix: 19 } },
    { text: 'bare address is a /32', input: '192.168.1.7', want: { network: ip(192, 168, 1, 7), prefix: 32 } },
    { text: '0.0.0.0/0', want: { network: 0, prefix: 0 } },
    { text: '255.255.255.255/0 clears to 0', input: '255.255.255.255/0', want: { network: 0, prefix: 0 } },
    { text: '255.255.255.255/32 stays unsigned', input: '255.255.255.255/32', want: { network: 0xffffffff, prefix: 32 } },
    { text: '255.255.255.255/1', input: '255.255.255.255/1', want: { network: 0x80000000, prefix: 1 } },
    { text: 'surrounding whitespace is trimmed', input: '  10.1.0.0/16\n', want: { network: ip(10, 1, 0, 0), prefix: 16 } },
  ])('$text', ({ text, input, want }) => {
    expect(parseIpv4Cidr(input ?? text)).toEqual(want);
  });

  it('network is never negative', () => {
    for (const text of ['128.0.0.0/1', '200.1.2.3/8', '255.255.255.0/24']) {
      expect(parseIpv4Cidr(text)!.network, text).toBeGreaterThanOrEqual(2 ** 31);
    }
  });

  it.each([
    ['octet 256', '10.0.0.256/24'],
    ['first octet 256', '256.0.0.0/8'],
    ['prefix 33', '10.0.0.0/33'],
    ['prefix 99', '10.0.0.0/99'],
    ['three-digit prefix', '10.0.0.0/100'],
    ['negative prefix', '10.0.0.0/-1'],
    ['empty prefix', '10.0.0.0/'],
    ['three octets', '10.0.0/8'],
    ['five octets', '10.0.0.0.0/8'],
    ['four-digit octet', '1000.0.0.0/8'],
    ['IPv6', '2001:db8::/32'],
    ['IPv6 loopback', '::1'],
    ['IPv4-mapped IPv6', '::ffff:10.0.0.1'],
    ['garbage', 'not-a-cidr'],
    ['empty', ''],
    ['whitespace only', '   '],
    ['inner whitespace', '10.0.0.0 /8'],
    ['inner whitespace in address', '10.0. 0.0/8'],
    ['hex octet', '0x0a.0.0.0/8'],
  ])('rejects %s (%j)', (_name, text) => {
    expect(parseIpv4Cidr(text)).toBeUndefined();
  });
});

describe('cidrContains', () => {
  it.each([
    // /0 contains everything IPv4.
    ['0.0.0.0/0', '10.0.0.0/8', true],
    ['0.0.0.0/0', '255.255.255.255/32', true],
    ['0.0.0.0/0', '0.0.0.0/0', true],
    ['0.0.0.0/0', '1.2.3.4', true],
    // Identity and /32.
    ['10.0.0.7/32', '10.0.0.7/32', true],
    ['10.0.0.7/32', '10.0.0.7', true],
    ['10.0.0.7', '10.0.0.7/32', true],
    ['10.0.0.7/32', '10.0.0.8/32', false],
    ['10.0.32.0/19', '10.0.32.0/19', true],
    // Inner strictly inside.
    ['10.0.0.0/8', '10.0.32.0/19', true],
    ['10.0.128.0/18', '10.0.128.0/19', true],
    ['10.0.128.0/18', '10.0.160.0/19', true],
    ['10.0.0.0/16', '10.0.255.255/32', true],
    // Inner larger than outer: never contained, even when it overlaps.
    ['10.0.32.0/19', '10.0.0.0/8', false],
    ['10.0.128.0/19', '10.0.128.0/18', false],
    // Host bits set on either side are ignored.
    ['10.0.0.5/24', '10.0.0.0/24', true],
    ['10.0.0.0/24', '10.0.0.5/24', true],
    ['10.0.0.5/24', '10.0.0.200/25', true],
    // Adjacent blocks.
    ['10.0.64.0/19', '10.0.96.0/19', false],
    ['10.0.96.0/19', '10.0.64.0/19', false],
    ['10.0.64.0/19', '10.0.95.255/32', true],
    ['10.0.64.0/19', '10.0.96.0/32', false],
    ['10.0.0.0/24', '10.0.1.0/24', false],
    // Overlap that is not containment: outer only covers part of inner.
    ['10.0.64.0/20', '10.0.64.0/19', false],
    ['10.0.80.0/20', '10.0.64.0/19', false],
    // Host bits set on a same-size block: the same block after normalisation.
    ['10.0.128.0/18', '10.0.160.0/18', true],
    // 255 boundary and the top bit.
    ['255.255.255.0/24', '255.255.255.255', true],
    ['255.255.255.254/31', '255.255.255.255/32', true],
    ['128.0.0.0/1', '255.255.255.255/32', true],
    ['128.0.0.0/1', '127.255.255.255/32', false],
    ['0.0.0.0/1', '127.255.255.255/32', true],
    ['0.0.0.0/1', '128.0.0.0/32', false],
    // Whitespace around either argument.
    [' 10.0.0.0/8 ', '\t10.1.0.0/16\n', true],
  ])('%j contains %j → %s', (outer, inner, want) => {
    expect(cidrContains(outer, inner)).toBe(want);
  });

  it.each([
    ['0.0.0.0/0', '2001:db8::/32'],
    ['0.0.0.0/0', '::1'],
    ['0.0.0.0/0', 'garbage'],
    ['0.0.0.0/0', ''],
    ['0.0.0.0/0', '10.0.0.256/32'],
    ['0.0.0.0/0', '10.0.0.0/33'],
    ['2001:db8::/32', '2001:db8::1/128'],
    ['garbage', 'garbage'],
    ['', ''],
    ['10.0.0.0/33', '10.0.0.0/32'],
    ['256.0.0.0/8', '10.0.0.0/8'],
  ])('unparseable input is never contained: %j / %j', (outer, inner) => {
    expect(cidrContains(outer, inner)).toBe(false);
  });
});

describe('cidrSize', () => {
  it.each([
    ['0.0.0.0/0', 2 ** 32],
    ['10.0.0.0/8', 2 ** 24],
    ['10.0.64.0/19', 8192],
    ['10.0.0.0/24', 256],
    ['10.0.0.5/24', 256],
    ['10.0.0.0/31', 2],
    ['10.0.0.1/32', 1],
    ['10.0.0.1', 1],
  ])('%s → %d', (cidr, want) => {
    expect(cidrSize(cidr)).toBe(want);
  });

  it.each(['2001:db8::/32', 'garbage', '', '10.0.0.0/33', '10.0.0.256/24'])('%j → undefined', (cidr) => {
    expect(cidrSize(cidr)).toBeUndefined();
  });
});

describe('isLoopbackOrUnspecifiedHostIp', () => {
  it.each([
    ['', 'any'],
    ['0.0.0.0', 'any'],
    ['::', 'any'],
    ['[::]', 'any'],
    ['127.0.0.1', 'loopback'],
    ['127.0.0.53', 'loopback'],
    ['127.255.255.255', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['128.0.0.1', 'specific'],
    ['126.255.255.255', 'specific'],
    ['10.0.0.5', 'specific'],
    ['192.168.0.10', 'specific'],
    ['fe80::1', 'specific'],
    ['2001:db8::1', 'specific'],
    ['0:0:0:0:0:0:0:0', 'any'],
    ['::0', 'any'],
    [' 0.0.0.0 ', 'any'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.5', 'specific'],
    [' 127.0.0.1', 'loopback'],
  ] as const)('%j → %s', (host, want) => {
    expect(isLoopbackOrUnspecifiedHostIp(host)).toBe(want);
  });
});
