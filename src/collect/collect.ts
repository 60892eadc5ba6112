/**
 * Live collection from Alibaba Cloud into a snapshot: discovery, per-cluster detail, the VPC's
 * network, instances and instance types. Independent lists run concurrently under one bound;
 * every call is retried per retry.ts; a failed source leaves its section absent (or incomplete
 * for one cluster) and an entry in errors[], never a silent gap.
 */
import { SNAPSHOT_SCHEMA_VERSION } from '../snapshot/types.js';
import type { Cluster, CollectionError, Eip, Instance, InstanceType, NatGateway, Node, RouteTable, ScopeEntry, SectionName, Snapshot, SnatEntry, VSwitch } from '../snapshot/types.js';
import { normalizeSnapshot } from '../snapshot/write.js';
import { classifyError } from './classify.js';
import { createLimiter } from './limit.js';
import { allNumberedPages, allTokenPages, batches, PagingLimitError } from './paging.js';
import { withRetry, type Clock, type RetryBudget, type RetryPolicy } from './retry.js';
import { PAGE, type AlicloudApi, type ClusterSummary } from './alicloud/api.js';
import { networkPluginOf } from './alicloud/addons.js';
import { ramActionOf } from './ram-actions.js';

export interface CollectOptions {
  region: string;
  /** Clusters to collect; empty: every cluster in the region. */
  clusterIds: string[];
  /** The Flannel cluster a single --cluster target replaces. */
  sourceClusterId?: string;
  concurrency: number;
  retry: RetryPolicy;
  retryBudget: number;
  clock: Clock;
  toolVersion: string;
  collectedAt: string;
  /** Called after every API call, for progress on a terminal. */
  onCall?: (source: string, calls: number) => void;
}

export interface CollectStats {
  calls: number;
  retries: number;
}

class SourceFailure extends Error {
  constructor(
    readonly source: string,
    readonly failure: unknown,
  ) {
    super(source);
  }
}

export async function collectSnapshot(api: AlicloudApi, opts: CollectOptions): Promise<{ snapshot: Snapshot; stats: CollectStats }> {
  const limit = createLimiter(Math.max(1, opts.concurrency));
  const budget: RetryBudget = { remaining: opts.retryBudget };
  const stats: CollectStats = { calls: 0, retries: 0 };
  const errors: CollectionError[] = [];

  /** One API call: bounded, retried, counted; a final failure names its source. Backoff waits outside the bound. */
  const call = async <T>(source: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await withRetry(
        () =>
          limit(async () => {
            stats.calls++;
            opts.onCall?.(source, stats.calls);
            return await fn();
          }),
        opts.retry,
        budget,
        opts.clock,
        () => stats.retries++,
      );
    } catch (err) {
      throw new SourceFailure(source, err);
    }
  };

  const record = (err: unknown, section: SectionName, clusterId?: string) => {
    if (!(err instanceof SourceFailure)) throw err;
    const c = classifyError(err.failure);
    const paging = err.failure instanceof PagingLimitError;
    errors.push({
      source: err.source,
      section,
      ...(clusterId ? { clusterId } : {}),
      kind: paging ? 'invalid-response' : c.kind,
      ...(c.code ? { code: c.code } : {}),
      ...(c.requestId ? { requestId: c.requestId } : {}),
      message: firstLine(err.failure),
      ...(c.kind === 'permission' ? { action: ramActionOf(err.source) } : {}),
    });
  };

  /** Runs a section's reader; on failure records it and yields undefined (the section stays absent). */
  const attempt = async <T>(section: SectionName, run: () => Promise<T>, clusterId?: string): Promise<T | undefined> => {
    try {
      return await run();
    } catch (err) {
      record(err, section, clusterId);
      return undefined;
    }
  };

  // 1. Which clusters.
  const wanted = [...new Set([...opts.clusterIds, ...(opts.sourceClusterId ? [opts.sourceClusterId] : [])])];
  let summaries: ClusterSummary[] | undefined;
  // Discovery lists the region; the detail of each cluster is read either way (it alone carries the
  // Terway pod vSwitches).
  const ids =
    wanted.length > 0
      ? wanted
      : (await attempt('clusters', () => allNumberedPages('cs.DescribeClustersV1', (page) => call('cs.DescribeClustersV1', () => api.clustersPage(page)))))?.map((c) => c.id);
  if (ids !== undefined) {
    const found = await Promise.all(ids.map((id) => attempt('clusters', () => call('cs.DescribeClusterDetail', () => api.clusterDetail(id)), id)));
    summaries = found.filter((c): c is ClusterSummary => c !== undefined);
  }
  const scope: ScopeEntry[] = wanted.length === 0 ? (ids ?? []).map((id) => ({ clusterId: id, role: 'standalone' as const })) : scopeOf(opts);

  // 2. Per cluster: addons (network plugin, pod vSwitches), node pools, nodes — all clusters at once,
  // and, at the same time, the network of the VPCs the cluster details name (step 3): nothing there
  // waits for nodes except what needs them (route-table choice, instances, instance types).
  const perClusterRead = Promise.all(
    (summaries ?? []).map(async (summary) => {
      const [addons, nodePools, nodes] = await Promise.all([
        attempt('clusters', () => call('cs.ListClusterAddonInstances', () => api.addons(summary.id)), summary.id),
        attempt('clusters', () => call('cs.DescribeClusterNodePools', () => api.nodePools(summary.id)), summary.id),
        attempt(
          'nodes',
          () => allNumberedPages('cs.DescribeClusterNodes', (page) => call('cs.DescribeClusterNodes', () => api.nodesPage(summary.id, page))),
          summary.id,
        ),
      ]);
      const addonList = addons ?? summary.metaAddons;
      const podVSwitchIds = summary.podVSwitchIds;
      const cluster: Cluster = {
        id: summary.id,
        name: summary.name,
        region: summary.region || opts.region,
        networkPlugin: networkPluginOf(addonList),
        addons: addonList.map((a) => ({ name: a.name, ...('version' in a && a.version ? { version: a.version as string } : {}) })),
        vpcId: summary.vpcId,
        ...(summary.podCidr ? { podCidr: summary.podCidr } : {}),
        ...(summary.serviceCidr ? { serviceCidr: summary.serviceCidr } : {}),
        nodeVSwitchIds: summary.nodeVSwitchIds,
        ...(podVSwitchIds.length > 0 ? { podVSwitchIds } : {}),
        ...(nodePools ? { nodePools } : {}),
      };
      return { cluster, nodes };
    }),
  );
  const vpcIds = [...new Set((summaries ?? []).map((c) => c.vpcId).filter(Boolean))].sort();
  const afterClusters = perClusterRead.then((perCluster) => {
    const clusters = perCluster.map((c) => c.cluster);
    return {
      perCluster,
      clusters,
      usedVSwitchIds: new Set(clusters.flatMap((c) => [...c.nodeVSwitchIds, ...(c.podVSwitchIds ?? []), ...(c.nodePools ?? []).flatMap((p) => p.vswitchIds)])),
      nodeInstanceIds: [...new Set(perCluster.flatMap((c) => (c.nodes ?? []).map((n) => n.id)))].sort(),
      // The instance types in use: from pools and nodes.
      typeIds: [
        ...new Set([...clusters.flatMap((c) => (c.nodePools ?? []).flatMap((p) => p.instanceTypes)), ...perCluster.flatMap((c) => (c.nodes ?? []).map((n) => n.instanceType))]),
      ]
        .filter(Boolean)
        .sort(),
    };
  });

  const [vswitches, nat, routeTables, eips, instances, instanceTypes, known] = await Promise.all([
    gather(vpcIds, (vpcId) => attempt('vswitches', () => allNumberedPages('vpc.DescribeVSwitches', (page) => call('vpc.DescribeVSwitches', () => api.vswitchesPage(vpcId, page))))),
    (async () => {
      const gateways = await gather(vpcIds, (vpcId) =>
        attempt('natGateways', () => allNumberedPages('vpc.DescribeNatGateways', (page) => call('vpc.DescribeNatGateways', () => api.natGatewaysPage(vpcId, page)))),
      );
      const tables = [...new Set((gateways ?? []).flatMap((g) => g.snatTableIds))].sort();
      const entries = gateways
        ? await gather(tables, (table) =>
            attempt('snatEntries', () => allNumberedPages('vpc.DescribeSnatTableEntries', (page) => call('vpc.DescribeSnatTableEntries', () => api.snatEntriesPage(table, page)))),
          )
        : undefined;
      if (!gateways) record(new SourceFailure('vpc.DescribeNatGateways', new Error('NAT gateways unknown, so their SNAT tables could not be read')), 'snatEntries');
      return { gateways, entries };
    })(),
    (async () => {
      const tables = await gather(vpcIds, (vpcId) =>
        attempt('routeTables', () => allNumberedPages('vpc.DescribeRouteTableList', (page) => call('vpc.DescribeRouteTableList', () => api.routeTablesPage(vpcId, page)))),
      );
      if (!tables) return undefined;
      // Only the tables the clusters' node and pod vSwitches use: their entries are what rules read.
      const { usedVSwitchIds } = await afterClusters;
      const used = tables.filter((t) => t.vswitchIds.some((id) => usedVSwitchIds.has(id)));
      const withEntries = await gather(used, async (t) => {
        const entries = await attempt('routeTables', () =>
          allTokenPages('vpc.DescribeRouteEntryList', (token) => call('vpc.DescribeRouteEntryList', () => api.routeEntriesPage(t.id, token))),
        );
        return entries === undefined ? undefined : [{ ...t, entries } satisfies RouteTable];
      });
      return withEntries;
    })(),
    attempt('eips', () => allNumberedPages('vpc.DescribeEipAddresses', (page) => call('vpc.DescribeEipAddresses', () => api.eipsPage(page)))),
    afterClusters.then(({ nodeInstanceIds }) =>
      gather(batches(nodeInstanceIds, PAGE.instances), (ids) =>
        attempt('instances', () => allTokenPages('ecs.DescribeInstances', (token) => call('ecs.DescribeInstances', () => api.instancesPage(ids, token)))),
      ),
    ),
    afterClusters.then(({ typeIds }) =>
      gather(batches(typeIds, PAGE.instanceTypeIds), (ids) =>
        attempt('instanceTypes', () => allTokenPages('ecs.DescribeInstanceTypes', (token) => call('ecs.DescribeInstanceTypes', () => api.instanceTypesPage(ids, token)))),
      ),
    ),
    afterClusters,
  ]);
  const { perCluster, clusters, nodeInstanceIds } = known;

  // Nodes take their zone from their ECS instance.
  const zoneOf = new Map((instances ?? []).map((i) => [i.id, i.zoneId]));
  if (!instances && nodeInstanceIds.length > 0) errors.push(...perCluster.map((c) => zoneGap(c.cluster.id)));
  const nodes: Node[] = perCluster.flatMap((c) => (c.nodes ?? []).map((n) => ({ ...n, zoneId: zoneOf.get(n.id) ?? '' })));
  const anyNodes = perCluster.some((c) => c.nodes !== undefined);

  const natIds = new Set((nat.gateways ?? []).map((g) => g.id));
  const nodeIds = new Set(nodeInstanceIds);
  const snapshot: Snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    meta: {
      toolVersion: opts.toolVersion,
      collectedAt: opts.collectedAt,
      region: opts.region,
      scope: [...scope].sort((a, b) => (a.clusterId < b.clusterId ? -1 : a.clusterId > b.clusterId ? 1 : 0)),
      notRequested: ['hostServices'],
    },
    ...(summaries !== undefined ? { clusters } : {}),
    ...(anyNodes ? { nodes } : {}),
    ...(vswitches ? { vswitches: vswitches as VSwitch[] } : {}),
    ...(nat.gateways ? { natGateways: nat.gateways as NatGateway[] } : {}),
    ...(nat.entries ? { snatEntries: nat.entries as SnatEntry[] } : {}),
    ...(routeTables ? { routeTables } : {}),
    ...(eips ? { eips: (eips as Eip[]).filter((e) => (e.boundId && (nodeIds.has(e.boundId) || natIds.has(e.boundId))) ?? false) } : {}),
    ...(instances ? { instances: instances as Instance[] } : {}),
    ...(instanceTypes ? { instanceTypes: instanceTypes as InstanceType[] } : {}),
    errors: [...errors, ...kubeNotRead()],
  };
  return { snapshot: normalizeSnapshot(snapshot), stats };
}

function scopeOf(opts: CollectOptions): ScopeEntry[] {
  if (opts.sourceClusterId) {
    return [
      ...opts.clusterIds.map((id) => ({ clusterId: id, role: 'target' as const, sourceClusterId: opts.sourceClusterId! })),
      { clusterId: opts.sourceClusterId, role: 'source' as const },
    ];
  }
  return opts.clusterIds.map((id) => ({ clusterId: id, role: 'standalone' as const }));
}

/** Runs one reader per key concurrently; the section is whole only if every reader succeeded. */
async function gather<K, T>(keys: readonly K[], read: (key: K) => Promise<T[] | undefined>): Promise<T[] | undefined> {
  const parts = await Promise.all(keys.map(read));
  return parts.some((p) => p === undefined) ? undefined : parts.flat() as T[];
}

function zoneGap(clusterId: string): CollectionError {
  return {
    source: 'ecs.DescribeInstances',
    section: 'nodes',
    clusterId,
    kind: 'unavailable',
    message: 'the nodes\u2019 zones come from their ECS instances, which could not be read',
  };
}

/**
 * The cloud collection alone reads no Kubernetes data: a placeholder gap per Kubernetes section,
 * replaced by what `addWorkloads` reads (it drops every `kube` entry), and left only when the
 * clusters, and so their APIs, are unknown.
 */
function kubeNotRead(): CollectionError[] {
  return (['pods', 'networkPolicies', 'eniConfigs', 'daemonSets'] as const).map((section) => ({
    source: 'kube',
    section,
    kind: 'unavailable' as const,
    message: 'the Kubernetes API was not read (the clusters to read it from are not known)',
  }));
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.slice(0, 300);
}
