/**
 * The workloads side of a live run: each cluster's Kubernetes API (kubeconfig from a file or,
 * by default, a 15-minute one from ACK, kept in memory) and the compose files the user named.
 * Results are merged into the cloud snapshot; every failure is a per-cluster gap.
 */
import { KubeConfig } from '@kubernetes/client-node';
import type { CollectionError, Snapshot } from '../snapshot/types.js';
import { normalizeSnapshot } from '../snapshot/write.js';
import type { AlicloudApi } from './alicloud/api.js';
import { classifyError } from './classify.js';
import { readComposeFiles, type ComposeProblem } from './compose/read.js';
import { mergeKubeNodes, readCluster } from './kube/read.js';
import { ramActionOf } from './ram-actions.js';

export interface WorkloadOptions {
  /** Kubeconfig file per cluster id; '' key: a file for the only cluster of the run. */
  kubeconfigs: Record<string, string>;
  context?: string;
  privateEndpoint: boolean;
  compose: string[];
  cwd: string;
  env: Record<string, string | undefined>;
}

const KUBE_SECTIONS = ['pods', 'networkPolicies', 'eniConfigs'] as const;

export async function addWorkloads(snapshot: Snapshot, api: AlicloudApi, opts: WorkloadOptions): Promise<{ snapshot: Snapshot; composeProblems: ComposeProblem[] }> {
  // Without the clusters there is nothing to read workloads from: the 'not read' gaps stay.
  if (!snapshot.clusters) return { snapshot, composeProblems: [] };
  const clusterIds = snapshot.clusters.map((c) => c.id);
  const errors: CollectionError[] = snapshot.errors.filter((e) => e.source !== 'kube');
  const pods = [];
  const policies = [];
  const eniConfigs = [];
  let nodes = snapshot.nodes ?? [];
  for (const clusterId of clusterIds) {
    const file = opts.kubeconfigs[clusterId] ?? (clusterIds.length === 1 ? opts.kubeconfigs[''] : undefined);
    let kc: KubeConfig;
    try {
      kc = new KubeConfig();
      if (file) {
        kc.loadFromFile(file);
        if (opts.context) kc.setCurrentContext(opts.context);
      } else {
        kc.loadFromString(await api.userKubeconfig(clusterId, opts.privateEndpoint));
      }
    } catch (err) {
      const c = classifyError(err);
      const source = file ? `kubeconfig ${file}` : 'cs.DescribeClusterUserKubeconfig';
      for (const section of KUBE_SECTIONS) {
        errors.push({
          source,
          section,
          clusterId,
          kind: file ? 'invalid-response' : c.kind,
          ...(c.code ? { code: c.code } : {}),
          ...(c.requestId ? { requestId: c.requestId } : {}),
          message: file ? 'the kubeconfig could not be loaded' : 'no kubeconfig for the cluster API',
          ...(c.kind === 'permission' && !file ? { action: ramActionOf(source) } : {}),
        });
      }
      continue;
    }
    const read = await readCluster(kc, clusterId);
    errors.push(...read.errors);
    if (read.pods) pods.push(...read.pods);
    if (read.networkPolicies) policies.push(...read.networkPolicies);
    if (read.eniConfig) eniConfigs.push(read.eniConfig);
    if (read.nodes) nodes = mergeKubeNodes(nodes, read.nodes);
  }
  const out: Snapshot = { ...snapshot, nodes, pods, networkPolicies: policies, eniConfigs, errors };
  let composeProblems: ComposeProblem[] = [];
  if (opts.compose.length > 0) {
    const known = new Set(nodes.map((n) => n.id));
    const composed = readComposeFiles(opts.compose, { cwd: opts.cwd, env: opts.env, knownNodeIds: known });
    out.hostServices = composed.hostServices;
    composeProblems = composed.problems;
    out.meta = { ...out.meta, notRequested: (out.meta.notRequested ?? []).filter((s) => s !== 'hostServices') };
  }
  return { snapshot: normalizeSnapshot(out), composeProblems };
}
