/** Lookups over one snapshot, built once per lint: entities by id and their JSON pointers. */
import type {
  Cluster,
  DaemonSet,
  EniConfig,
  HostService,
  InstanceType,
  NatGateway,
  Node,
  Pod,
  Snapshot,
  SnatEntry,
  VSwitch,
} from '../snapshot/types.js';

export interface Indexed<T> {
  entity: T;
  pointer: string;
}

export interface SnapshotIndex {
  clusters: Map<string, Indexed<Cluster>>;
  vswitches: Map<string, Indexed<VSwitch>>;
  instanceTypes: Map<string, Indexed<InstanceType>>;
  nodesByCluster: Map<string, Indexed<Node>[]>;
  nodesById: Map<string, Indexed<Node>>;
  podsByCluster: Map<string, Pod[]>;
  /** The default kube-system/eni-config of each cluster, by cluster id. */
  eniConfigs: Map<string, Indexed<EniConfig>>;
  /** Per-node dynamic configs (EniConfig.terwayConfig set) of each cluster, by cluster id, sorted by name. */
  dynamicEniConfigs: Map<string, Indexed<EniConfig>[]>;
  daemonSetsByCluster: Map<string, Indexed<DaemonSet>[]>;
  natGateways: readonly NatGateway[];
  snatEntries: readonly SnatEntry[];
  hostServices: Indexed<HostService>[];
}

function byId<T extends { id: string }>(section: string, list: readonly T[] | undefined): Map<string, Indexed<T>> {
  const map = new Map<string, Indexed<T>>();
  list?.forEach((entity, i) => map.set(entity.id, { entity, pointer: `/${section}/${i}` }));
  return map;
}

function groupBy<T, K>(list: readonly T[] | undefined, key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const t of list ?? []) {
    const k = key(t);
    const bucket = map.get(k);
    if (bucket) bucket.push(t);
    else map.set(k, [t]);
  }
  return map;
}

export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const nodes = (snapshot.nodes ?? []).map((entity, i) => ({ entity, pointer: `/nodes/${i}` }));
  const eniConfigs = (snapshot.eniConfigs ?? []).map((entity, i) => ({ entity, pointer: `/eniConfigs/${i}` }));
  return {
    clusters: byId('clusters', snapshot.clusters),
    vswitches: byId('vswitches', snapshot.vswitches),
    instanceTypes: byId('instanceTypes', snapshot.instanceTypes),
    nodesByCluster: groupBy(nodes, (n) => n.entity.clusterId),
    nodesById: new Map(nodes.map((n) => [n.entity.id, n])),
    podsByCluster: groupBy(snapshot.pods, (p) => p.clusterId),
    eniConfigs: new Map(eniConfigs.filter((e) => e.entity.terwayConfig === undefined).map((e) => [e.entity.clusterId, e])),
    dynamicEniConfigs: groupBy(
      eniConfigs.filter((e) => e.entity.terwayConfig !== undefined).sort((a, b) => (a.entity.terwayConfig! < b.entity.terwayConfig! ? -1 : 1)),
      (e) => e.entity.clusterId,
    ),
    daemonSetsByCluster: groupBy(
      (snapshot.daemonSets ?? []).map((entity, i) => ({ entity, pointer: `/daemonSets/${i}` })),
      (d) => d.entity.clusterId,
    ),
    natGateways: snapshot.natGateways ?? [],
    snatEntries: snapshot.snatEntries ?? [],
    hostServices: (snapshot.hostServices ?? []).map((entity, i) => ({ entity, pointer: `/hostServices/${i}` })),
  };
}
