import type { Cluster, Node } from '../../snapshot/types.js';
import { clusterZones, eniConfigZonePointer, missingEniConfigGap, zonePodVSwitches } from '../pod-vswitch-zones.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import type { Subject } from '../subjects.js';
import type { CollectionDef, Localized, ModelItem } from '../types.js';
import {
  HEADROOM_MARGIN_PERCENT,
  placePods,
  smallestIpsPerEni,
  zoneHeadroomNeed,
  zoneIpNeed,
  type NodeIpDemand,
} from '../zone-ip-demand.js';
import { podVSwitches } from './pod-vswitches.js';
import { counterpartPool } from '../pool-pairing.js';
import { clusterConfigs, unionVSwitches } from '../eni-configs.js';

/**
 * Per zone of a Terway cluster: the free IPs of the pod vSwitches eni-config (and the dynamic configs
 * its nodes or node pools run) gives the zone against
 * the IPs pods will still take there. For a Flannel→Terway pair those are the pods running today on
 * the source's nodes in that zone; each needs an IP, and every ENI Terway creates for them takes one
 * more (its primary IP). A Terway cluster on its own has no pods moving in: its running pods already
 * hold their IPs (AvailableIpAddressCount is counted after them), so they only set the margin.
 * Pods of the demand cluster not bound to a node yet need IPs in a zone not decided: they are counted
 * in every zone the Terway cluster has nodes or node pools in.
 */
export const zonePodIpHeadroom: CollectionDef = {
  name: 'zonePodIpHeadroom',
  description:
    "Free IPs of each zone's pod vSwitches (from kube-system/eni-config and the per-node terway-config ConfigMaps its nodes or node pools run) against the pods planned in the zone (today's pods on the Flannel source's nodes there, plus its pods not on a node yet) plus one primary IP per ENI; for a Terway cluster without a source, against the margin over the IPs its running pods already hold.",
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
    /** The cluster whose pods the demand was measured on (the Flannel source of a pair, else the cluster). */
    demandClusterId: 'string',
    /** true for a pair: the source's pods move in and all need new IPs. false: the cluster's own pods. */
    incoming: 'bool',
    demandNodes: 'int',
    /** Pods needing an IP on the demand cluster's nodes in the zone today. */
    nodePods: 'int',
    /** Pods of the demand cluster needing an IP and not on a node yet: counted in every zone. */
    unboundPods: 'int',
    /** Pods that will take a new IP in the zone: nodePods + unboundPods for a pair, unboundPods alone. */
    plannedPods: 'int',
    /** ENIs for the planned pods: per node, pods / IPs per ENI of its Terway instance type, rounded up. */
    enis: 'int',
    /** plannedPods + enis: IPs still to be taken from freeIps. */
    neededIps: 'int',
    /** IPs the zone's running pods and their ENIs already hold (a cluster on its own; 0 for a pair). */
    heldIps: 'int',
    marginPercent: 'int',
    /** The margin over heldIps + neededIps. */
    marginIps: 'int',
    /** neededIps + marginIps */
    neededWithMargin: 'int',
  },
  applicability: (subject) => podVSwitches.applicability!(subject),
  build(subject, index) {
    const cluster = subject.cluster!;
    const configs = clusterConfigs(cluster, index);
    if (!configs) return { kind: 'items', items: [], gaps: [missingEniConfigGap(cluster.id)] };
    if (subject.sourceClusterId && !subject.source) {
      const gap = {
        en: `source cluster ${subject.sourceClusterId} is not in the snapshot, so the pods planned per zone are unknown`,
        'zh-CN': `快照中没有源集群 ${subject.sourceClusterId}，无法得知各可用区计划运行的 Pod`,
      };
      return { kind: 'items', items: [], gaps: [gap] };
    }
    // The zone's pod vSwitches: eni-config's, and those of the dynamic configs the cluster's nodes or
    // pools run (which of the planned pods land on which config is not known; they share the zone).
    // eni-config counts only when something runs it: a node or pool without a label (or whose label
    // names no ConfigMap), or a cluster with neither nodes nor pools yet.
    const zoneVSwitches = unionVSwitches(configs.inUse());
    const incoming = subject.source !== undefined;
    const demandCluster = subject.source ?? cluster;
    const { zones, gaps } = clusterZones(cluster, index);
    const demandNodes = (index.nodesByCluster.get(demandCluster.id) ?? []).map((n) => n.entity);
    const zoneIds = [...new Set([...zones.map((z) => z.zoneId), ...demandNodes.map((n) => n.zoneId)])].sort();
    const placed = placePods(index.podsByCluster.get(demandCluster.id) ?? [], demandNodes.map((n) => n.name));
    if (placed.offSnapshot.pods > 0) gaps.push(offSnapshotGap(demandCluster.id, placed.offSnapshot));
    // Pods not on a node yet may land in any zone the Terway cluster runs or creates nodes in.
    const unboundZones = new Set(zones.length > 0 ? zones.map((z) => z.zoneId) : zoneIds);
    const unknown = new UnknownEnis();
    if (placed.unbound > 0 && unboundZones.size === 0) {
      gaps.push({
        en: `${plural(placed.unbound, 'pod', 'pods')} of ${demandCluster.id} not on a node yet ${placed.unbound === 1 ? 'needs an IP' : 'need IPs'}, but ${cluster.id} has no zone with nodes or node pools to measure them in`,
        'zh-CN': `${demandCluster.id} 中有 ${placed.unbound} 个尚未调度到节点的 Pod 需要 IP，但 ${cluster.id} 没有任何有节点或节点池的可用区可供计算`,
      });
    }
    const unboundIpsPerEni =
      placed.unbound > 0 && unboundZones.size > 0
        ? terwayIpsPerEni(undefined, subject, index, unknown, placed.unbound, [...unboundZones].sort())
        : undefined;

    const items: ModelItem[] = [];
    for (const zoneId of zoneIds) {
      const nodes = demandNodes.filter((n) => n.zoneId === zoneId);
      const bound: NodeIpDemand[] = [];
      let known = true;
      for (const node of nodes) {
        const pods = placed.perNode.get(node.name) ?? 0;
        if (pods === 0) continue;
        const ipsPerEni = terwayIpsPerEni(node, subject, index, unknown, pods, [zoneId]);
        if (ipsPerEni === undefined) known = false;
        else bound.push({ pods, ipsPerEni });
      }
      const unboundPods = unboundZones.has(zoneId) ? placed.unbound : 0;
      const unbound: NodeIpDemand[] = [];
      if (unboundPods > 0) {
        if (unboundIpsPerEni === undefined) known = false;
        else unbound.push({ pods: unboundPods, ipsPerEni: unboundIpsPerEni });
      }
      const boundNeed = known ? zoneIpNeed(bound) : undefined;
      const unboundNeed = known ? zoneIpNeed(unbound) : undefined;
      if (!boundNeed || !unboundNeed) continue;
      const need = zoneHeadroomNeed(incoming, boundNeed, unboundNeed);
      const pv = zonePodVSwitches(zoneVSwitches, zoneId, cluster.vpcId, index.vswitches);
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
          incoming,
          demandNodes: nodes.length,
          nodePods: boundNeed.pods,
          unboundPods,
          plannedPods: need.plannedPods,
          enis: need.enis,
          neededIps: need.neededIps,
          heldIps: need.heldIps,
          marginPercent: HEADROOM_MARGIN_PERCENT,
          marginIps: need.marginIps,
          neededWithMargin: need.neededWithMargin,
        },
        target: { kind: 'zone', id: zoneId },
        location: { snapshotPointer: eniConfigZonePointer(configs.base.pointer, configs.base.entity, zoneId) },
      });
    }
    return { kind: 'items', items, gaps: [...gaps, ...unknown.gaps()] };
  },
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One gap for the pods of a demand cluster bound to nodes the snapshot does not have. */
function offSnapshotGap(clusterId: string, off: { pods: number; nodeNames: string[] }): Localized {
  const shown = off.nodeNames.slice(0, 3);
  const more = off.nodeNames.length > shown.length ? `, … (${off.nodeNames.length})` : '';
  const moreZh = off.nodeNames.length > shown.length ? ` 等 ${off.nodeNames.length} 个` : '';
  return {
    en: `${plural(off.pods, 'pod', 'pods')} of ${clusterId} that need an IP run on ${off.nodeNames.length === 1 ? 'a node' : 'nodes'} not in the snapshot (${shown.join(', ')}${more}), so the zones they take IPs in are unknown and they are not counted`,
    'zh-CN': `${clusterId} 中有 ${off.pods} 个需要 IP 的 Pod 运行在快照中没有的节点上（${shown.join('、')}${moreZh}），无法确定它们在哪个可用区占用 IP，未计入`,
  };
}

/**
 * Why the ENIs of some pods are unknown, one entry per cause (not per node), with how many pods and
 * which zones it leaves out.
 */
class UnknownEnis {
  private readonly causes = new Map<string, { text: (pods: number, zones: string[]) => Localized; pods: number; zones: Set<string> }>();

  add(key: string, text: (pods: number, zones: string[]) => Localized, pods: number, zoneIds: readonly string[]): void {
    const c = this.causes.get(key) ?? this.causes.set(key, { text, pods: 0, zones: new Set() }).get(key)!;
    c.pods += pods;
    zoneIds.forEach((z) => c.zones.add(z));
  }

  gaps(): Localized[] {
    return [...this.causes.values()].map((c) => c.text(c.pods, [...c.zones].sort()));
  }
}

const zonesEn = (zones: string[]) => `${zones.length === 1 ? 'zone' : 'zones'} ${zones.join(', ')} not evaluated`;
const zonesZh = (zones: string[]) => `可用区 ${zones.join('、')} 未评估`;

/**
 * IPs per ENI of the instance type pods will run on under Terway. For a node's pods, standalone: the
 * node's own type; pair: the types of the target node pool named like the source node's pool, else of
 * every target node pool, else of the target's nodes. For pods not on a node yet (`node` undefined):
 * the types of every node pool of the cluster, else of its nodes. Of several, the smallest (most ENIs).
 */
function terwayIpsPerEni(
  node: Node | undefined,
  subject: Subject,
  index: SnapshotIndex,
  unknown: UnknownEnis,
  pods: number,
  zoneIds: readonly string[],
): number | undefined {
  const cluster = subject.cluster!;
  let typeIds: string[];
  if (node && !subject.source) {
    typeIds = [node.instanceType];
  } else {
    const sourcePool = node ? subject.source?.nodePools?.find((p) => p.id === node.nodePoolId) : undefined;
    const samePool = sourcePool ? counterpartPool(sourcePool, subject.source?.nodePools, cluster.nodePools) : undefined;
    typeIds = samePool?.instanceTypes ?? anyTerwayTypes(cluster, index);
  }
  if (typeIds.length === 0) {
    unknown.add(
      'no-types',
      (n, zones) => ({
        en: `no instance type of ${cluster.id} is known (no node pools, no nodes), so the ENIs for ${plural(n, 'pod', 'pods')} planned there are unknown (${zonesEn(zones)})`,
        'zh-CN': `${cluster.id} 没有已知的实例规格（无节点池、无节点），无法估算计划运行的 ${n} 个 Pod 所需的 ENI（${zonesZh(zones)}）`,
      }),
      pods,
      zoneIds,
    );
    return undefined;
  }
  const types = [];
  for (const id of typeIds) {
    const t = index.instanceTypes.get(id)?.entity;
    if (!t) {
      unknown.add(
        `missing:${id}`,
        (n, zones) => ({
          en: `instance type ${id} is not in the snapshot (DescribeInstanceTypes), so the ENIs for the ${plural(n, 'pod', 'pods')} planned on it are unknown (${zonesEn(zones)})`,
          'zh-CN': `快照中没有实例规格 ${id}（DescribeInstanceTypes），无法估算计划运行在该规格上的 ${n} 个 Pod 所需的 ENI（${zonesZh(zones)}）`,
        }),
        pods,
        zoneIds,
      );
      return undefined;
    }
    types.push(t);
  }
  const broken = types.find((t) => !(t.eniPrivateIpAddressQuantity > 0));
  if (broken) {
    unknown.add(
      `broken:${broken.id}`,
      (n, zones) => ({
        en: `instance type ${broken.id} reports no private IPs per ENI, so the ENIs for the ${plural(n, 'pod', 'pods')} planned on it are unknown (${zonesEn(zones)})`,
        'zh-CN': `实例规格 ${broken.id} 的单 ENI 私网 IP 数为 0，无法估算计划运行在该规格上的 ${n} 个 Pod 所需的 ENI（${zonesZh(zones)}）`,
      }),
      pods,
      zoneIds,
    );
    return undefined;
  }
  return smallestIpsPerEni(types);
}

/** Every instance type a Terway cluster can put pods on: those of its node pools, else of its nodes. */
function anyTerwayTypes(cluster: Cluster, index: SnapshotIndex): string[] {
  const pools = [...new Set((cluster.nodePools ?? []).flatMap((p) => p.instanceTypes))];
  if (pools.length > 0) return pools;
  return [...new Set((index.nodesByCluster.get(cluster.id) ?? []).map((n) => n.entity.instanceType))];
}
