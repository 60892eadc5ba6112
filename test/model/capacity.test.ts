import { describe, expect, it } from 'vitest';
import {
  capacityFormula,
  MIN_ENIS_EXCLUSIVE,
  MIN_PODS_TO_JOIN,
  canJoin,
  exclusiveEniMaxPods,
  maxPods,
  prefixMaxPods,
  sharedEniMaxPods,
  trunkMemberPods,
} from '../../src/model/capacity.js';
import type { InstanceType, TerwayMode } from '../../src/snapshot/types.js';

type Limits = Pick<InstanceType, 'eniQuantity' | 'eniPrivateIpAddressQuantity' | 'eniTotalQuantity' | 'eniTrunkSupported'>;

function limits(eniQuantity: number, eniPrivateIpAddressQuantity: number, eniTotalQuantity: number, eniTrunkSupported: boolean): Limits {
  return { eniQuantity, eniPrivateIpAddressQuantity, eniTotalQuantity, eniTrunkSupported };
}

// Real DescribeInstanceTypes values (as in fixtures/snapshots/*.json and reference §1.2).
const G6_LARGE = limits(2, 6, 2, false);
const C6_XLARGE = limits(4, 15, 4, false);
const G6_2XLARGE = limits(4, 10, 4, false);
const G7_XLARGE = limits(4, 15, 22, true);
const G7_2XLARGE = limits(6, 15, 38, true);
const G7_4XLARGE = limits(8, 30, 48, true);

describe('constants', () => {
  it('match the ACK/Terway thresholds of reference §1.2', () => {
    expect(MIN_PODS_TO_JOIN).toBe(11);
    expect(MIN_ENIS_EXCLUSIVE).toBe(6);
  });
});

describe('sharedEniMaxPods: (EniQuantity − 1) × EniPrivateIpAddressQuantity', () => {
  it.each([
    { name: 'ecs.g6.large', t: G6_LARGE, want: 6 },
    { name: 'ecs.c6.xlarge', t: C6_XLARGE, want: 45 },
    { name: 'ecs.g6.2xlarge', t: G6_2XLARGE, want: 30 },
    { name: 'ecs.g7.xlarge', t: G7_XLARGE, want: 45 },
    { name: 'ecs.g7.2xlarge', t: G7_2XLARGE, want: 75 },
    { name: 'ecs.g7.4xlarge (reference example 7×30)', t: G7_4XLARGE, want: 210 },
    { name: 'one ENI: only the primary, no pod IPs', t: limits(1, 10, 1, false), want: 0 },
    { name: 'zero ENIs: never negative', t: limits(0, 10, 0, false), want: 0 },
    { name: 'zero IPs per ENI', t: limits(4, 0, 4, false), want: 0 },
    { name: '11-pod boundary type (2 ENIs × 11 IPs)', t: limits(2, 11, 2, false), want: 11 },
    { name: '12-pod boundary type (2 ENIs × 12 IPs)', t: limits(2, 12, 2, false), want: 12 },
  ])('$name → $want', ({ t, want }) => {
    expect(sharedEniMaxPods(t)).toBe(want);
  });

  it('does not depend on EniTotalQuantity or trunk support', () => {
    expect(sharedEniMaxPods(limits(4, 15, 64, true))).toBe(sharedEniMaxPods(limits(4, 15, 4, false)));
  });
});

describe('exclusiveEniMaxPods: EniQuantity − 1', () => {
  it.each([
    { name: 'ecs.g6.large', t: G6_LARGE, want: 1 },
    { name: 'ecs.c6.xlarge', t: C6_XLARGE, want: 3 },
    { name: 'ecs.g7.4xlarge', t: G7_4XLARGE, want: 7 },
    { name: 'one ENI', t: limits(1, 10, 1, false), want: 0 },
    { name: 'zero ENIs: never negative', t: limits(0, 10, 0, false), want: 0 },
  ])('$name → $want', ({ t, want }) => {
    expect(exclusiveEniMaxPods(t)).toBe(want);
  });
});

describe('trunkMemberPods: EniTotalQuantity − EniQuantity when EniTrunkSupported', () => {
  it.each([
    { name: 'ecs.g7.4xlarge (48 − 8)', t: G7_4XLARGE, want: 40 },
    { name: 'ecs.g7.2xlarge (38 − 6)', t: G7_2XLARGE, want: 32 },
    { name: 'ecs.g7.xlarge (22 − 4)', t: G7_XLARGE, want: 18 },
    { name: 'ecs.g6.large: trunk unsupported', t: G6_LARGE, want: 0 },
    { name: 'member ENIs listed but trunk unsupported → 0', t: limits(8, 30, 48, false), want: 0 },
    { name: 'trunk supported but total equals ENI quantity', t: limits(4, 15, 4, true), want: 0 },
    { name: 'trunk supported, total below ENI quantity: never negative', t: limits(4, 15, 2, true), want: 0 },
  ])('$name → $want', ({ t, want }) => {
    expect(trunkMemberPods(t)).toBe(want);
  });
});

describe('prefixMaxPods: (EniPrivateIpAddressQuantity − 1) × 16 × (EniTotalQuantity − 1)', () => {
  it.each([
    { name: 'ecs.g7.4xlarge: uses EniTotalQuantity 48, not EniQuantity 8', t: G7_4XLARGE, want: 29 * 16 * 47 },
    { name: 'ecs.c6.xlarge', t: C6_XLARGE, want: 14 * 16 * 3 },
    { name: 'ecs.g6.large', t: G6_LARGE, want: 5 * 16 * 1 },
    { name: 'one ENI in total', t: limits(1, 10, 1, false), want: 0 },
    { name: 'zero ENIs in total: never negative', t: limits(0, 10, 0, false), want: 0 },
    { name: 'one IP per ENI: no room for a prefix', t: limits(4, 1, 4, false), want: 0 },
    { name: 'zero IPs per ENI: never negative', t: limits(4, 0, 4, false), want: 0 },
  ])('$name → $want', ({ t, want }) => {
    expect(prefixMaxPods(t)).toBe(want);
  });

  it('changes with EniTotalQuantity while EniQuantity stays the same', () => {
    expect(prefixMaxPods(limits(8, 30, 48, true))).not.toBe(prefixMaxPods(limits(8, 30, 8, true)));
    expect(prefixMaxPods(limits(8, 30, 8, true))).toBe(29 * 16 * 7);
  });
});

describe('maxPods by mode', () => {
  it.each<{ name: string; t: Limits; mode: TerwayMode; want: number }>([
    { name: 'ecs.g7.4xlarge shared', t: G7_4XLARGE, mode: 'shared', want: 210 },
    { name: 'ecs.g7.4xlarge exclusive', t: G7_4XLARGE, mode: 'exclusive', want: 7 },
    { name: 'ecs.g7.4xlarge trunk = shared + member ENIs', t: G7_4XLARGE, mode: 'trunk', want: 210 + 40 },
    { name: 'ecs.g7.4xlarge prefix', t: G7_4XLARGE, mode: 'prefix', want: 21808 },
    { name: 'ecs.c6.xlarge trunk without trunk support = shared', t: C6_XLARGE, mode: 'trunk', want: 45 },
    { name: 'ecs.g6.large shared', t: G6_LARGE, mode: 'shared', want: 6 },
    { name: 'ecs.g6.large exclusive', t: G6_LARGE, mode: 'exclusive', want: 1 },
    { name: 'ecs.g6.large prefix', t: G6_LARGE, mode: 'prefix', want: 80 },
  ])('$name → $want', ({ t, mode, want }) => {
    expect(maxPods(t, mode)).toBe(want);
  });
});

describe('canJoin', () => {
  it.each<{ name: string; t: Limits; mode: TerwayMode; want: boolean }>([
    // Shared ENI: more than 11 pods.
    { name: 'ecs.g6.large shared (6 pods ≤ 11)', t: G6_LARGE, mode: 'shared', want: false },
    { name: 'ecs.c6.xlarge shared (45 pods)', t: C6_XLARGE, mode: 'shared', want: true },
    { name: 'ecs.g7.4xlarge shared (210 pods)', t: G7_4XLARGE, mode: 'shared', want: true },
    { name: 'exactly 11 pods (2 ENIs × 11 IPs) cannot join', t: limits(2, 11, 2, false), mode: 'shared', want: false },
    { name: 'exactly 11 pods (12 ENIs × 1 IP) cannot join', t: limits(12, 1, 12, false), mode: 'shared', want: false },
    { name: 'exactly 12 pods (2 ENIs × 12 IPs) can join', t: limits(2, 12, 2, false), mode: 'shared', want: true },
    { name: 'exactly 12 pods (4 ENIs × 4 IPs) can join', t: limits(4, 4, 4, false), mode: 'shared', want: true },
    { name: 'zero ENIs cannot join', t: limits(0, 30, 0, false), mode: 'shared', want: false },
    { name: 'one ENI cannot join', t: limits(1, 30, 1, false), mode: 'shared', want: false },
    // Exclusive ENI: more than 6 ENIs.
    { name: 'exclusive with 6 ENIs cannot join', t: limits(6, 15, 38, true), mode: 'exclusive', want: false },
    { name: 'exclusive with 7 ENIs can join', t: limits(7, 15, 7, false), mode: 'exclusive', want: true },
    { name: 'ecs.g7.4xlarge exclusive (8 ENIs)', t: G7_4XLARGE, mode: 'exclusive', want: true },
    { name: 'exclusive ignores IPs per ENI (7 ENIs × 1 IP)', t: limits(7, 1, 7, false), mode: 'exclusive', want: true },
    { name: 'ecs.c6.xlarge exclusive (4 ENIs) cannot join though shared can', t: C6_XLARGE, mode: 'exclusive', want: false },
    // Trunk: shared ENIs underneath decide; member ENIs do not help.
    { name: 'trunk on 11 shared pods plus 40 member ENIs cannot join', t: limits(2, 11, 42, true), mode: 'trunk', want: false },
    { name: 'trunk on 12 shared pods can join', t: limits(2, 12, 42, true), mode: 'trunk', want: true },
    { name: 'ecs.g7.4xlarge trunk', t: G7_4XLARGE, mode: 'trunk', want: true },
    // Prefix: the prefix formula decides.
    { name: 'ecs.g6.large prefix (80 pods)', t: G6_LARGE, mode: 'prefix', want: true },
    { name: 'prefix with one ENI in total cannot join', t: limits(1, 30, 1, false), mode: 'prefix', want: false },
    { name: 'prefix with one IP per ENI cannot join', t: limits(8, 1, 48, true), mode: 'prefix', want: false },
  ])('$name → $want', ({ t, mode, want }) => {
    expect(canJoin(t, mode)).toBe(want);
  });

  it('agrees with maxPods > 11 in the shared-ENI mode for every small type', () => {
    for (let enis = 0; enis <= 4; enis++) {
      for (let ips = 0; ips <= 13; ips++) {
        const t = limits(enis, ips, enis, false);
        expect(canJoin(t, 'shared'), `${enis} ENIs × ${ips} IPs`).toBe(maxPods(t, 'shared') > 11);
      }
    }
  });
});

describe('capacityFormula', () => {
  const c6 = { eniQuantity: 4, eniPrivateIpAddressQuantity: 15, eniTotalQuantity: 4, eniTrunkSupported: false };
  const g7 = { eniQuantity: 8, eniPrivateIpAddressQuantity: 30, eniTotalQuantity: 48, eniTrunkSupported: true };
  it.each([
    [c6, 'shared', '(4 - 1) x 15 = 45'],
    [c6, 'exclusive', '4 - 1 = 3'],
    [c6, 'trunk', '(4 - 1) x 15 + 0 trunk = 45'],
    [g7, 'trunk', '(8 - 1) x 30 + (48 - 8) trunk = 250'],
    [g7, 'prefix', '(30 - 1) x 16 x (48 - 1) = 21808'],
  ] as const)('%j in %s mode → %s', (type, mode, want) => {
    expect(capacityFormula(type, mode)).toBe(want);
    expect(want.endsWith(`= ${maxPods(type, mode)}`) || want.includes(`= ${maxPods(type, mode)} `)).toBe(true);
  });
});
