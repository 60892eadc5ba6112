/**
 * The Terway configs a cluster runs with (reference §1.4): kube-system/eni-config on every node,
 * except on nodes labelled terway-config=<name>, which run the dynamic config kube-system/<name>
 * (its eni_conf merged over eni-config's; the collector stores the merged result).
 */
import type { Cluster, EniConfig, NodePool } from '../snapshot/types.js';
import type { Indexed, SnapshotIndex } from './snapshot-index.js';

/** eni-config first, then the dynamic configs by name; none when eni-config is not in the snapshot. */
export function eniConfigsOf(clusterId: string, index: SnapshotIndex): Indexed<EniConfig>[] {
  const base = index.eniConfigs.get(clusterId);
  return base ? [base, ...(index.dynamicEniConfigs.get(clusterId) ?? [])] : [];
}

/** How findings name where a setting comes from: "eni-config" or "terway-config:<name>". */
export function eniConfigSource(e: EniConfig): string {
  return e.terwayConfig === undefined ? 'eni-config' : `terway-config:${e.terwayConfig}`;
}

/** Which of a cluster's configs its nodes and node pools run. */
export interface ClusterConfigs {
  base: Indexed<EniConfig>;
  /** base, then the dynamic configs by name. */
  all: Indexed<EniConfig>[];
  /** What a node with this terway-config label runs: the dynamic config when it exists, else eni-config. */
  ofLabel(label: string | undefined): Indexed<EniConfig>;
  /** What a pool's nodes run: its own label's config, else the one all its nodes run, else eni-config. */
  ofPool(pool: NodePool): Indexed<EniConfig>;
  /** The configs the cluster's nodes and pools run by their labels (eni-config too when it has neither yet). */
  inUse(): Indexed<EniConfig>[];
}

/** Undefined when eni-config is not in the snapshot: no config of the cluster is known then. */
export function clusterConfigs(cluster: Cluster, index: SnapshotIndex): ClusterConfigs | undefined {
  const all = eniConfigsOf(cluster.id, index);
  const [base] = all;
  if (!base) return undefined;
  const byName = new Map(all.slice(1).map((d) => [d.entity.terwayConfig!, d]));
  const nodes = index.nodesByCluster.get(cluster.id) ?? [];
  const pools = cluster.nodePools ?? [];
  // A label naming no ConfigMap leaves eni-config (terway-config-missing reports it).
  const ofLabel = (label: string | undefined) => (label !== undefined ? byName.get(label) : undefined) ?? base;
  return {
    base,
    all,
    ofLabel,
    ofPool(pool) {
      if (pool.terwayConfig !== undefined) return ofLabel(pool.terwayConfig);
      const used = new Set(nodes.filter((n) => n.entity.nodePoolId === pool.id).map((n) => ofLabel(n.entity.terwayConfig)));
      return used.size === 1 ? [...used][0]! : base;
    },
    inUse() {
      const used = new Set([...nodes.map((n) => ofLabel(n.entity.terwayConfig)), ...pools.map((p) => ofLabel(p.terwayConfig))]);
      if (nodes.length === 0 && pools.length === 0) used.add(base);
      return all.filter((c) => used.has(c));
    },
  };
}

/** Every zone → vSwitch list of a cluster's configs together: what any of its nodes may use. */
export function unionVSwitches(configs: readonly Indexed<EniConfig>[]): Pick<EniConfig, 'vswitches'> {
  const vswitches: Record<string, string[]> = {};
  for (const { entity } of configs) {
    for (const [zoneId, ids] of Object.entries(entity.vswitches)) vswitches[zoneId] = [...new Set([...(vswitches[zoneId] ?? []), ...ids])];
  }
  return { vswitches };
}
