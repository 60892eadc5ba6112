import { describe, expect, it } from 'vitest';
import { enisForPods, HEADROOM_MARGIN_PERCENT, smallestIpsPerEni, withMargin, zoneIpNeed } from '../../src/model/zone-ip-demand.js';

describe('enisForPods', () => {
  it.each([
    { pods: 0, ipsPerEni: 15, want: 0 },
    { pods: 0, ipsPerEni: 0, want: 0 },
    { pods: 1, ipsPerEni: 15, want: 1 },
    { pods: 14, ipsPerEni: 15, want: 1 },
    { pods: 15, ipsPerEni: 15, want: 1 },
    { pods: 16, ipsPerEni: 15, want: 2 },
    { pods: 58, ipsPerEni: 15, want: 4 },
    { pods: 40, ipsPerEni: 30, want: 2 },
    { pods: 6, ipsPerEni: 6, want: 1 },
    { pods: 7, ipsPerEni: 6, want: 2 },
    { pods: 3, ipsPerEni: 1, want: 3 },
  ])('$pods pods at $ipsPerEni IPs per ENI → $want ENIs', ({ pods, ipsPerEni, want }) => {
    expect(enisForPods(pods, ipsPerEni)).toBe(want);
  });

  it.each([0, -1, Number.NaN])('pods with %s IPs per ENI are unknown', (ipsPerEni) => {
    expect(enisForPods(5, ipsPerEni)).toBeUndefined();
  });
});

describe('zoneIpNeed', () => {
  it.each([
    { name: 'no nodes', nodes: [], want: { pods: 0, enis: 0, ips: 0 } },
    { name: 'a node without pods', nodes: [{ pods: 0, ipsPerEni: 15 }], want: { pods: 0, enis: 0, ips: 0 } },
    {
      name: 'the ready source zone h (web, app, core)',
      nodes: [
        { pods: 14, ipsPerEni: 15 },
        { pods: 58, ipsPerEni: 15 },
        { pods: 40, ipsPerEni: 30 },
      ],
      want: { pods: 112, enis: 7, ips: 119 },
    },
    {
      name: 'ENIs are rounded up per node, not over the zone',
      nodes: [
        { pods: 1, ipsPerEni: 15 },
        { pods: 1, ipsPerEni: 15 },
      ],
      want: { pods: 2, enis: 2, ips: 4 },
    },
  ])('$name', ({ nodes, want }) => {
    expect(zoneIpNeed(nodes)).toEqual(want);
  });

  it('is unknown when a node with pods has no usable IPs-per-ENI figure', () => {
    expect(zoneIpNeed([{ pods: 3, ipsPerEni: 15 }, { pods: 2, ipsPerEni: 0 }])).toBeUndefined();
  });
});

describe('withMargin', () => {
  it('defaults to a 20% margin', () => {
    expect(HEADROOM_MARGIN_PERCENT).toBe(20);
    expect(withMargin(100)).toBe(120);
  });

  it.each([
    { ips: 0, percent: 20, want: 0 },
    { ips: 1, percent: 20, want: 2 },
    { ips: 5, percent: 20, want: 6 },
    { ips: 119, percent: 20, want: 143 },
    { ips: 68, percent: 20, want: 82 },
    { ips: 100, percent: 0, want: 100 },
    { ips: 100, percent: 50, want: 150 },
    { ips: 7, percent: 50, want: 11 },
  ])('$ips with $percent% → $want', ({ ips, percent, want }) => {
    expect(withMargin(ips, percent)).toBe(want);
  });
});

describe('smallestIpsPerEni', () => {
  it.each([
    { name: 'no types', types: [], want: undefined },
    { name: 'one type', types: [{ eniPrivateIpAddressQuantity: 15 }], want: 15 },
    { name: 'the smallest of several', types: [{ eniPrivateIpAddressQuantity: 30 }, { eniPrivateIpAddressQuantity: 6 }, { eniPrivateIpAddressQuantity: 15 }], want: 6 },
  ])('$name → $want', ({ types, want }) => {
    expect(smallestIpsPerEni(types)).toBe(want);
  });
});
