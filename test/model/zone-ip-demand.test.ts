import { describe, expect, it } from 'vitest';
import { zonePodIpHeadroom } from '../../src/model/collections/zone-pod-ip-headroom.js';
import { indexSnapshot } from '../../src/model/snapshot-index.js';
import { subjectsOf } from '../../src/model/subjects.js';
import {
  enisForPods,
  HEADROOM_MARGIN_PERCENT,
  marginOf,
  placePods,
  smallestIpsPerEni,
  withMargin,
  zoneHeadroomNeed,
  zoneIpNeed,
} from '../../src/model/zone-ip-demand.js';
import type { Pod, Snapshot } from '../../src/snapshot/types.js';
import { applyChange, readReady, type SnapshotChange } from '../helpers/cases.js';

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

describe('marginOf', () => {
  it.each([
    { ips: 0, want: 0 },
    { ips: 1, want: 1 },
    { ips: 22, want: 5 },
    { ips: 46, want: 10 },
    { ips: 50, want: 10 },
    { ips: 119, want: 24 },
  ])('$ips → $want', ({ ips, want }) => {
    expect(marginOf(ips)).toBe(want);
    expect(ips + marginOf(ips)).toBe(withMargin(ips));
  });
});

describe('placePods', () => {
  const pod = (nodeName: string | undefined, phase = 'Running', hostNetwork = false): Pick<Pod, 'nodeName' | 'hostNetwork' | 'phase'> => ({
    ...(nodeName === undefined ? {} : { nodeName }),
    hostNetwork,
    phase,
  });

  it('counts pods per known node, pods on no node yet, and pods on nodes the snapshot lacks', () => {
    const got = placePods(
      [pod('n1'), pod('n1'), pod('n2'), pod(undefined, 'Pending'), pod(undefined, 'Pending'), pod('gone-b'), pod('gone-a'), pod('gone-a')],
      ['n1', 'n2', 'n3'],
    );
    expect([...got.perNode]).toEqual([
      ['n1', 2],
      ['n2', 1],
    ]);
    expect(got.unbound).toBe(2);
    expect(got.offSnapshot).toEqual({ pods: 3, nodeNames: ['gone-a', 'gone-b'] });
  });

  it('leaves out pods that need no IP, wherever they are', () => {
    const got = placePods(
      [pod('n1', 'Succeeded'), pod('gone', 'Failed'), pod(undefined, 'Pending', true), pod('gone', 'Running', true), pod(undefined, 'Failed')],
      ['n1'],
    );
    expect(got).toEqual({ perNode: new Map(), unbound: 0, offSnapshot: { pods: 0, nodeNames: [] } });
  });

  it('treats an empty node name as no node', () => {
    expect(placePods([pod('')], ['']).unbound).toBe(1);
  });
});

describe('zoneHeadroomNeed', () => {
  const none = { pods: 0, enis: 0, ips: 0 };
  it('pods moving in from a Flannel source all need new IPs, margin over them', () => {
    expect(zoneHeadroomNeed(true, { pods: 112, enis: 7, ips: 119 }, none)).toEqual({
      plannedPods: 112,
      enis: 7,
      neededIps: 119,
      heldIps: 0,
      marginIps: 24,
      neededWithMargin: 143,
    });
  });

  it("pods not on a node yet add to a pair's need", () => {
    expect(zoneHeadroomNeed(true, { pods: 63, enis: 5, ips: 68 }, { pods: 2, enis: 1, ips: 3 })).toMatchObject({
      plannedPods: 65,
      enis: 6,
      neededIps: 71,
      neededWithMargin: 86,
    });
  });

  it("a cluster's own running pods hold their IPs: they set the margin only", () => {
    expect(zoneHeadroomNeed(false, { pods: 43, enis: 3, ips: 46 }, none)).toEqual({
      plannedPods: 0,
      enis: 0,
      neededIps: 0,
      heldIps: 46,
      marginIps: 10,
      neededWithMargin: 10,
    });
  });

  it("a cluster's own pods not on a node yet need new IPs, and the margin covers held and needed", () => {
    expect(zoneHeadroomNeed(false, { pods: 43, enis: 3, ips: 46 }, { pods: 3, enis: 1, ips: 4 })).toEqual({
      plannedPods: 3,
      enis: 1,
      neededIps: 4,
      heldIps: 46,
      marginIps: 10,
      neededWithMargin: 14,
    });
  });
});

describe('zonePodIpHeadroom gaps', () => {
  const ready = readReady();
  function build(change: SnapshotChange) {
    const snapshot = applyChange(ready, change) as Snapshot;
    const index = indexSnapshot(snapshot);
    const subject = subjectsOf(snapshot).find((s) => s.clusterId === 'c-terway00shop01')!;
    const result = zonePodIpHeadroom.build(subject, index, snapshot);
    if (result.kind !== 'items') throw new Error('not applicable');
    return result;
  }

  it('gives one reason per missing instance type, with the pods and zones it leaves out, not one per node', () => {
    const { items, gaps } = build({ name: 'x', remove: ['instanceTypes/ecs.g7.2xlarge'] });
    expect(items).toEqual([]);
    expect(gaps.map((g) => g.en)).toEqual([
      'instance type ecs.g7.2xlarge is not in the snapshot (DescribeInstanceTypes), so the ENIs for the 109 pods planned on it are unknown (zones cn-hangzhou-h, cn-hangzhou-i not evaluated)',
    ]);
  });

  it('gives one reason when the Terway cluster has no instance type at all, for the five source nodes', () => {
    const { gaps } = build({
      name: 'x',
      patch: { clusters: [{ id: 'c-terway00shop01', nodePools: [] }] },
      remove: ['nodes/i-bp1tapp000001', 'nodes/i-bp1tapp000002', 'nodes/i-bp1tcore00001'],
    });
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!['zh-CN']).toBe(
      'c-terway00shop01 没有已知的实例规格（无节点池、无节点），无法估算计划运行的 175 个 Pod 所需的 ENI（可用区 cn-hangzhou-h、cn-hangzhou-i 未评估）',
    );
  });

  it('pods not on a node yet are a gap when the cluster has no zone at all to put them in', () => {
    const { items, gaps } = build({
      name: 'x',
      patch: {
        meta: { scope: [{ clusterId: 'c-terway00shop01', role: 'standalone' }] },
        clusters: [{ id: 'c-terway00shop01', nodePools: [] }],
        pods: [{ id: 'default/pending-1', clusterId: 'c-terway00shop01', hostNetwork: false, hostPorts: [], phase: 'Pending' }],
      },
      remove: ['nodes/i-bp1tapp000001', 'nodes/i-bp1tapp000002', 'nodes/i-bp1tcore00001'],
    });
    expect(items).toEqual([]);
    expect(gaps.map((g) => g.en)).toContain(
      '1 pod of c-terway00shop01 not on a node yet needs an IP, but c-terway00shop01 has no zone with nodes or node pools to measure them in',
    );
  });

  it('reports pods on nodes the snapshot lacks once, and still measures the other zones', () => {
    const { items, gaps } = build({ name: 'x', remove: ['nodes/i-bp1fapp000002'] });
    expect(gaps.map((g) => g.en)).toEqual([
      '51 pods of c-flannel0shop01 that need an IP run on a node not in the snapshot (cn-hangzhou.10.0.1.21), so the zones they take IPs in are unknown and they are not counted',
    ]);
    expect(items.map((i) => [i.target.id, i.fields.plannedPods])).toEqual([
      ['cn-hangzhou-h', 112],
      ['cn-hangzhou-i', 12],
    ]);
  });
});
