/**
 * Zones of a Terway cluster and the pod vSwitches kube-system/eni-config gives each (reference §1.3):
 * Terway on a node uses eni_conf.vswitches[<node zone>] when that list is not empty, and otherwise the
 * node's primary-ENI vSwitch (terway daemon/config.go getPoolConfig). An ENI, and so a pod vSwitch,
 * must be in the node's zone.
 */
import type { Cluster, EniConfig, Node, NodePool, VSwitch } from '../snapshot/types.js';
import type { Indexed, SnapshotIndex } from './snapshot-index.js';
import type { Localized } from './types.js';

/** A vSwitch id as the cluster sees it: only vSwitches of the cluster's VPC count as found. */
export function vswitchInVpc(
  id: string,
  vpcId: string,
  vswitches: ReadonlyMap<string, Indexed<VSwitch>>,
): Indexed<VSwitch> | undefined {
  const v = vswitches.get(id);
  return v && v.entity.vpcId === vpcId ? v : undefined;
}

/** What eni-config lists for one zone, split into what Terway can use there and what it cannot. */
export interface ZonePodVSwitches {
  /** Listed under the zone, without duplicates, in eni-config order. */
  listed: string[];
  /** Listed, in the cluster's VPC and really in this zone. */
  usable: VSwitch[];
  /** Listed but not in the VPC's vSwitches of the snapshot, or in another zone. */
  unusable: string[];
}

export function zonePodVSwitches(
  eniConfig: Pick<EniConfig, 'vswitches'>,
  zoneId: string,
  vpcId: string,
  vswitches: ReadonlyMap<string, Indexed<VSwitch>>,
): ZonePodVSwitches {
  const listed = [...new Set(Object.hasOwn(eniConfig.vswitches, zoneId) ? eniConfig.vswitches[zoneId]! : [])];
  const usable: VSwitch[] = [];
  const unusable: string[] = [];
  for (const id of listed) {
    const v = vswitchInVpc(id, vpcId, vswitches)?.entity;
    if (v && v.zoneId === zoneId) usable.push(v);
    else unusable.push(id);
  }
  return { listed, usable, unusable };
}

/** A zone the cluster runs nodes in, or that one of its node pools can create nodes in. */
export interface ClusterZone {
  zoneId: string;
  nodes: Indexed<Node>[];
  /** Node pools with a vSwitch in this zone, with those vSwitch ids. */
  nodePools: { pool: NodePool; vswitchIds: string[] }[];
  /** The cluster's node vSwitches in this zone (clusters[].nodeVSwitchIds and node pool vSwitches). */
  nodeVSwitchIds: string[];
}

/**
 * The zones of a cluster: those of its nodes and of its node pools' vSwitches, sorted. A node pool
 * vSwitch that is not among the VPC's vSwitches has no known zone, and node pools that were not
 * collected (`nodePools` absent) have unknown zones: each is a gap, not a pass.
 */
export function clusterZones(cluster: Cluster, index: SnapshotIndex): { zones: ClusterZone[]; gaps: Localized[] } {
  const zones = new Map<string, ClusterZone>();
  const zone = (zoneId: string) =>
    zones.get(zoneId) ?? zones.set(zoneId, { zoneId, nodes: [], nodePools: [], nodeVSwitchIds: [] }).get(zoneId)!;
  const addNodeVSwitch = (zoneId: string, id: string) => {
    const z = zone(zoneId);
    if (!z.nodeVSwitchIds.includes(id)) z.nodeVSwitchIds.push(id);
  };
  const gaps: Localized[] = [];

  for (const n of index.nodesByCluster.get(cluster.id) ?? []) zone(n.entity.zoneId).nodes.push(n);
  if (!cluster.nodePools) {
    // Not collected (an empty list is "no node pools"): the zones they can create nodes in are unknown.
    gaps.push({
      en: `node pools of ${cluster.id} are not in the snapshot, so the zones they can create nodes in are unknown`,
      'zh-CN': `快照中没有 ${cluster.id} 的节点池，无法得知它们可在哪些可用区创建节点`,
    });
  }
  for (const pool of cluster.nodePools ?? []) {
    const byZone = new Map<string, string[]>();
    for (const id of pool.vswitchIds) {
      const v = vswitchInVpc(id, cluster.vpcId, index.vswitches)?.entity;
      if (!v) {
        gaps.push({
          en: `vSwitch ${id} of node pool ${pool.name} is not among the VPC's vSwitches in the snapshot, so its zone is unknown`,
          'zh-CN': `节点池 ${pool.name} 的交换机 ${id} 不在快照中该 VPC 的交换机里，无法确定其可用区`,
        });
        continue;
      }
      (byZone.get(v.zoneId) ?? byZone.set(v.zoneId, []).get(v.zoneId)!).push(id);
    }
    for (const [zoneId, ids] of byZone) {
      zone(zoneId).nodePools.push({ pool, vswitchIds: ids });
      ids.forEach((id) => addNodeVSwitch(zoneId, id));
    }
  }
  // Cluster-level node vSwitches only name the fallback of a zone that already has nodes or pools.
  for (const id of cluster.nodeVSwitchIds) {
    const v = vswitchInVpc(id, cluster.vpcId, index.vswitches)?.entity;
    if (v && zones.has(v.zoneId)) addNodeVSwitch(v.zoneId, id);
  }
  for (const z of zones.values()) z.nodeVSwitchIds.sort();
  return { zones: [...zones.values()].sort((a, b) => (a.zoneId < b.zoneId ? -1 : a.zoneId > b.zoneId ? 1 : 0)), gaps };
}

/** The reason a Terway zone or pod-vSwitch check cannot run without the cluster's eni-config. */
export function missingEniConfigGap(clusterId: string): Localized {
  return {
    en: `kube-system/eni-config of ${clusterId} is not in the snapshot, so the pod vSwitches per zone are unknown`,
    'zh-CN': `快照中没有 ${clusterId} 的 kube-system/eni-config，无法得知各可用区的 Pod 交换机`,
  };
}

/** JSON pointer of one zone's list in an eni-config entity, e.g. /eniConfigs/0/vswitches/cn-hangzhou-h. */
export function eniConfigZonePointer(eniConfigPointer: string, eniConfig: Pick<EniConfig, 'vswitches'>, zoneId: string): string {
  if (!Object.hasOwn(eniConfig.vswitches, zoneId)) return eniConfigPointer;
  return `${eniConfigPointer}/vswitches/${zoneId.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
