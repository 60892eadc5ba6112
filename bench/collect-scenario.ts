/**
 * The account the collection benchmark runs against (bench/collect.ts): one region, two VPCs, four
 * ACK clusters (a Flannel cluster and the Terway cluster replacing it, twice), 1,000 nodes in 12
 * node pools, 300 vSwitches, 50 NAT gateways with 1,500 SNAT entries, 30 instance types.
 *
 * Built as a terway-lint snapshot (cloud sections only) and turned into fake-cloud wire records by
 * scenarioFromSnapshot, so the collected snapshot can be checked against what was served. No
 * randomness: the same code always gives the same account.
 *
 *   VPC shop (vpc-bp1benchshop01): 200 vSwitches, 30 NAT gateways, 5 route tables
 *     c-benchshopfl01  flannel       400 nodes, 4 pools, node vSwitches 0–3
 *     c-benchshoptw01  terway-eniip  400 nodes, 4 pools, node vSwitches 4–7, pod vSwitches 8–47
 *   VPC pay (vpc-bp1benchpay001): 100 vSwitches, 20 NAT gateways, 2 route tables
 *     c-benchpayfl001  flannel       100 nodes, 2 pools, node vSwitches 0–1
 *     c-benchpaytw001  terway-eniip  100 nodes, 2 pools, node vSwitches 2–3, pod vSwitches 4–23
 *
 * The shapes that decide how many calls and how long a chain the collection needs:
 * - nodes per cluster 400/400/100/100 (DescribeClusterNodes, 100 a page: 4/4/1/1 pages);
 * - SNAT tables of very different sizes: 400 and 150 entries in the main tables (8 and 3 pages of
 *   50), a 75 and a 60 (2 pages each), 7 empty tables (still one call each), the rest ~21;
 * - each Flannel cluster adds one VPC route per node (/25 of its pod CIDR → the node), as ACK's
 *   Flannel does: the shop VPC's system table has 401 entries, 5 NextToken pages of 100 that can
 *   only be read one after another;
 * - 110 EIPs (50 on NAT gateways, 20 on nodes, 40 unbound): 2 pages of 100.
 */
import type { Cluster, Eip, Instance, InstanceType, NatGateway, Node, NodePool, RouteTable, Snapshot, SnatEntry, VSwitch } from '../src/snapshot/types.js';

export const BENCH_REGION = 'cn-hangzhou';
const ZONES = ['h', 'i', 'j', 'k'].map((z) => `${BENCH_REGION}-${z}`);
const OS_NAME = 'Alibaba Cloud Linux 3.2104 LTS 64 bit';

/** The sizes the issue asks for; checked against the built account. */
export const BENCH_SIZES = { nodes: 1000, vswitches: 300, natGateways: 50, snatEntries: 1500, instanceTypes: 30 } as const;

interface VpcPlan {
  key: string;
  vpcId: string;
  /** Second octet of the vSwitch /24s: 10.<octet>.<k>.0/24. */
  octet: number;
  vswitches: number;
  natGateways: number;
  /** SNAT table sizes fixed up front; the remaining tables share what is left of 1,500. */
  fixedSnat: number[];
  /** Custom route tables holding vSwitches no cluster uses (their entries are not read). */
  otherRouteTables: number;
  clusters: ClusterPlan[];
}

interface ClusterPlan {
  id: string;
  name: string;
  tag: string;
  plugin: 'flannel' | 'terway';
  nodes: number;
  pools: number;
  /** vSwitch indexes within the VPC. */
  nodeVSwitches: number[];
  podVSwitches: number[];
  podCidr?: string;
  serviceCidr: string;
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

const PLAN: VpcPlan[] = [
  {
    key: 'shop',
    vpcId: 'vpc-bp1benchshop01',
    octet: 1,
    vswitches: 200,
    natGateways: 30,
    fixedSnat: [400, 75, 60, 0, 0, 0, 0],
    otherRouteTables: 3,
    clusters: [
      { id: 'c-benchshopfl01', name: 'shop-prod', tag: 'shopfl', plugin: 'flannel', nodes: 400, pools: 4, nodeVSwitches: range(0, 4), podVSwitches: [], podCidr: '172.20.0.0/16', serviceCidr: '192.168.0.0/16' },
      { id: 'c-benchshoptw01', name: 'shop-prod-terway', tag: 'shoptw', plugin: 'terway', nodes: 400, pools: 4, nodeVSwitches: range(4, 4), podVSwitches: range(8, 40), serviceCidr: '192.168.0.0/16' },
    ],
  },
  {
    key: 'pay',
    vpcId: 'vpc-bp1benchpay001',
    octet: 2,
    vswitches: 100,
    natGateways: 20,
    fixedSnat: [150, 0, 0, 0],
    otherRouteTables: 1,
    clusters: [
      { id: 'c-benchpayfl001', name: 'pay-prod', tag: 'payfl', plugin: 'flannel', nodes: 100, pools: 2, nodeVSwitches: range(0, 2), podVSwitches: [], podCidr: '172.21.0.0/16', serviceCidr: '192.168.0.0/16' },
      { id: 'c-benchpaytw001', name: 'pay-prod-terway', tag: 'paytw', plugin: 'terway', nodes: 100, pools: 2, nodeVSwitches: range(2, 2), podVSwitches: range(4, 20), serviceCidr: '192.168.0.0/16' },
    ],
  },
];

/** 6 families × 5 sizes; ENI figures grow with size, the 7th generation supports trunk ENIs. */
function instanceTypes(): InstanceType[] {
  const families = ['g6', 'c6', 'r6', 'g7', 'c7', 'r7'];
  const sizes = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge'];
  const eni = [3, 4, 4, 8, 8];
  const ips = [6, 15, 15, 20, 30];
  return families.flatMap((f) =>
    sizes.map((s, i) => {
      const trunk = f.endsWith('7');
      return {
        id: `ecs.${f}.${s}`,
        eniQuantity: eni[i]!,
        eniPrivateIpAddressQuantity: ips[i]!,
        eniTotalQuantity: trunk ? eni[i]! * 4 : eni[i]!,
        eniTrunkSupported: trunk,
        eniIpv6AddressQuantity: ips[i]!,
      };
    }),
  );
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const ipOf = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `total` split over `n` parts as evenly as integers allow, larger parts first. */
function distribute(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  return range(0, n).map((i) => base + (i < total - base * n ? 1 : 0));
}

/** The benchmark account as a snapshot (cloud sections; no Kubernetes data). */
export function benchSnapshot(): Snapshot {
  const types = instanceTypes();
  const clusters: Cluster[] = [];
  const nodes: Node[] = [];
  const instances: Instance[] = [];
  const vswitches: VSwitch[] = [];
  const natGateways: NatGateway[] = [];
  const snatEntries: SnatEntry[] = [];
  const routeTables: RouteTable[] = [];
  const eips: Eip[] = [];

  // SNAT table sizes: the fixed ones per VPC, then the rest of 1,500 spread over the other tables.
  const fixedTotal = PLAN.reduce((s, v) => s + v.fixedSnat.reduce((a, b) => a + b, 0), 0);
  const freeTables = PLAN.reduce((s, v) => s + v.natGateways - v.fixedSnat.length, 0);
  const shares = distribute(BENCH_SIZES.snatEntries - fixedTotal, freeTables);

  let poolIndex = 0; // over all clusters: pool p gets instance types 0..29 in order (3 each for 0–5, 2 for 6–11)
  let typeCursor = 0;
  let nodeEip = 0;
  for (const vpc of PLAN) {
    const vswId = (k: number) => `vsw-bp1${vpc.key}${pad(k, 4)}`;
    const sysTable = `vtb-bp1${vpc.key}sys01`;
    const podTable = `vtb-bp1${vpc.key}pod01`;
    const otherTable = (j: number) => `vtb-bp1${vpc.key}cus${pad(j + 1, 2)}`;
    const podVSwitchSet = new Set(vpc.clusters.flatMap((c) => c.podVSwitches));
    // The last 10 × otherRouteTables vSwitches sit on custom tables no cluster uses; the shop VPC's
    // pod vSwitches have a custom table of their own (used, so read); everything else: the system table.
    const otherStart = vpc.vswitches - 10 * vpc.otherRouteTables;
    const tableOf = (k: number): [string, string] =>
      k >= otherStart ? [otherTable(Math.floor((k - otherStart) / 10)), 'Custom'] : vpc.key === 'shop' && podVSwitchSet.has(k) ? [podTable, 'Custom'] : [sysTable, 'System'];
    const nodesOnVSwitch = new Map<number, number>();
    for (let k = 0; k < vpc.vswitches; k++) {
      const [rt, rtType] = tableOf(k);
      vswitches.push({
        id: vswId(k),
        name: `${vpc.key}-${pad(k, 3)}`,
        vpcId: vpc.vpcId,
        zoneId: ZONES[k % ZONES.length]!,
        cidr: `10.${vpc.octet}.${k}.0/24`,
        availableIpCount: 252, // lowered below for node vSwitches
        routeTableId: rt,
        routeTableType: rtType,
      });
    }
    const vsw = (k: number) => vswitches.find((v) => v.id === vswId(k))!;

    // NAT gateways, one SNAT table and one EIP each.
    const natIds: string[] = [];
    for (let g = 0; g < vpc.natGateways; g++) {
      const id = `ngw-bp1${vpc.key}${pad(g, 3)}`;
      const ip = `47.98.${vpc.octet}.${g + 1}`;
      natIds.push(id);
      natGateways.push({ id, name: `${vpc.key}-egress-${g}`, vpcId: vpc.vpcId, type: 'Enhanced', status: 'Available', snatTableIds: [`stb-bp1${vpc.key}${pad(g, 3)}`], ips: [ip] });
      eips.push({ id: `eip-bp1nat${vpc.key}${pad(g, 3)}`, ip, boundType: 'Nat', boundId: id, status: 'InUse' });
      const size = g < vpc.fixedSnat.length ? vpc.fixedSnat[g]! : shares.shift()!;
      for (let j = 0; j < size; j++) {
        // The first entries of each table name a vSwitch (with its CIDR, as the API answers);
        // the rest are bare CIDRs.
        const byVSwitch = j < vpc.vswitches && j % 2 === 0;
        snatEntries.push({
          id: `snat-bp1${vpc.key}${pad(g, 3)}${pad(j, 4)}`,
          snatTableId: `stb-bp1${vpc.key}${pad(g, 3)}`,
          natGatewayId: id,
          ...(byVSwitch ? { sourceVSwitchId: vswId(j) } : {}),
          sourceCidr: byVSwitch ? `10.${vpc.octet}.${j}.0/24` : `${ipOf(((100 << 24) | (64 << 16)) + vpc.octet * 65536 + g * 1024 + j)}/32`,
          snatIp: ip,
          status: 'Available',
        });
      }
    }

    // Clusters, pools, nodes, instances; Flannel routes for the system table.
    const flannelRoutes: RouteTable['entries'] = [];
    for (const c of vpc.clusters) {
      const pools: NodePool[] = [];
      for (let p = 0; p < c.pools; p++, poolIndex++) {
        const count = poolIndex < 6 ? 3 : 2;
        const poolTypes = types.slice(typeCursor, typeCursor + count).map((t) => t.id);
        typeCursor += count;
        const nv = c.nodeVSwitches;
        pools.push({
          id: `np-${c.tag}${pad(p, 2)}`,
          name: `pool-${p}`,
          instanceTypes: poolTypes,
          vswitchIds: [...new Set([nv[p % nv.length]!, nv[(p + 1) % nv.length]!])].map(vswId).sort(),
          desiredSize: c.nodes / c.pools,
          ...(c.plugin === 'flannel' ? { maxPods: p % 2 === 0 ? 64 : 128 } : {}),
        });
      }
      for (let i = 0; i < c.nodes; i++) {
        const pool = pools[i % c.pools]!;
        const round = Math.floor(i / c.pools);
        const type = pool.instanceTypes[round % pool.instanceTypes.length]!;
        const vswitchId = pool.vswitchIds[round % pool.vswitchIds.length]!;
        const k = Number(vswitchId.slice(-4));
        const host = 10 + (nodesOnVSwitch.get(k) ?? 0);
        nodesOnVSwitch.set(k, host - 9);
        const privateIp = `10.${vpc.octet}.${k}.${host}`;
        const id = `i-bp1${c.tag}${pad(i, 5)}`;
        const zoneId = vsw(k).zoneId;
        nodes.push({ id, clusterId: c.id, name: `${BENCH_REGION}.${privateIp}`, nodePoolId: pool.id, zoneId, instanceType: type, privateIp });
        const eip = i % 50 === 25 ? `47.98.3.${++nodeEip}` : undefined;
        instances.push({ id, zoneId, instanceType: type, vswitchId, privateIp, ...(eip ? { eipAddress: eip } : {}), osName: OS_NAME });
        if (eip) eips.push({ id: `eip-bp1node${pad(nodeEip, 4)}`, ip: eip, boundType: 'EcsInstance', boundId: id, status: 'InUse' });
        if (c.podCidr) {
          const [a, b] = c.podCidr.split('.').map(Number) as [number, number];
          flannelRoutes.push({ destinationCidr: `${a}.${b}.${i >> 1}.${(i & 1) * 128}/25`, nextHopType: 'Instance', nextHopId: id, status: 'Available' });
        }
      }
      clusters.push({
        id: c.id,
        name: c.name,
        region: BENCH_REGION,
        networkPlugin: c.plugin,
        addons:
          c.plugin === 'flannel'
            ? [
                { name: 'coredns', version: 'v1.11.3.2-f57ea7ed6-aliyun' },
                { name: 'csi-plugin', version: 'v1.31.3-df937b8-aliyun' },
                { name: 'flannel', version: 'v0.25.7.1-4d6b7a8-aliyun' },
              ]
            : [
                { name: 'coredns', version: 'v1.11.3.2-f57ea7ed6-aliyun' },
                { name: 'csi-plugin', version: 'v1.31.3-df937b8-aliyun' },
                { name: 'terway-eniip', version: 'v1.13.4' },
              ],
        vpcId: vpc.vpcId,
        ...(c.podCidr ? { podCidr: c.podCidr } : {}),
        serviceCidr: c.serviceCidr,
        nodeVSwitchIds: c.nodeVSwitches.map(vswId).sort(),
        ...(c.podVSwitches.length > 0 ? { podVSwitchIds: c.podVSwitches.map(vswId).sort() } : {}),
        nodePools: pools,
      });
    }
    for (const [k, used] of nodesOnVSwitch) vsw(k).availableIpCount = 252 - used;

    // Route tables: the system table (default route to the first NAT gateway, then one route per
    // Flannel node), the shop pod vSwitches' custom table, and custom tables no cluster uses.
    const members = (table: string) => vswitches.filter((v) => v.vpcId === vpc.vpcId && v.routeTableId === table).map((v) => v.id).sort();
    routeTables.push({
      id: sysTable,
      vpcId: vpc.vpcId,
      type: 'System',
      vswitchIds: members(sysTable),
      entries: [{ destinationCidr: '0.0.0.0/0', nextHopType: 'NatGateway', nextHopId: natIds[0]!, status: 'Available' }, ...flannelRoutes],
    });
    if (vpc.key === 'shop') {
      routeTables.push({
        id: podTable,
        vpcId: vpc.vpcId,
        type: 'Custom',
        vswitchIds: members(podTable),
        entries: [{ destinationCidr: '0.0.0.0/0', nextHopType: 'NatGateway', nextHopId: natIds[1]!, status: 'Available' }],
      });
    }
    for (let j = 0; j < vpc.otherRouteTables; j++) {
      routeTables.push({
        id: otherTable(j),
        vpcId: vpc.vpcId,
        type: 'Custom',
        vswitchIds: members(otherTable(j)),
        entries: [
          { destinationCidr: '0.0.0.0/0', nextHopType: 'NatGateway', nextHopId: natIds[2]!, status: 'Available' },
          { destinationCidr: `198.51.100.${j * 16}/28`, nextHopType: 'HaVip', nextHopId: `havip-bp1${vpc.key}${j}`, status: 'Available' },
        ],
      });
    }
  }
  // 40 EIPs bound to nothing: listed by DescribeEipAddresses, dropped by the collector.
  for (let k = 0; k < 40; k++) eips.push({ id: `eip-bp1free${pad(k, 4)}`, ip: `47.98.4.${k + 1}`, status: 'Available' });

  const snapshot: Snapshot = {
    schemaVersion: 1,
    meta: {
      toolVersion: 'bench',
      collectedAt: '2026-01-01T00:00:00Z',
      region: BENCH_REGION,
      scope: clusters.map((c) => ({ clusterId: c.id, role: 'standalone' as const })).sort((a, b) => (a.clusterId < b.clusterId ? -1 : 1)),
      description: 'collection benchmark account (bench/collect-scenario.ts)',
    },
    clusters: clusters.sort(byId),
    nodes: nodes.sort(byId),
    vswitches: vswitches.sort(byId),
    natGateways: natGateways.sort(byId),
    snatEntries: snatEntries.sort(byId),
    routeTables: routeTables.sort(byId),
    eips: eips.sort(byId),
    instances: instances.sort(byId),
    instanceTypes: types.sort(byId),
    errors: [],
  };
  return snapshot;
}

/**
 * What a collection of the account must give back: the cloud sections as the collector reduces
 * them (route tables only when a cluster vSwitch uses them, EIPs only when bound to a node or a NAT
 * gateway, instance types only when in use). Sections sorted by (clusterId, id) like the writer.
 */
export function expectedCollected(s: Snapshot): Partial<Snapshot> {
  const used = new Set((s.clusters ?? []).flatMap((c) => [...c.nodeVSwitchIds, ...(c.podVSwitchIds ?? []), ...(c.nodePools ?? []).flatMap((p) => p.vswitchIds)]));
  const bound = new Set([...(s.nodes ?? []).map((n) => n.id), ...(s.natGateways ?? []).map((g) => g.id)]);
  const usedTypes = new Set([...(s.clusters ?? []).flatMap((c) => (c.nodePools ?? []).flatMap((p) => p.instanceTypes)), ...(s.nodes ?? []).map((n) => n.instanceType)]);
  return {
    clusters: s.clusters,
    nodes: s.nodes,
    vswitches: s.vswitches,
    natGateways: s.natGateways,
    snatEntries: s.snatEntries,
    routeTables: (s.routeTables ?? []).filter((t) => t.vswitchIds.some((v) => used.has(v))),
    eips: (s.eips ?? []).filter((e) => e.boundId !== undefined && bound.has(e.boundId)),
    instances: s.instances,
    instanceTypes: (s.instanceTypes ?? []).filter((t) => usedTypes.has(t.id)),
  };
}
