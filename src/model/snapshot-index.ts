/** Lookups over one snapshot, built once per lint: entities by id and their JSON pointers. */
import type {
  Cluster,
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
  eniConfigs: Map<string, Indexed<EniConfig>>;
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
  return {
    clusters: byId('clusters', snapshot.clusters),
    vswitches: byId('vswitches', snapshot.vswitches),
    instanceTypes: byId('instanceTypes', snapshot.instanceTypes),
    nodesByCluster: groupBy(nodes, (n) => n.entity.clusterId),
    nodesById: new Map(nodes.map((n) => [n.entity.id, n])),
    podsByCluster: groupBy(snapshot.pods, (p) => p.clusterId),
    eniConfigs: new Map((snapshot.eniConfigs ?? []).map((entity, i) => [entity.clusterId, { entity, pointer: `/eniConfigs/${i}` }])),
    natGateways: snapshot.natGateways ?? [],
    snatEntries: snapshot.snatEntries ?? [],
    hostServices: (snapshot.hostServices ?? []).map((entity, i) => ({ entity, pointer: `/hostServices/${i}` })),
  };
}
