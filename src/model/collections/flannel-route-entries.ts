import { cidrContains, parseIpv4Cidr } from '../cidr.js';
import { flannelApplicability, flannelClusterOf } from '../flannel-cluster.js';
import type { CollectionDef, ModelItem } from '../types.js';

/**
 * The route entries with an ECS instance as next hop in the route tables of the Flannel cluster's
 * VPC (the paired source, or a standalone Flannel cluster): Flannel's per-node pod CIDR routes and
 * whatever else points at an instance. Each says whether it lies in the Flannel pod CIDR and whether
 * its instance is still a node of that cluster, or of which other cluster.
 */
export const flannelRouteEntries: CollectionDef = {
  name: 'flannelRouteEntries',
  description:
    "Route entries whose next hop is an ECS instance in the route tables of the Flannel cluster's VPC, each with whether it lies in the Flannel pod CIDR and whether the instance is still a node of that cluster.",
  sections: ['clusters', 'nodes', 'routeTables'],
  schema: {
    clusterId: 'string',
    flannelClusterId: 'string',
    flannelPodCidr: 'string',
    routeTableId: 'string',
    routeTableType: 'string',
    destinationCidr: 'string',
    nextHopType: 'string',
    nextHopId: 'string',
    status: 'string',
    /** The destination is inside the Flannel cluster's pod CIDR (container_cidr). */
    inFlannelPodCidr: 'bool',
    /** The next-hop instance is a node of the Flannel cluster in the snapshot. */
    nextHopIsFlannelNode: 'bool',
    /** The cluster the next-hop instance is a node of, or "" when it is a node of none in the snapshot. */
    nextHopClusterId: 'string',
    nextHopNodeName: 'string',
  },
  applicability: flannelApplicability,
  build(subject, index, snapshot) {
    const of = flannelClusterOf(subject);
    if (of.kind === 'missing') {
      return {
        kind: 'items',
        items: [],
        gaps: [{ en: `${of.reason.en}, so its pod CIDR and nodes are unknown`, 'zh-CN': `${of.reason['zh-CN']}，无法得知其 Pod 网段和节点` }],
      };
    }
    if (of.kind !== 'flannel') return { kind: 'items', items: [], gaps: [of.reason] };
    const flannel = of.cluster;
    if (!flannel.podCidr || !parseIpv4Cidr(flannel.podCidr)) {
      const gap = {
        en: `the pod CIDR (container_cidr) of Flannel cluster ${flannel.id} is not in the snapshot (or is not an IPv4 CIDR), so its routes cannot be told apart`,
        'zh-CN': `快照中没有 Flannel 集群 ${flannel.id} 的 Pod 网段（container_cidr），或其不是 IPv4 网段，无法识别其路由`,
      };
      return { kind: 'items', items: [], gaps: [gap] };
    }
    const items: ModelItem[] = [];
    (snapshot.routeTables ?? []).forEach((table, t) => {
      if (table.vpcId !== flannel.vpcId) return;
      table.entries.forEach((entry, e) => {
        if (entry.nextHopType !== 'Instance' || !entry.nextHopId) return;
        const node = index.nodesById.get(entry.nextHopId)?.entity;
        items.push({
          fields: {
            clusterId: subject.clusterId,
            flannelClusterId: flannel.id,
            flannelPodCidr: flannel.podCidr!,
            routeTableId: table.id,
            routeTableType: table.type,
            destinationCidr: entry.destinationCidr,
            nextHopType: entry.nextHopType,
            nextHopId: entry.nextHopId,
            status: entry.status ?? '',
            inFlannelPodCidr: cidrContains(flannel.podCidr!, entry.destinationCidr),
            nextHopIsFlannelNode: node?.clusterId === flannel.id,
            nextHopClusterId: node?.clusterId ?? '',
            nextHopNodeName: node?.name ?? '',
          },
          target: { kind: 'route-entry', id: `${table.id}/${entry.destinationCidr}`, name: `${entry.destinationCidr} → ${entry.nextHopId}` },
          location: { snapshotPointer: `/routeTables/${t}/entries/${e}` },
        });
      });
    });
    return { kind: 'items', items, gaps: [] };
  },
};
