import type { Node } from '../../snapshot/types.js';
import { clusterZones, eniConfigZonePointer, missingEniConfigGap, zonePodVSwitches } from '../pod-vswitch-zones.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import type { Subject } from '../subjects.js';
import type { CollectionDef, Localized, ModelItem } from '../types.js';
import { podsPerNode } from '../workloads.js';
import { HEADROOM_MARGIN_PERCENT, smallestIpsPerEni, withMargin, zoneIpNeed, type NodeIpDemand } from '../zone-ip-demand.js';
import { podVSwitches } from './pod-vswitches.js';

/**
 * Per zone of a Terway cluster: the free IPs of the pod vSwitches eni-config gives the zone against
 * the IPs the pods planned there will take. Pods planned in a zone are those running today on the
 * nodes in that zone of the paired Flannel source (else of the cluster itself); each needs an IP,
 * and every ENI Terway creates for them takes one more (its primary IP).
 */
export const zonePodIpHeadroom: CollectionDef = {
  name: 'zonePodIpHeadroom',
  description:
    "Free IPs of each zone's pod vSwitches (from kube-system/eni-config) against the pods planned in the zone (today's pods on the Flannel source's nodes there) plus one primary IP per ENI.",
  sections: ['clusters', 'nodes', 'vswitches', 'eniConfigs', 'pods', 'instanceTypes'],
  schema: {
    clusterId: 'string',
    zoneId: 'string',
    /** Pod vSwitches Terway can use in the zone: listed under it, in the cluster's VPC and in the zone. */
    podVSwitchIds: 'list<string>',
    /** The same, each as "vsw-… (free IPs)". */
    podVSwitchFree: 'list<string>',
    /** Listed under the zone but not counted: not among the VPC's vSwitches, or in another zone. */
    unusableVSwitchIds: 'list<string>',
    freeIps: 'int',
    /** The cluster whose nodes in this zone the demand was measured on (the Flannel source of a pair). */
    demandClusterId: 'string',
    demandNodes: 'int',
    /** Pods needing an IP on those nodes today. */
    plannedPods: 'int',
    /** ENIs for those pods: per node, pods / IPs per ENI of its Terway instance type, rounded up. */
    enis: 'int',
    /** plannedPods + enis */
    neededIps: 'int',
    marginPercent: 'int',
    neededWithMargin: 'int',
  },
  applicability: (subject) => podVSwitches.applicability!(subject),
  build(subject, index) {
    const cluster = subject.cluster!;
    const eniConfig = index.eniConfigs.get(cluster.id);
    if (!eniConfig) return { kind: 'items', items: [], gaps: [missingEniConfigGap(cluster.id)] };
    if (subject.sourceClusterId && !subject.source) {
      const gap = {
        en: `source cluster ${subject.sourceClusterId} is not in the snapshot, so the pods planned per zone are unknown`,
        'zh-CN': `快照中没有源集群 ${subject.sourceClusterId}，无法得知各可用区计划运行的 Pod`,
      };
      return { kind: 'items', items: [], gaps: [gap] };
    }
    const demandCluster = subject.source ?? cluster;
    const { zones, gaps } = clusterZones(cluster, index);
    const demandNodes = (index.nodesByCluster.get(demandCluster.id) ?? []).map((n) => n.entity);
    const zoneIds = [...new Set([...zones.map((z) => z.zoneId), ...demandNodes.map((n) => n.zoneId)])].sort();
    const perNode = podsPerNode(index.podsByCluster.get(demandCluster.id) ?? []);
    const gapTexts = new Set<string>(gaps.map((g) => g.en));
    const addGap = (g: Localized) => {
      if (gapTexts.has(g.en)) return;
      gapTexts.add(g.en);
      gaps.push(g);
    };

    const items: ModelItem[] = [];
    for (const zoneId of zoneIds) {
      const nodes = demandNodes.filter((n) => n.zoneId === zoneId);
      const demands: NodeIpDemand[] = [];
      let known = true;
      for (const node of nodes) {
        const pods = perNode.get(node.name) ?? 0;
        if (pods === 0) continue;
        const ipsPerEni = terwayIpsPerEni(node, subject, index, addGap);
        if (ipsPerEni === undefined) known = false;
        else demands.push({ pods, ipsPerEni });
      }
      const need = known ? zoneIpNeed(demands) : undefined;
      if (!need) continue;
      const pv = zonePodVSwitches(eniConfig.entity, zoneId, cluster.vpcId, index.vswitches);
      const freeIps = pv.usable.reduce((sum, v) => sum + v.availableIpCount, 0);
      items.push({
        fields: {
          clusterId: cluster.id,
          zoneId,
          podVSwitchIds: pv.usable.map((v) => v.id),
          podVSwitchFree: pv.usable.map((v) => `${v.id} (${v.availableIpCount})`),
          unusableVSwitchIds: pv.unusable,
          freeIps,
          demandClusterId: demandCluster.id,
          demandNodes: nodes.length,
          plannedPods: need.pods,
          enis: need.enis,
          neededIps: need.ips,
          marginPercent: HEADROOM_MARGIN_PERCENT,
          neededWithMargin: withMargin(need.ips),
        },
        target: { kind: 'zone', id: zoneId },
        location: { snapshotPointer: eniConfigZonePointer(eniConfig.pointer, eniConfig.entity, zoneId) },
      });
    }
    return { kind: 'items', items, gaps };
  },
};

/**
 * IPs per ENI of the instance type a node's pods will run on under Terway. Standalone: the node's own
 * type. Pair: the types of the target node pool named like the source node's pool, else of every
 * target node pool, else of the target's nodes; of several, the smallest (most ENIs).
 */
function terwayIpsPerEni(node: Node, subject: Subject, index: SnapshotIndex, addGap: (g: Localized) => void): number | undefined {
  const cluster = subject.cluster!;
  let typeIds: string[];
  if (!subject.source) {
    typeIds = [node.instanceType];
  } else {
    const poolName = subject.source.nodePools?.find((p) => p.id === node.nodePoolId)?.name;
    const samePool = poolName === undefined ? undefined : cluster.nodePools?.find((p) => p.name === poolName);
    typeIds = samePool?.instanceTypes ?? [...new Set((cluster.nodePools ?? []).flatMap((p) => p.instanceTypes))];
    if (typeIds.length === 0) typeIds = [...new Set((index.nodesByCluster.get(cluster.id) ?? []).map((n) => n.entity.instanceType))];
  }
  if (typeIds.length === 0) {
    addGap({
      en: `no instance type of ${cluster.id} is known (no node pools, no nodes), so the ENIs for the pods of node ${node.name} are unknown`,
      'zh-CN': `${cluster.id} 没有已知的实例规格（无节点池、无节点），无法估算节点 ${node.name} 上的 Pod 所需的 ENI`,
    });
    return undefined;
  }
  const types = [];
  for (const id of typeIds) {
    const t = index.instanceTypes.get(id)?.entity;
    if (!t) {
      addGap({
        en: `instance type ${id} is not in the snapshot (DescribeInstanceTypes), so the ENIs for the pods planned on it are unknown`,
        'zh-CN': `快照中没有实例规格 ${id}（DescribeInstanceTypes），无法估算计划运行在该规格上的 Pod 所需的 ENI`,
      });
      return undefined;
    }
    types.push(t);
  }
  const broken = types.find((t) => !(t.eniPrivateIpAddressQuantity > 0));
  if (broken) {
    addGap({
      en: `instance type ${broken.id} reports no private IPs per ENI, so the ENIs for the pods planned on it are unknown`,
      'zh-CN': `实例规格 ${broken.id} 的单 ENI 私网 IP 数为 0，无法估算计划运行在该规格上的 Pod 所需的 ENI`,
    });
    return undefined;
  }
  return smallestIpsPerEni(types);
}
