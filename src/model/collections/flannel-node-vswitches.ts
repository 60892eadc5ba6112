import type { Instance, Node } from '../../snapshot/types.js';
import { snatCoverageIn, vpcSnatIndex } from '../egress.js';
import { flannelApplicability, flannelClusterOf } from '../flannel-cluster.js';
import { indexInstanceEips, ownPublicIpsOf } from '../public-ips.js';
import type { Subject } from '../subjects.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import type { CollectionDef, Localized, ModelItem } from '../types.js';
import type { Snapshot } from '../../snapshot/types.js';
import { podVSwitches } from './pod-vswitches.js';

/** How many nodes a message names before it says "and N more". */
const NODES_NAMED = 5;

/**
 * The node vSwitches of the Flannel cluster whose workloads move to Terway (the paired source, or a
 * standalone Flannel cluster), each with its nodes' own public IPs (EIP or public IP) and the SNAT
 * entries that cover it; plus, for a Terway target, whether its pod vSwitches already have SNAT.
 */
export const flannelNodeVSwitches: CollectionDef = {
  name: 'flannelNodeVSwitches',
  description:
    "Node vSwitches of the Flannel cluster that moves to Terway, each with its nodes' own EIPs or public IPs and the Available SNAT entries of NAT gateways in the VPC that cover it, and whether the Terway target's pod vSwitches already have SNAT.",
  sections: ['clusters', 'nodes', 'instances', 'eips', 'vswitches', 'natGateways', 'snatEntries', 'eniConfigs'],
  schema: {
    clusterId: 'string',
    flannelClusterId: 'string',
    id: 'string',
    name: 'string',
    zoneId: 'string',
    cidr: 'string',
    /** false when the vSwitch is not among the VPC's vSwitches in the snapshot. */
    found: 'bool',
    nodeCount: 'int',
    /** Nodes on the vSwitch with their own EIP or public IP. */
    publicNodeCount: 'int',
    /** Every such node as "name (instance id, ip[ / ip])", sorted by name. */
    publicNodes: 'list<string>',
    /** The first few of publicNodes, for messages. */
    publicNodesNamed: 'list<string>',
    publicIps: 'list<string>',
    snatEntryIds: 'list<string>',
    /** The Terway target, or "" for a standalone Flannel cluster. */
    terwayClusterId: 'string',
    /** true when the target's pod vSwitches are known (eni-config collected) and there is at least one. */
    podVSwitchesKnown: 'bool',
    podVSwitchIds: 'list<string>',
    /** Pod vSwitches of the target that no Available SNAT entry covers. */
    podVSwitchesWithoutSnat: 'list<string>',
    /** SNAT IPs the target's pods will leave through. */
    podSnatIps: 'list<string>',
  },
  applicability: flannelApplicability,
  build(subject, index, snapshot) {
    const of = flannelClusterOf(subject);
    if (of.kind === 'missing') {
      return { kind: 'items', items: [], gaps: [{ en: `${of.reason.en}, so its nodes are unknown`, 'zh-CN': `${of.reason['zh-CN']}，无法得知其节点` }] };
    }
    if (of.kind !== 'flannel') return { kind: 'items', items: [], gaps: [of.reason] };
    const flannel = of.cluster;
    const instances = new Map((snapshot.instances ?? []).map((i) => [i.id, i]));
    const instanceEips = indexInstanceEips(snapshot.eips ?? []);
    const gaps: Localized[] = [];

    const byVSwitch = new Map<string, { node: Node; instance: Instance; pointer: string }[]>();
    for (const { entity: node, pointer } of index.nodesByCluster.get(flannel.id) ?? []) {
      const instance = instances.get(node.id);
      if (!instance) {
        gaps.push({
          en: `instance ${node.id} of node ${node.name} (${flannel.id}) is not in the snapshot's instances, so its vSwitch and public IP are unknown`,
          'zh-CN': `快照的 instances 中没有节点 ${node.name}（${flannel.id}）的实例 ${node.id}，无法得知其交换机和公网 IP`,
        });
        continue;
      }
      const list = byVSwitch.get(instance.vswitchId) ?? byVSwitch.set(instance.vswitchId, []).get(instance.vswitchId)!;
      list.push({ node, instance, pointer });
    }

    const vpcSnat = vpcSnatIndex(flannel.vpcId, index.natGateways, index.snatEntries);
    const pods = targetPodVSwitches(subject, index, snapshot);

    const items: ModelItem[] = [...byVSwitch.keys()].sort().map((id) => {
      const known = index.vswitches.get(id);
      const vsw = known && known.entity.vpcId === flannel.vpcId ? known : undefined;
      const nodes = byVSwitch.get(id)!.sort((a, b) => (a.node.name < b.node.name ? -1 : a.node.name > b.node.name ? 1 : 0));
      const publicNodes: string[] = [];
      const publicIps = new Set<string>();
      for (const { node, instance } of nodes) {
        const ips = ownPublicIpsOf(instance, instanceEips);
        if (ips.length === 0) continue;
        publicNodes.push(`${node.name} (${node.id}, ${ips.join(' / ')})`);
        ips.forEach((ip) => publicIps.add(ip));
      }
      const coverage = snatCoverageIn({ id, cidr: vsw?.entity.cidr }, vpcSnat);
      return {
        fields: {
          clusterId: subject.clusterId,
          flannelClusterId: flannel.id,
          id,
          name: vsw?.entity.name ?? '',
          zoneId: vsw?.entity.zoneId ?? nodes[0]!.instance.zoneId,
          cidr: vsw?.entity.cidr ?? '',
          found: vsw !== undefined,
          nodeCount: nodes.length,
          publicNodeCount: publicNodes.length,
          publicNodes,
          publicNodesNamed: publicNodes.slice(0, NODES_NAMED),
          publicIps: [...publicIps].sort(),
          snatEntryIds: coverage.map((c) => c.snatEntryId),
          ...pods,
        },
        target: { kind: 'vswitch', id, ...(vsw?.entity.name ? { name: vsw.entity.name } : {}) },
        location: { snapshotPointer: vsw?.pointer ?? nodes[0]!.pointer },
      };
    });
    return { kind: 'items', items, gaps };
  },
};

/** The SNAT state of a Terway target's pod vSwitches, from the podVSwitches collection. */
function targetPodVSwitches(subject: Subject, index: SnapshotIndex, snapshot: Snapshot) {
  const none = { terwayClusterId: '', podVSwitchesKnown: false, podVSwitchIds: [], podVSwitchesWithoutSnat: [], podSnatIps: [] };
  if (subject.role !== 'target' || subject.cluster?.networkPlugin !== 'terway') return none;
  const built = podVSwitches.build(subject, index, snapshot);
  if (built.kind !== 'items') return { ...none, terwayClusterId: subject.clusterId };
  const fields = built.items.map((i) => i.fields as { id: string; snatEntryIds: string[]; snatIps: string[] });
  return {
    terwayClusterId: subject.clusterId,
    // eni-config missing (a gap) means pod vSwitches configured only there are unknown.
    podVSwitchesKnown: built.gaps.length === 0 && fields.length > 0,
    podVSwitchIds: fields.map((f) => f.id),
    podVSwitchesWithoutSnat: fields.filter((f) => f.snatEntryIds.length === 0).map((f) => f.id),
    podSnatIps: [...new Set(fields.flatMap((f) => f.snatIps))].sort(),
  };
}
