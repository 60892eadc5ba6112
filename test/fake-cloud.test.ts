/**
 * fake-cloud against the REAL v7 SDK clients (never a mocked SDK object): every implemented API
 * answers in a shape the SDK model accepts, paging maxima are enforced, auth is checked, and the
 * injected faults (throttling, failures, malformed bodies, hangs, latency) reach the SDK as the
 * real service's would. No wall-clock assertions: latency tests look at counts and ordering.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Cs, * as $Cs from '@alicloud/cs20151215';
import Ecs, * as $Ecs from '@alicloud/ecs20140526';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import Vpc, * as $Vpc from '@alicloud/vpc20160428';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster, Node, RouteTable, Snapshot } from '../src/snapshot/types.js';
import {
  FAKE_ACCESS_KEY_ID,
  FAKE_ACCESS_KEY_SECRET,
  emptyScenario,
  padScenario,
  scenarioFromSnapshot,
  type FakeCloudScenario,
} from './fake-cloud/scenario.js';
import { BATCH_LIMITS, PAGE_LIMITS, startFakeCloud, type FakeCloud, type FakeCloudOptions } from './fake-cloud/server.js';

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REGION = 'cn-hangzhou';
const VPC_ID = 'vpc-bp1shop0001';

// Under Node's native ESM the default import of these CommonJS packages is the module object (the
// client is `.default`); under vitest's interop it is the class itself. Accept both.
type CsClient = InstanceType<typeof import('@alicloud/cs20151215').default>;
type VpcClient = InstanceType<typeof import('@alicloud/vpc20160428').default>;
type EcsClient = InstanceType<typeof import('@alicloud/ecs20140526').default>;
const CsCtor = ((Cs as unknown as { default?: unknown }).default ?? Cs) as new (c: $OpenApiUtil.Config) => CsClient;
const VpcCtor = ((Vpc as unknown as { default?: unknown }).default ?? Vpc) as new (c: $OpenApiUtil.Config) => VpcClient;
const EcsCtor = ((Ecs as unknown as { default?: unknown }).default ?? Ecs) as new (c: $OpenApiUtil.Config) => EcsClient;

interface Clients {
  cs: CsClient;
  vpc: VpcClient;
  ecs: EcsClient;
}

function clients(fc: FakeCloud, over: Partial<{ accessKeyId: string; accessKeySecret: string; readTimeout: number }> = {}): Clients {
  const config = () =>
    new $OpenApiUtil.Config({
      accessKeyId: over.accessKeyId ?? FAKE_ACCESS_KEY_ID,
      accessKeySecret: over.accessKeySecret ?? FAKE_ACCESS_KEY_SECRET,
      endpoint: fc.endpoint,
      protocol: 'http',
      regionId: REGION,
      readTimeout: over.readTimeout ?? 10_000,
      connectTimeout: over.readTimeout ?? 10_000,
    });
  return { cs: new CsCtor(config()), vpc: new VpcCtor(config()), ecs: new EcsCtor(config()) };
}

function loadSnapshot(name: string): Snapshot {
  return JSON.parse(readFileSync(join(ROOT, 'fixtures', 'snapshots', name), 'utf8')) as Snapshot;
}

/** The error an SDK call rejects with (fails the test when it resolves). */
async function rejection(p: Promise<unknown>): Promise<{ name: string; code?: string; statusCode?: number; requestId?: string; retryAfter?: number; data?: Record<string, unknown>; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error('expected the call to fail');
}

const started: FakeCloud[] = [];
async function start(scenario: FakeCloudScenario, options?: FakeCloudOptions): Promise<FakeCloud> {
  const fc = await startFakeCloud(scenario, options);
  started.push(fc);
  return fc;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((fc) => fc.close()));
});

// ---------------------------------------------------------------------------------------------
// A small reference reader: reads every list to its end through the SDK and rebuilds the snapshot
// sections. It shows the documented mapping is complete; the real collectors live in src/collect.
// ---------------------------------------------------------------------------------------------

async function readAllPages<T>(fetch: (page: number) => Promise<{ items: T[]; total: number }>, pageSize: number): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await fetch(page);
    out.push(...items);
    if (out.length >= total || items.length < pageSize) return out;
    if (page > 10_000) throw new Error('paging did not end');
  }
}

async function readAllTokens<T>(fetch: (token: string) => Promise<{ items: T[]; next: string }>): Promise<T[]> {
  const out: T[] = [];
  let token = '';
  const seen = new Set<string>();
  for (;;) {
    const { items, next } = await fetch(token);
    out.push(...items);
    if (!next || seen.has(next)) return out;
    seen.add(next);
    token = next;
  }
}

const TERWAY = new Set(['terway-eniip', 'terway-eni', 'terway', 'terway-controlplane']);

async function readBack(c: Clients, clusterIds: string[]): Promise<Pick<Snapshot, 'clusters' | 'nodes' | 'vswitches' | 'natGateways' | 'snatEntries' | 'routeTables' | 'eips' | 'instances' | 'instanceTypes'>> {
  const clusters: Cluster[] = [];
  const nodes: Node[] = [];
  for (const id of clusterIds) {
    const d = (await c.cs.describeClusterDetail(id)).body!;
    const addons = (await c.cs.listClusterAddonInstances(id)).body!.addons ?? [];
    const pools = (await c.cs.describeClusterNodePools(id, new $Cs.DescribeClusterNodePoolsRequest({}))).body!.nodepools ?? [];
    const wireNodes = await readAllPages(async (page) => {
      const b = (await c.cs.describeClusterNodes(id, new $Cs.DescribeClusterNodesRequest({ pageNumber: String(page), pageSize: '100' }))).body!;
      return { items: b.nodes ?? [], total: b.page!.totalCount! };
    }, 100);
    const podVsw = JSON.parse(d.parameters?.PodVswitchIds ?? '[]') as string[];
    const names = addons.map((a) => a.name!);
    clusters.push({
      id: d.clusterId!,
      name: d.name!,
      region: d.regionId!,
      networkPlugin: names.includes('flannel') ? 'flannel' : names.some((n) => TERWAY.has(n)) ? 'terway' : 'unknown',
      addons: addons.map((a) => ({ name: a.name!, ...(a.version ? { version: a.version } : {}) })),
      vpcId: d.vpcId!,
      ...(d.containerCidr ? { podCidr: d.containerCidr } : {}),
      ...(d.serviceCidr ? { serviceCidr: d.serviceCidr } : {}),
      nodeVSwitchIds: d.vswitchIds ?? [],
      ...(podVsw.length ? { podVSwitchIds: podVsw } : {}),
      nodePools: pools.map((p) => ({
        id: p.nodepoolInfo!.nodepoolId!,
        name: p.nodepoolInfo!.name!,
        instanceTypes: p.scalingGroup!.instanceTypes ?? [],
        vswitchIds: p.scalingGroup!.vswitchIds ?? [],
        desiredSize: p.scalingGroup!.desiredSize ?? 0,
        ...(p.nodeConfig?.kubeletConfiguration?.maxPods === undefined ? {} : { maxPods: p.nodeConfig.kubeletConfiguration.maxPods }),
      })),
    });
    for (const n of wireNodes) {
      nodes.push({
        id: n.instanceId!,
        clusterId: id,
        name: n.nodeName!,
        ...(n.nodepoolId ? { nodePoolId: n.nodepoolId } : {}),
        zoneId: '',
        instanceType: n.instanceType!,
        privateIp: n.ipAddress![0]!,
      });
    }
  }
  const vswitches = await readAllPages(async (page) => {
    const b = (await c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: REGION, vpcId: VPC_ID, pageNumber: page, pageSize: 50 }))).body!;
    return { items: b.vSwitches!.vSwitch ?? [], total: b.totalCount! };
  }, 50);
  const nats = await readAllPages(async (page) => {
    const b = (await c.vpc.describeNatGateways(new $Vpc.DescribeNatGatewaysRequest({ regionId: REGION, vpcId: VPC_ID, pageNumber: page, pageSize: 50 }))).body!;
    return { items: b.natGateways!.natGateway ?? [], total: b.totalCount! };
  }, 50);
  const snat = [];
  for (const g of nats) {
    for (const table of g.snatTableIds!.snatTableId ?? []) {
      snat.push(
        ...(await readAllPages(async (page) => {
          const b = (
            await c.vpc.describeSnatTableEntries(new $Vpc.DescribeSnatTableEntriesRequest({ regionId: REGION, snatTableId: table, pageNumber: page, pageSize: 50 }))
          ).body!;
          return { items: b.snatTableEntries!.snatTableEntry ?? [], total: b.totalCount! };
        }, 50)),
      );
    }
  }
  const tables = await readAllPages(async (page) => {
    const b = (await c.vpc.describeRouteTableList(new $Vpc.DescribeRouteTableListRequest({ regionId: REGION, vpcId: VPC_ID, pageNumber: page, pageSize: 50 }))).body!;
    return { items: b.routerTableList!.routerTableListType ?? [], total: b.totalCount! };
  }, 50);
  const routeTables: RouteTable[] = [];
  for (const t of tables) {
    const entries = await readAllTokens(async (token) => {
      const b = (
        await c.vpc.describeRouteEntryList(
          new $Vpc.DescribeRouteEntryListRequest({ regionId: REGION, routeTableId: t.routeTableId, maxResult: 100, ...(token ? { nextToken: token } : {}) }),
        )
      ).body!;
      return { items: b.routeEntrys!.routeEntry ?? [], next: b.nextToken ?? '' };
    });
    routeTables.push({
      id: t.routeTableId!,
      vpcId: t.vpcId!,
      type: t.routeTableType!,
      vswitchIds: t.vSwitchIds!.vSwitchId ?? [],
      entries: entries.map((e) => {
        const hop = e.nextHops!.nextHop![0]!;
        return {
          destinationCidr: e.destinationCidrBlock!,
          nextHopType: hop.nextHopType!,
          ...(hop.nextHopId ? { nextHopId: hop.nextHopId } : {}),
          ...(e.status ? { status: e.status } : {}),
        };
      }),
    });
  }
  const eips = await readAllPages(async (page) => {
    const b = (await c.vpc.describeEipAddresses(new $Vpc.DescribeEipAddressesRequest({ regionId: REGION, pageNumber: page, pageSize: 100 }))).body!;
    return { items: b.eipAddresses!.eipAddress ?? [], total: b.totalCount! };
  }, 100);
  const ids = nodes.map((n) => n.id);
  const instances = [];
  for (let i = 0; i < ids.length; i += BATCH_LIMITS.DescribeInstances) {
    const batch = ids.slice(i, i + BATCH_LIMITS.DescribeInstances);
    instances.push(
      ...(await readAllTokens(async (token) => {
        const b = (
          await c.ecs.describeInstances(
            new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify(batch), maxResults: 100, ...(token ? { nextToken: token } : {}) }),
          )
        ).body!;
        return { items: b.instances!.instance ?? [], next: b.nextToken ?? '' };
      })),
    );
  }
  const zoneOf = new Map(instances.map((i) => [i.instanceId!, i.zoneId!]));
  for (const n of nodes) n.zoneId = zoneOf.get(n.id) ?? '';
  const typeIds = [...new Set([...nodes.map((n) => n.instanceType), ...clusters.flatMap((c) => c.nodePools!.flatMap((p) => p.instanceTypes))])];
  const types = [];
  for (let i = 0; i < typeIds.length; i += BATCH_LIMITS.DescribeInstanceTypes) {
    const batch = typeIds.slice(i, i + BATCH_LIMITS.DescribeInstanceTypes);
    types.push(
      ...(await readAllTokens(async (token) => {
        const b = (
          await c.ecs.describeInstanceTypes(new $Ecs.DescribeInstanceTypesRequest({ instanceTypes: batch, ...(token ? { nextToken: token } : {}) }))
        ).body!;
        return { items: b.instanceTypes!.instanceType ?? [], next: b.nextToken ?? '' };
      })),
    );
  }
  return {
    clusters,
    nodes,
    vswitches: vswitches.map((v) => ({
      id: v.vSwitchId!,
      ...(v.vSwitchName ? { name: v.vSwitchName } : {}),
      vpcId: v.vpcId!,
      zoneId: v.zoneId!,
      cidr: v.cidrBlock!,
      availableIpCount: v.availableIpAddressCount!,
      ...(v.routeTable?.routeTableId ? { routeTableId: v.routeTable.routeTableId, routeTableType: v.routeTable.routeTableType! } : {}),
    })),
    natGateways: nats.map((g) => ({
      id: g.natGatewayId!,
      ...(g.name ? { name: g.name } : {}),
      vpcId: g.vpcId!,
      type: g.natType!,
      status: g.status!,
      snatTableIds: g.snatTableIds!.snatTableId ?? [],
      ips: (g.ipLists!.ipList ?? []).map((x) => x.ipAddress!),
    })),
    snatEntries: snat.map((e) => ({
      id: e.snatEntryId!,
      snatTableId: e.snatTableId!,
      natGatewayId: e.natGatewayId!,
      ...(e.sourceVSwitchId ? { sourceVSwitchId: e.sourceVSwitchId } : {}),
      ...(e.sourceCIDR ? { sourceCidr: e.sourceCIDR } : {}),
      snatIp: e.snatIp!,
      status: e.status!,
    })),
    routeTables,
    eips: eips.map((e) => ({
      id: e.allocationId!,
      ip: e.ipAddress!,
      ...(e.instanceType ? { boundType: e.instanceType } : {}),
      ...(e.instanceId ? { boundId: e.instanceId } : {}),
      status: e.status!,
    })),
    instances: instances.map((i) => ({
      id: i.instanceId!,
      zoneId: i.zoneId!,
      instanceType: i.instanceType!,
      vswitchId: i.vpcAttributes!.vSwitchId!,
      privateIp: i.vpcAttributes!.privateIpAddress!.ipAddress![0]!,
      ...(i.publicIpAddress?.ipAddress?.[0] ? { publicIp: i.publicIpAddress.ipAddress[0] } : {}),
      ...(i.eipAddress?.ipAddress ? { eipAddress: i.eipAddress.ipAddress } : {}),
      ...(i.OSName ? { osName: i.OSName } : {}),
    })),
    instanceTypes: types.map((t) => ({
      id: t.instanceTypeId!,
      eniQuantity: t.eniQuantity!,
      eniPrivateIpAddressQuantity: t.eniPrivateIpAddressQuantity!,
      eniTotalQuantity: t.eniTotalQuantity!,
      eniTrunkSupported: t.eniTrunkSupported!,
      ...(t.eniIpv6AddressQuantity === undefined ? {} : { eniIpv6AddressQuantity: t.eniIpv6AddressQuantity }),
    })),
  };
}

const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Snapshot sections with the fields the cloud APIs cannot carry removed. */
function expressible(s: Snapshot) {
  return {
    clusters: byId(s.clusters!.map((c) => ({ ...c, nodePools: (c.nodePools ?? []).map(({ terwayMode: _t, ...p }) => p) }))),
    nodes: byId(s.nodes!.map(({ osImage: _o, kernelVersion: _k, allocatablePods: _a, ...n }) => n)),
    vswitches: byId(s.vswitches!),
    natGateways: byId(s.natGateways!),
    snatEntries: byId(s.snatEntries!),
    routeTables: byId(s.routeTables!),
    eips: byId(s.eips!),
    instances: byId(s.instances!),
    instanceTypes: byId(s.instanceTypes!),
  };
}

// ---------------------------------------------------------------------------------------------

describe('fake-cloud: every API answers in a shape the SDK accepts', () => {
  const snapshot = loadSnapshot('seed-incident.json');
  let fc: FakeCloud;
  let c: Clients;
  beforeAll(async () => {
    fc = await startFakeCloud(scenarioFromSnapshot(snapshot));
    c = clients(fc);
  });
  afterAll(() => fc.close());

  it.each(readdirSync(join(ROOT, 'fixtures', 'snapshots')).filter((f) => f.endsWith('.json')))(
    'round-trips every expressible field of %s through the real SDK models',
    async (file) => {
      const snap = loadSnapshot(file);
      const own = await start(scenarioFromSnapshot(snap));
      await expectRoundTrip(snap, clients(own));
    },
  );

  it('round-trips the padded estate too: every page of every list read', async () => {
    const padded = padScenario(scenarioFromSnapshot(snapshot), { vswitches: 120, snatEntries: 75, routeEntries: 130, eips: 150, nodes: 130, natGateways: 3, routeTables: 2 });
    const own = await start(padded);
    const back = await readBack(clients(own), snapshot.clusters!.map((x) => x.id));
    const want = expressible(snapshot);
    for (const v of want.vswitches) expect(back.vswitches).toContainEqual(v);
    for (const e of want.snatEntries) expect(back.snatEntries).toContainEqual(e);
    for (const n of want.nodes) expect(back.nodes).toContainEqual(n);
    expect(back.vswitches).toHaveLength(120);
    expect(back.nodes).toHaveLength(260);
    expect(back.eips).toHaveLength(150);
    expect(back.snatEntries).toHaveLength(75 * 3);
    const sys = back.routeTables!.find((t) => t.id === 'vtb-bp1shopsys01')!;
    expect(sys.entries).toHaveLength(130);
    expect(sys.entries.slice(-want.routeTables[0]!.entries.length)).toEqual(want.routeTables[0]!.entries);
  });

  async function expectRoundTrip(snap: Snapshot, c: Clients): Promise<void> {
    const ids = snap.clusters!.map((x) => x.id);
    const back = await readBack(c, ids);
    const want = expressible(snap);
    expect(byId(back.clusters!)).toEqual(want.clusters);
    expect(byId(back.nodes!)).toEqual(want.nodes);
    expect(byId(back.vswitches!)).toEqual(want.vswitches);
    expect(byId(back.natGateways!)).toEqual(want.natGateways);
    expect(byId(back.snatEntries!)).toEqual(want.snatEntries);
    expect(byId(back.routeTables!)).toEqual(want.routeTables);
    expect(byId(back.eips!)).toEqual(want.eips);
    expect(byId(back.instances!)).toEqual(want.instances);
    // The reader asks for the types in use, 10 a call; the snapshot also lists types no node or pool uses.
    const inUse = new Set([...want.nodes.map((n) => n.instanceType), ...want.clusters.flatMap((x) => x.nodePools.flatMap((p) => p.instanceTypes))]);
    expect(byId(back.instanceTypes!)).toEqual(want.instanceTypes.filter((t) => inUse.has(t.id)));
    const catalogue = (await c.ecs.describeInstanceTypes(new $Ecs.DescribeInstanceTypesRequest({}))).body!.instanceTypes!.instanceType!;
    expect(catalogue.map((t) => t.instanceTypeId).sort()).toEqual(want.instanceTypes.map((t) => t.id));
  }

  it('DescribeClustersV1: clusters[] with page_info, detail-only keys dropped, meta_data a JSON string', async () => {
    const r = await c.cs.describeClustersV1(new $Cs.DescribeClustersV1Request({ regionId: REGION, pageNumber: 1, pageSize: 100 }));
    expect(r.statusCode).toBe(200);
    expect(r.body!.pageInfo).toEqual({ pageNumber: 1, pageSize: 100, totalCount: 2 });
    const flannel = r.body!.clusters!.find((x) => x.clusterId === 'c-flannel0shop01')!;
    expect(flannel.containerCidr).toBe('172.20.0.0/16');
    expect(flannel.vswitchIds).toEqual(['vsw-bp1nodeh0001', 'vsw-bp1nodei0001']);
    expect(JSON.parse(flannel.metaData!).Addons).toEqual([{ name: 'flannel', version: 'v0.25.7.1-4d6b7a8-aliyun' }]);
    const call = fc.calls.at(-1)!;
    expect(call).toMatchObject({ service: 'cs', action: 'DescribeClustersV1', route: 'GET /api/v1/clusters', page: 1, pageSize: 100, status: 200 });
    expect(call.params).toMatchObject({ page_number: '1', page_size: '100', region_id: REGION });
  });

  it('DescribeClusterDetail: Terway pod vSwitches in parameters.PodVswitchIds; no container_cidr; 404 ErrorClusterNotFound', async () => {
    const t = (await c.cs.describeClusterDetail('c-terway00shop01')).body!;
    expect(t.containerCidr).toBeUndefined();
    expect(JSON.parse(t.parameters!.PodVswitchIds!)).toEqual(['vsw-bp1podh10001', 'vsw-bp1podi10001']);
    const f = (await c.cs.describeClusterDetail('c-flannel0shop01')).body!;
    expect(f.parameters!.PodVswitchIds).toBe('[]');
    expect(f.nodeCidrMask).toBe('26');
    const e = await rejection(c.cs.describeClusterDetail('c-nope'));
    expect(e).toMatchObject({ name: 'ClientError', code: 'ErrorClusterNotFound', statusCode: 404 });
    expect(e.requestId).toBe(fc.calls.at(-1)!.requestId);
    expect(fc.calls.at(-1)).toMatchObject({ route: 'GET /clusters/{ClusterId}', pathParams: { ClusterId: 'c-nope' }, status: 404 });
  });

  it('ListClusterAddonInstances and DescribeClusterNodePools', async () => {
    const a = (await c.cs.listClusterAddonInstances('c-terway00shop01')).body!;
    expect(a.addons).toEqual([{ name: 'terway-eniip', version: 'v1.17.2', state: 'active' }]);
    const p = (await c.cs.describeClusterNodePools('c-flannel0shop01', new $Cs.DescribeClusterNodePoolsRequest({}))).body!;
    const app = p.nodepools!.find((x) => x.nodepoolInfo!.nodepoolId === 'np-src-app')!;
    expect(app.scalingGroup).toMatchObject({ instanceTypes: ['ecs.g6.2xlarge'], vswitchIds: ['vsw-bp1nodeh0001', 'vsw-bp1nodei0001'], desiredSize: 2 });
    expect(app.nodeConfig!.kubeletConfiguration!.maxPods).toBe(128);
    const only = (await c.cs.describeClusterNodePools('c-flannel0shop01', new $Cs.DescribeClusterNodePoolsRequest({ nodepoolName: 'web' }))).body!;
    expect(only.nodepools!.map((x) => x.nodepoolInfo!.name)).toEqual(['web']);
  });

  it('DescribeClusterNodes: camelCase string paging params, page.total_count, filters', async () => {
    const r = (await c.cs.describeClusterNodes('c-terway00shop01', new $Cs.DescribeClusterNodesRequest({ pageNumber: '1', pageSize: '2' }))).body!;
    expect(r.nodes).toHaveLength(2);
    expect(r.page).toEqual({ pageNumber: 1, pageSize: 2, totalCount: 3 });
    expect(fc.calls.at(-1)).toMatchObject({ params: { pageNumber: '1', pageSize: '2' }, page: 1, pageSize: 2 });
    const pool = (await c.cs.describeClusterNodes('c-terway00shop01', new $Cs.DescribeClusterNodesRequest({ nodepoolId: 'np-tw-core' }))).body!;
    expect(pool.nodes!.every((n) => n.nodepoolId === 'np-tw-core')).toBe(true);
  });

  it('VPC lists: wrapper objects and TotalCount/PageNumber/PageSize', async () => {
    const v = (await c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: REGION, vpcId: VPC_ID, pageSize: 50 }))).body!;
    expect(v).toMatchObject({ totalCount: 5, pageNumber: 1, pageSize: 50 });
    expect(v.requestId).toBe(fc.calls.at(-1)!.requestId);
    const n = (await c.vpc.describeNatGateways(new $Vpc.DescribeNatGatewaysRequest({ regionId: REGION, vpcId: VPC_ID }))).body!;
    expect(n.natGateways!.natGateway![0]).toMatchObject({ natType: 'Enhanced', snatTableIds: { snatTableId: ['stb-bp1shop0001'] } });
    expect(n.natGateways!.natGateway![0]!.ipLists!.ipList![0]).toMatchObject({ ipAddress: '47.98.10.20', allocationId: 'eip-bp1natgw0001' });
    const s = (
      await c.vpc.describeSnatTableEntries(new $Vpc.DescribeSnatTableEntriesRequest({ regionId: REGION, snatTableId: 'stb-bp1shop0001', sourceVSwitchId: 'vsw-bp1podh10001' }))
    ).body!;
    expect(s.snatTableEntries!.snatTableEntry).toHaveLength(1);
    const t = (await c.vpc.describeRouteTableList(new $Vpc.DescribeRouteTableListRequest({ regionId: REGION, vpcId: VPC_ID }))).body!;
    expect(t.routerTableList!.routerTableListType![0]).toMatchObject({ routeTableId: 'vtb-bp1shopsys01', routeTableType: 'System' });
    const e = (
      await c.vpc.describeRouteEntryList(new $Vpc.DescribeRouteEntryListRequest({ regionId: REGION, routeTableId: 'vtb-bp1shopsys01', nextHopType: 'NatGateway' }))
    ).body!;
    expect(e.routeEntrys!.routeEntry!.map((x) => x.destinationCidrBlock)).toEqual(['0.0.0.0/0']);
    expect(e.nextToken).toBe('');
    const eip = (
      await c.vpc.describeEipAddresses(new $Vpc.DescribeEipAddressesRequest({ regionId: REGION, associatedInstanceType: 'Nat', associatedInstanceId: 'ngw-bp1shop0001' }))
    ).body!;
    expect(eip.eipAddresses!.eipAddress!.map((x) => x.ipAddress)).toEqual(['47.98.10.20']);
  });

  it('ECS: InstanceIds as a JSON-array string, EipAddress always present, InstanceTypes.N flattened', async () => {
    const i = (
      await c.ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify(['i-bp1tapp000001', 'i-missing']), maxResults: 100 }))
    ).body!;
    expect(i.instances!.instance).toHaveLength(1);
    expect(i.instances!.instance![0]!.eipAddress).toMatchObject({ ipAddress: '47.98.20.16', allocationId: 'eip-bp1node00006' });
    expect(i.instances!.instance![0]!.publicIpAddress!.ipAddress).toEqual([]);
    expect(i.nextToken).toBe('');
    expect(fc.calls.at(-1)!.params.InstanceIds).toBe('["i-bp1tapp000001","i-missing"]');
    const t = (await c.ecs.describeInstanceTypes(new $Ecs.DescribeInstanceTypesRequest({ instanceTypes: ['ecs.g6.large'] }))).body!;
    expect(t.instanceTypes!.instanceType![0]).toMatchObject({ instanceTypeId: 'ecs.g6.large', eniQuantity: 2, eniPrivateIpAddressQuantity: 6 });
    expect(fc.calls.at(-1)!.params).toEqual({ 'InstanceTypes.1': 'ecs.g6.large' });
  });

  it('RPC calls need RegionId; another region answers empty lists', async () => {
    const e = await rejection(c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ vpcId: VPC_ID })));
    expect(e).toMatchObject({ name: 'ClientError', code: 'MissingRegionId', statusCode: 400 });
    const other = (await c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: 'cn-beijing', vpcId: VPC_ID }))).body!;
    expect(other.totalCount).toBe(0);
    const noTable = await rejection(c.vpc.describeRouteEntryList(new $Vpc.DescribeRouteEntryListRequest({ regionId: REGION })));
    expect(noTable).toMatchObject({ code: 'MissingRouteTableId', statusCode: 400 });
  });
});

describe('fake-cloud: paging and page maxima', () => {
  const base = scenarioFromSnapshot(loadSnapshot('seed-incident.json'));

  it('320 vSwitches: seven pages of 50, the real ones on page 7', async () => {
    const fc = await start(padScenario(base, { vswitches: 320 }));
    const c = clients(fc);
    const pages = [];
    for (let page = 1; ; page++) {
      const b = (await c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: REGION, vpcId: VPC_ID, pageNumber: page, pageSize: 50 }))).body!;
      pages.push(b.vSwitches!.vSwitch!.map((v) => v.vSwitchId!));
      if (pages.flat().length >= b.totalCount!) break;
    }
    expect(pages).toHaveLength(7);
    expect(pages.at(-1)).toHaveLength(20);
    expect(pages.slice(0, 6).flat().every((id) => id.includes('filler'))).toBe(true);
    expect(pages.at(-1)).toContain('vsw-bp1podi10001');
    expect(fc.calls.map((x) => x.page)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('a page size above the maximum is a 400 InvalidParameter; the maximum itself is fine', async () => {
    const fc = await start(base);
    const c = clients(fc);
    const cases: [string, () => Promise<unknown>, () => Promise<unknown>, string][] = [
      [
        'DescribeVSwitches',
        () => c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: REGION, pageSize: 50 })),
        () => c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: REGION, pageSize: 51 })),
        'PageSize',
      ],
      [
        'DescribeNatGateways',
        () => c.vpc.describeNatGateways(new $Vpc.DescribeNatGatewaysRequest({ regionId: REGION, pageSize: 50 })),
        () => c.vpc.describeNatGateways(new $Vpc.DescribeNatGatewaysRequest({ regionId: REGION, pageSize: 51 })),
        'PageSize',
      ],
      [
        'DescribeSnatTableEntries',
        () => c.vpc.describeSnatTableEntries(new $Vpc.DescribeSnatTableEntriesRequest({ regionId: REGION, snatTableId: 'stb-bp1shop0001', pageSize: 50 })),
        () => c.vpc.describeSnatTableEntries(new $Vpc.DescribeSnatTableEntriesRequest({ regionId: REGION, snatTableId: 'stb-bp1shop0001', pageSize: 51 })),
        'PageSize',
      ],
      [
        'DescribeRouteTableList',
        () => c.vpc.describeRouteTableList(new $Vpc.DescribeRouteTableListRequest({ regionId: REGION, pageSize: 50 })),
        () => c.vpc.describeRouteTableList(new $Vpc.DescribeRouteTableListRequest({ regionId: REGION, pageSize: 51 })),
        'PageSize',
      ],
      [
        'DescribeRouteEntryList',
        () => c.vpc.describeRouteEntryList(new $Vpc.DescribeRouteEntryListRequest({ regionId: REGION, routeTableId: 'vtb-bp1shopsys01', maxResult: 100 })),
        () => c.vpc.describeRouteEntryList(new $Vpc.DescribeRouteEntryListRequest({ regionId: REGION, routeTableId: 'vtb-bp1shopsys01', maxResult: 101 })),
        'MaxResult',
      ],
      [
        'DescribeEipAddresses',
        () => c.vpc.describeEipAddresses(new $Vpc.DescribeEipAddressesRequest({ regionId: REGION, pageSize: 100 })),
        () => c.vpc.describeEipAddresses(new $Vpc.DescribeEipAddressesRequest({ regionId: REGION, pageSize: 101 })),
        'PageSize',
      ],
      [
        'DescribeClusterNodes',
        () => c.cs.describeClusterNodes('c-terway00shop01', new $Cs.DescribeClusterNodesRequest({ pageSize: '100' })),
        () => c.cs.describeClusterNodes('c-terway00shop01', new $Cs.DescribeClusterNodesRequest({ pageSize: '101' })),
        'pageSize',
      ],
      [
        'DescribeClustersV1',
        () => c.cs.describeClustersV1(new $Cs.DescribeClustersV1Request({ pageSize: PAGE_LIMITS.DescribeClustersV1!.max })),
        () => c.cs.describeClustersV1(new $Cs.DescribeClustersV1Request({ pageSize: PAGE_LIMITS.DescribeClustersV1!.max + 1 })),
        'page_size',
      ],
      [
        'DescribeInstances InstanceIds',
        () => c.ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify(ids(100)) })),
        () => c.ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify(ids(101)) })),
        'InstanceIds',
      ],
      [
        'DescribeInstances PageSize (legacy)',
        () => c.ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, pageNumber: 1, pageSize: 100 })),
        () => c.ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, pageNumber: 1, pageSize: 101 })),
        'PageSize',
      ],
      [
        'DescribeInstanceTypes InstanceTypes.N',
        () => c.ecs.describeInstanceTypes(new $Ecs.DescribeInstanceTypesRequest({ instanceTypes: ids(10) })),
        () => c.ecs.describeInstanceTypes(new $Ecs.DescribeInstanceTypesRequest({ instanceTypes: ids(11) })),
        'InstanceTypes',
      ],
    ];
    for (const [name, ok, tooMany, param] of cases) {
      await expect(ok(), name).resolves.toMatchObject({ statusCode: 200 });
      const e = await rejection(tooMany());
      expect({ name, error: e.name, code: e.code, status: e.statusCode, message: e.data?.Message }).toEqual({
        name,
        error: 'ClientError',
        code: 'InvalidParameter',
        status: 400,
        message: `The specified parameter "${param}" is not valid.`,
      });
    }
  });

  it('DescribeInstances MaxResults is clamped to 10..100, as the ECS docs say, and pages by NextToken', async () => {
    const fc = await start(padScenario(base, { instances: 250 }));
    const c = clients(fc);
    const first = (await c.ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, maxResults: 500 }))).body!;
    expect(first.instances!.instance).toHaveLength(100);
    expect(first.totalCount).toBe(250);
    const small = (await c.ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, maxResults: 3 }))).body!;
    expect(small.instances!.instance).toHaveLength(10);
    let token = first.nextToken!;
    const seen = first.instances!.instance!.map((i) => i.instanceId!);
    while (token) {
      const b = (await c.ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, maxResults: 100, nextToken: token }))).body!;
      seen.push(...b.instances!.instance!.map((i) => i.instanceId!));
      token = b.nextToken!;
    }
    expect(new Set(seen).size).toBe(250);
    expect(seen.slice(-8)).toEqual(base.instances.map((i) => i.InstanceId));
    expect(fc.calls.slice(2).map((x) => x.pageSize)).toEqual([100, 100]);
    const bad = await rejection(c.ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, nextToken: 'garbage' })));
    expect(bad).toMatchObject({ code: 'InvalidParameter', statusCode: 400 });
  });

  it('DescribeRouteEntryList pages by NextToken + MaxResult; DescribeSnatTableEntries pages per table', async () => {
    const fc = await start(padScenario(base, { routeEntries: 250, snatEntries: 120 }));
    const c = clients(fc);
    const tokens: string[] = [];
    let token = '';
    let n = 0;
    do {
      const b = (
        await c.vpc.describeRouteEntryList(
          new $Vpc.DescribeRouteEntryListRequest({ regionId: REGION, routeTableId: 'vtb-bp1shopsys01', maxResult: 100, ...(token ? { nextToken: token } : {}) }),
        )
      ).body!;
      n += b.routeEntrys!.routeEntry!.length;
      token = b.nextToken!;
      tokens.push(token);
    } while (token);
    expect(n).toBe(250);
    expect(tokens).toHaveLength(3);
    expect(tokens.at(-1)).toBe('');
    expect(fc.calls.map((x) => x.page)).toEqual(['', tokens[0], tokens[1]]);

    const snat = (
      await c.vpc.describeSnatTableEntries(new $Vpc.DescribeSnatTableEntriesRequest({ regionId: REGION, snatTableId: 'stb-bp1shop0001', pageNumber: 3, pageSize: 50 }))
    ).body!;
    expect(snat.totalCount).toBe(120);
    expect(snat.snatTableEntries!.snatTableEntry).toHaveLength(20);
    expect(snat.snatTableEntries!.snatTableEntry!.filter((e) => !e.snatEntryId!.includes('filler'))).toHaveLength(4);
  });

  it('DescribeInstanceTypes pages by NextToken at MaxResults ≤ 1600; DescribeClustersV1 by page_number (pageMax override)', async () => {
    const fc = await start(padScenario(base, { instanceTypes: 40, clusters: 45 }), { pageMax: { DescribeClustersV1: 20 } });
    const c = clients(fc);
    const all = (await c.ecs.describeInstanceTypes(new $Ecs.DescribeInstanceTypesRequest({ maxResults: 1600 }))).body!;
    expect(all.instanceTypes!.instanceType).toHaveLength(40);
    const part = (await c.ecs.describeInstanceTypes(new $Ecs.DescribeInstanceTypesRequest({ maxResults: 30 }))).body!;
    expect(part.instanceTypes!.instanceType).toHaveLength(30);
    const rest = (await c.ecs.describeInstanceTypes(new $Ecs.DescribeInstanceTypesRequest({ maxResults: 30, nextToken: part.nextToken }))).body!;
    expect(rest.instanceTypes!.instanceType).toHaveLength(10);
    expect(rest.nextToken).toBe('');
    await expect(rejection(c.ecs.describeInstanceTypes(new $Ecs.DescribeInstanceTypesRequest({ maxResults: 1601 })))).resolves.toMatchObject({ code: 'InvalidParameter' });

    const p3 = (await c.cs.describeClustersV1(new $Cs.DescribeClustersV1Request({ pageNumber: 3, pageSize: 20 }))).body!;
    expect(p3.pageInfo).toEqual({ pageNumber: 3, pageSize: 20, totalCount: 45 });
    expect(p3.clusters!.map((x) => x.clusterId).slice(-2)).toEqual(['c-flannel0shop01', 'c-terway00shop01']);
    await expect(rejection(c.cs.describeClustersV1(new $Cs.DescribeClustersV1Request({ pageSize: 21 })))).resolves.toMatchObject({ statusCode: 400 });
  });

  it('padScenario nodes: filler nodes get instances; the real nodes land on the last page of 100', async () => {
    const fc = await start(padScenario(base, { nodes: 250 }));
    const c = clients(fc);
    const last = (await c.cs.describeClusterNodes('c-terway00shop01', new $Cs.DescribeClusterNodesRequest({ pageNumber: '3', pageSize: '100' }))).body!;
    expect(last.page!.totalCount).toBe(250);
    expect(last.nodes!.slice(-3).map((n) => n.instanceId)).toEqual(base.clusters[1]!.nodes.map((n) => n.instance_id));
    const filler = last.nodes![0]!.instanceId!;
    const inst = (await c.ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([filler]) }))).body!;
    expect(inst.instances!.instance).toHaveLength(1);
  });
});

describe('fake-cloud: authorization', () => {
  const scenario = scenarioFromSnapshot(loadSnapshot('seed-incident.json'));

  it('an unknown AccessKey id is 404 InvalidAccessKeyId.NotFound, as the real gateway answers', async () => {
    const fc = await start(scenario);
    const e = await rejection(clients(fc, { accessKeyId: 'LTAIwrong' }).vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: REGION })));
    expect(e).toMatchObject({ name: 'ClientError', code: 'InvalidAccessKeyId.NotFound', statusCode: 404 });
    expect(e.data).toMatchObject({ Code: 'InvalidAccessKeyId.NotFound', HostId: 'vpc.cn-hangzhou.aliyuncs.com', RequestId: e.requestId });
    expect(fc.calls[0]).toMatchObject({ accessKeyId: 'LTAIwrong', status: 404, outcome: 'error' });
  });

  it('a wrong secret is 400 SignatureDoesNotMatch (the ACS3-HMAC-SHA256 signature is verified)', async () => {
    const fc = await start(scenario);
    const e = await rejection(clients(fc, { accessKeySecret: 'wrong' }).cs.describeClusterDetail('c-terway00shop01'));
    expect(e).toMatchObject({ code: 'SignatureDoesNotMatch', statusCode: 400 });
  });

  it('a request without an authorization header is 400 IncompleteSignature with the error envelope', async () => {
    const fc = await start(scenario);
    const res = await fetch(`http://${fc.endpoint}/?RegionId=${REGION}`, {
      method: 'POST',
      headers: { 'x-acs-action': 'DescribeVSwitches', 'x-acs-version': '2016-04-28' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-acs-request-id')).toBe(fc.calls[0]!.requestId);
    expect(await res.json()).toMatchObject({ Code: 'IncompleteSignature', RequestId: fc.calls[0]!.requestId, HostId: expect.any(String), Message: expect.any(String) });
  });

  it('routes RPC on x-acs-action and x-acs-version: unknown API 404, wrong version 400', async () => {
    const fc = await start(scenario);
    const unknown = await fetch(`http://${fc.endpoint}/`, { method: 'POST', headers: { 'x-acs-action': 'DeleteVpc', 'x-acs-version': '2016-04-28' } });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { Code: string }).Code).toBe('InvalidAction.NotFound');
    const version = await fetch(`http://${fc.endpoint}/`, { method: 'POST', headers: { 'x-acs-action': 'DescribeVSwitches', 'x-acs-version': '2099-01-01' } });
    expect(version.status).toBe(400);
    expect(((await version.json()) as { Code: string }).Code).toBe('InvalidVersion');
  });
});

describe('fake-cloud: fault injection', () => {
  const scenario = scenarioFromSnapshot(loadSnapshot('seed-incident.json'));

  it('throttling: 400 Throttling.User with x-acs-retry-after, a ThrottlingError carrying it', async () => {
    const fc = await start(scenario, { throttle: { rate: 1, seed: 7, retryAfterMs: 35 } });
    const e = await rejection(clients(fc).vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: REGION })));
    expect(e).toMatchObject({ name: 'ThrottlingError', code: 'Throttling.User', statusCode: 400, retryAfter: 35 });
    expect(fc.calls[0]).toMatchObject({ status: 400, code: 'Throttling.User', outcome: 'throttled' });
  });

  it('throttling is a seeded, deterministic fraction; retrying past it gives the same data', async () => {
    const run = async () => {
      const fc = await start(scenario, { throttle: { rate: 0.3, seed: 42, retryAfterMs: 1 } });
      const c = clients(fc);
      const results: string[] = [];
      for (const table of ['stb-bp1shop0001']) {
        for (let page = 1; page <= 20; page++) {
          for (let attempt = 0; ; attempt++) {
            try {
              const b = (await c.vpc.describeSnatTableEntries(new $Vpc.DescribeSnatTableEntriesRequest({ regionId: REGION, snatTableId: table, pageNumber: page, pageSize: 1 }))).body!;
              results.push(...b.snatTableEntries!.snatTableEntry!.map((x) => x.snatEntryId!));
              break;
            } catch (e) {
              if ((e as { name: string }).name !== 'ThrottlingError' || attempt > 20) throw e;
            }
          }
        }
      }
      return { results, throttled: fc.calls.filter((x) => x.outcome === 'throttled').map((x) => x.seq) };
    };
    const a = await run();
    const b = await run();
    expect(a.throttled.length).toBeGreaterThan(0);
    expect(a.throttled).toEqual(b.throttled);
    expect(a.results).toEqual(b.results);
    expect(a.results.slice(0, 4).sort()).toEqual(scenario.snatEntries.map((x) => x.SnatEntryId).sort());
  });

  it('403 Forbidden.RAM on one API while the others answer', async () => {
    const fc = await start(scenario, { failures: { DescribeSnatTableEntries: { status: 403, code: 'Forbidden.RAM' } } });
    const c = clients(fc);
    const e = await rejection(c.vpc.describeSnatTableEntries(new $Vpc.DescribeSnatTableEntriesRequest({ regionId: REGION, snatTableId: 'stb-bp1shop0001' })));
    expect(e).toMatchObject({ name: 'ClientError', code: 'Forbidden.RAM', statusCode: 403 });
    expect(e.data!.Message).toContain('DescribeSnatTableEntries');
    await expect(c.vpc.describeNatGateways(new $Vpc.DescribeNatGatewaysRequest({ regionId: REGION }))).resolves.toMatchObject({ statusCode: 200 });
  });

  it('500 InternalError the first N times, then answers; keyed by ROA route template too', async () => {
    const fc = await start(scenario, {
      failures: {
        DescribeVSwitches: { status: 500, code: 'InternalError', times: 2 },
        'GET /clusters/{ClusterId}/nodes': { status: 503, code: 'ServiceUnavailable', times: 1 },
      },
    });
    const c = clients(fc);
    const req = () => c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: REGION }));
    expect(await rejection(req())).toMatchObject({ name: 'ServerError', code: 'InternalError', statusCode: 500 });
    expect(await rejection(req())).toMatchObject({ name: 'ServerError', code: 'InternalError' });
    await expect(req()).resolves.toMatchObject({ statusCode: 200 });
    const nodes = () => c.cs.describeClusterNodes('c-terway00shop01', new $Cs.DescribeClusterNodesRequest({}));
    expect(await rejection(nodes())).toMatchObject({ name: 'ServerError', code: 'ServiceUnavailable', statusCode: 503 });
    await expect(nodes()).resolves.toMatchObject({ statusCode: 200 });
    expect(fc.calls.map((x) => x.status)).toEqual([500, 500, 200, 503, 200]);
  });

  it('a failure can target one resource (`when`)', async () => {
    const s = padScenario(scenario, { natGateways: 2 });
    const fc = await start(s, {
      failures: { DescribeSnatTableEntries: { status: 403, code: 'Forbidden.RAM', when: (call) => call.params.SnatTableId === 'stb-bp1shop0001' } },
    });
    const c = clients(fc);
    await expect(c.vpc.describeSnatTableEntries(new $Vpc.DescribeSnatTableEntriesRequest({ regionId: REGION, snatTableId: 'stb-filler000000' }))).resolves.toMatchObject({
      statusCode: 200,
    });
    expect(await rejection(c.vpc.describeSnatTableEntries(new $Vpc.DescribeSnatTableEntriesRequest({ regionId: REGION, snatTableId: 'stb-bp1shop0001' })))).toMatchObject({
      code: 'Forbidden.RAM',
    });
  });

  it('CS errors in lowercase keys (roaErrorStyle) still reach the SDK as code/requestId', async () => {
    const fc = await start(scenario, { roaErrorStyle: 'lowercase' });
    const e = await rejection(clients(fc).cs.describeClusterDetail('c-nope'));
    expect(e).toMatchObject({ code: 'ErrorClusterNotFound', statusCode: 404, requestId: fc.calls[0]!.requestId });
    expect(e.data).toMatchObject({ code: 'ErrorClusterNotFound', requestId: fc.calls[0]!.requestId });
  });

  it('malformed: a body that is not JSON, and a body where an array is an object, both make the SDK throw', async () => {
    const fc = await start(scenario, { malformed: { DescribeVSwitches: 'not-json', DescribeClusterNodes: 'wrong-shape', DescribeInstances: 'wrong-shape' } });
    const c = clients(fc);
    const notJson = await rejection(c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: REGION })));
    expect(notJson.name).toMatch(/SyntaxError|Error/);
    const shape = await rejection(c.cs.describeClusterNodes('c-terway00shop01', new $Cs.DescribeClusterNodesRequest({})));
    expect(shape.message).toMatch(/mismatch/);
    const shape2 = await rejection(c.ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION })));
    expect(shape2.message).toMatch(/mismatch/);
    expect(fc.calls.map((x) => [x.action, x.status, x.outcome])).toEqual([
      ['DescribeVSwitches', 200, 'malformed'],
      ['DescribeClusterNodes', 200, 'malformed'],
      ['DescribeInstances', 200, 'malformed'],
    ]);
    await expect(c.vpc.describeNatGateways(new $Vpc.DescribeNatGatewaysRequest({ regionId: REGION }))).resolves.toMatchObject({ statusCode: 200 });
  });

  it('hang: a call held past the read timeout fails in the SDK; close() ends the held socket', async () => {
    const fc = await start(scenario, { hang: { DescribeEipAddresses: 60_000 } });
    const c = clients(fc, { readTimeout: 300 });
    const e = await rejection(c.vpc.describeEipAddresses(new $Vpc.DescribeEipAddressesRequest({ regionId: REGION })));
    expect(`${e.name} ${e.message}`).toMatch(/timeout/i);
    expect(fc.calls[0]).toMatchObject({ action: 'DescribeEipAddresses', status: 0, outcome: 'pending' });
    await expect(c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: REGION }))).resolves.toMatchObject({ statusCode: 200 });
  });

  it('latency holds calls in flight: concurrent calls overlap, sequential ones do not', async () => {
    const fc = await start(scenario, { latencyMs: 30 });
    const c = clients(fc);
    await c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: REGION }));
    await c.vpc.describeNatGateways(new $Vpc.DescribeNatGatewaysRequest({ regionId: REGION }));
    expect(fc.calls.map((x) => x.inFlightAtArrival)).toEqual([1, 1]);
    await Promise.all(Array.from({ length: 6 }, () => c.vpc.describeVSwitches(new $Vpc.DescribeVSwitchesRequest({ regionId: REGION }))));
    expect(fc.stats().maxInFlight).toBeGreaterThan(1);
    expect(fc.stats().inFlight).toBe(0);
    expect(fc.calls).toHaveLength(8);
    expect(fc.calls.every((x) => x.status === 200)).toBe(true);
  });
});

describe('fake-cloud: call log', () => {
  it('records service, action, route, params, page, status and request id of every call', async () => {
    const fc = await start(scenarioFromSnapshot(loadSnapshot('seed-incident.json')));
    const c = clients(fc);
    await c.cs.describeClusterNodes('c-flannel0shop01', new $Cs.DescribeClusterNodesRequest({ pageNumber: '2', pageSize: '3' }));
    await c.ecs.describeInstanceTypes(new $Ecs.DescribeInstanceTypesRequest({ instanceTypes: ['ecs.g6.large'] }));
    expect(fc.calls).toEqual([
      expect.objectContaining({
        seq: 1,
        service: 'cs',
        action: 'DescribeClusterNodes',
        method: 'GET',
        path: '/clusters/c-flannel0shop01/nodes',
        route: 'GET /clusters/{ClusterId}/nodes',
        pathParams: { ClusterId: 'c-flannel0shop01' },
        params: { pageNumber: '2', pageSize: '3' },
        page: 2,
        pageSize: 3,
        accessKeyId: FAKE_ACCESS_KEY_ID,
        status: 200,
        outcome: 'ok',
      }),
      expect.objectContaining({ seq: 2, service: 'ecs', action: 'DescribeInstanceTypes', method: 'POST', path: '/', page: '', pageSize: 1600, status: 200 }),
    ]);
    expect(new Set(fc.calls.map((x) => x.requestId)).size).toBe(2);
  });

  it('an empty scenario answers empty lists', async () => {
    const fc = await start(emptyScenario());
    const c = clients(fc);
    const b = (await c.cs.describeClustersV1(new $Cs.DescribeClustersV1Request({}))).body!;
    expect(b.clusters).toEqual([]);
    expect(b.pageInfo!.totalCount).toBe(0);
  });
});

function ids(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `x-${i}`);
}
