/**
 * The workloads side of a live run: each cluster's Kubernetes API (kubeconfig from a file or,
 * by default, a 15-minute one from ACK, kept in memory) and the compose files the user named.
 * Results are merged into the cloud snapshot; every failure is a per-cluster gap.
 */
import { KubeConfig } from '@kubernetes/client-node';
import type { Cluster, CollectionError, DaemonSet, EniConfig, Snapshot } from '../snapshot/types.js';
import { normalizeSnapshot } from '../snapshot/write.js';
import type { AlicloudApi } from './alicloud/api.js';
import { networkPluginOfDaemonSets } from './alicloud/addons.js';
import { classifyError } from './classify.js';
import { withComposeFiles } from './compose/into-snapshot.js';
import type { ComposeProblem } from './compose/read.js';
import { mergeKubeNodes, readCluster } from './kube/read.js';
import { ramActionOf } from './ram-actions.js';
import { DEFAULT_RETRY, withRetry, type Clock } from './retry.js';

export interface WorkloadOptions {
  /** Kubeconfig file per cluster id; '' key: a file for the only cluster of the run. */
  kubeconfigs: Record<string, string>;
  context?: string;
  privateEndpoint: boolean;
  compose: string[];
  cwd: string;
  env: Record<string, string | undefined>;
}

const KUBE_SECTIONS = ['pods', 'networkPolicies', 'eniConfigs', 'daemonSets'] as const;

export async function addWorkloads(snapshot: Snapshot, api: AlicloudApi, opts: WorkloadOptions, clock: Clock): Promise<{ snapshot: Snapshot; composeProblems: ComposeProblem[] }> {
  // Without the clusters there is nothing to read workloads from: the 'not read' gaps stay.
  if (!snapshot.clusters) return { snapshot, composeProblems: [] };
  const clusterIds = snapshot.clusters.map((c) => c.id);
  const errors: CollectionError[] = snapshot.errors.filter((e) => e.source !== 'kube');
  const pods = [];
  const policies = [];
  const eniConfigs: EniConfig[] = [];
  const daemonSets: DaemonSet[] = [];
  let nodes = snapshot.nodes ?? [];
  // Every cluster's API is read at once; results are merged in cluster order, so output is stable.
  const results = await Promise.all(clusterIds.map((clusterId) => readOne(clusterId)));
  for (const r of results) {
    errors.push(...r.errors);
    if (!r.read) continue;
    if (r.read.pods) pods.push(...r.read.pods);
    if (r.read.networkPolicies) policies.push(...r.read.networkPolicies);
    if (r.read.eniConfig) eniConfigs.push(r.read.eniConfig, ...(r.read.dynamicEniConfigs ?? []));
    if (r.read.daemonSets) daemonSets.push(...r.read.daemonSets);
    if (r.read.nodes) nodes = mergeKubeNodes(nodes, r.read.nodes);
  }

  async function readOne(clusterId: string): Promise<{ errors: CollectionError[]; read?: Awaited<ReturnType<typeof readCluster>> }> {
    const file = opts.kubeconfigs[clusterId] ?? (clusterIds.length === 1 ? opts.kubeconfigs[''] : undefined);
    const kc = new KubeConfig();
    try {
      if (file) {
        kc.loadFromFile(file);
        if (opts.context) kc.setCurrentContext(opts.context);
      } else {
        // Retried like every cloud call (throttling, 5xx, network), with its own small budget.
        kc.loadFromString(await withRetry(() => api.userKubeconfig(clusterId, opts.privateEndpoint), DEFAULT_RETRY, { remaining: 20 }, clock));
      }
    } catch (err) {
      const c = classifyError(err);
      const source = file ? `kubeconfig ${file}` : 'cs.DescribeClusterUserKubeconfig';
      return {
        errors: KUBE_SECTIONS.map((section) => ({
          source,
          section,
          clusterId,
          kind: file ? ('invalid-response' as const) : c.kind,
          ...(c.code ? { code: c.code } : {}),
          ...(c.requestId ? { requestId: c.requestId } : {}),
          message: file ? 'the kubeconfig could not be loaded' : 'no kubeconfig for the cluster API',
          ...(c.kind === 'permission' && !file ? { action: ramActionOf(source) } : {}),
        })),
      };
    }
    const pools = snapshot.clusters!.find((c) => c.id === clusterId)?.nodePools ?? [];
    const read = await readCluster(kc, clusterId, { terwayConfigNames: pools.flatMap((p) => (p.terwayConfig ? [p.terwayConfig] : [])) });
    return { errors: read.errors, read };
  }
  const clusters = snapshot.clusters.map((c) => {
    const plugin = c.networkPlugin === 'unknown' ? networkPluginOfDaemonSets(daemonSets.filter((d) => d.clusterId === c.id)) : c.networkPlugin;
    return withPrefixPools({ ...c, networkPlugin: plugin }, eniConfigs.filter((e) => e.clusterId === c.id));
  });
  const out: Snapshot = { ...snapshot, clusters, nodes, pods, networkPolicies: policies, eniConfigs, daemonSets, errors };
  const composed = withComposeFiles(out, opts.compose, { cwd: opts.cwd, env: opts.env });
  return { snapshot: normalizeSnapshot(composed.snapshot), composeProblems: composed.problems };
}

/**
 * Node pools whose nodes run a config with enable_ip_prefix are prefix-mode pools (reference §1.1):
 * the dynamic config their terway-config label names, else eni-config. Needs the cluster's
 * eni-config; a pool already marked (exclusive) keeps its mode.
 */
function withPrefixPools(cluster: Cluster, configs: readonly EniConfig[]): Cluster {
  const base = configs.find((e) => e.terwayConfig === undefined);
  if (!base || !cluster.nodePools) return cluster;
  const nodePools = cluster.nodePools.map((p) => {
    if (p.terwayMode !== undefined) return p;
    const config = (p.terwayConfig ? configs.find((e) => e.terwayConfig === p.terwayConfig) : undefined) ?? base;
    return config.prefix ? { ...p, terwayMode: 'prefix' as const } : p;
  });
  return { ...cluster, nodePools };
}
