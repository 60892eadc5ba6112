import { snatCoverageIn, vpcSnatIndex } from '../egress.js';
import type { CollectionDef, ItemLocation, ModelItem } from '../types.js';
import { terwayApplicability } from '../terway-applicability.js';
import { eniConfigSource, eniConfigsOf } from '../eni-configs.js';

/** The Terway pod vSwitches of a cluster, each with the SNAT entries that give it internet egress. */
export const podVSwitches: CollectionDef = {
  name: 'podVSwitches',
  description:
    'Pod vSwitches of a Terway cluster (from kube-system/eni-config and the per-node terway-config ConfigMaps; from ACK only when eni-config is unknown), each with the Available SNAT entries of NAT gateways in the cluster VPC that cover it.',
  sections: ['clusters', 'vswitches', 'natGateways', 'snatEntries', 'eniConfigs'],
  schema: {
    clusterId: 'string',
    id: 'string',
    name: 'string',
    zoneId: 'string',
    cidr: 'string',
    availableIpCount: 'int',
    /** false when the vSwitch is not in the snapshot's vSwitch list (deleted, or another VPC). */
    found: 'bool',
    configuredIn: 'list<string>',
    snatEntryIds: 'list<string>',
    natGatewayIds: 'list<string>',
    snatIps: 'list<string>',
  },
  applicability(subject) {
    return terwayApplicability(
      subject,
      (id, plugin) => ({ en: `${id} runs ${plugin}: it has no Terway pod vSwitches`, 'zh-CN': `${id} 使用 ${plugin}，没有 Terway Pod 交换机` }),
      (id) => ({ en: `the network plugin of ${id} is unknown, so it is not known whether it has pod vSwitches`, 'zh-CN': `无法确定 ${id} 的网络插件，因此无法判断其是否有 Pod 交换机` }),
    );
  },

  build(subject, index) {
    const cluster = subject.cluster!;
    const eniConfig = index.eniConfigs.get(cluster.id);
    const sources = new Map<string, Set<string>>();
    const add = (id: string, source: string) => (sources.get(id) ?? sources.set(id, new Set()).get(id)!).add(source);
    // eni-config (and the dynamic configs of labelled nodes) is what Terway reads; ACK's list stands
    // in only when eni-config is not known.
    for (const config of eniConfigsOf(cluster.id, index)) {
      for (const ids of Object.values(config.entity.vswitches)) ids.forEach((id) => add(id, eniConfigSource(config.entity)));
    }
    if (!eniConfig) (cluster.podVSwitchIds ?? []).forEach((id) => add(id, 'ack'));

    const gaps = [];
    if (!eniConfig) {
      gaps.push({
        en: `kube-system/eni-config of ${cluster.id} is not in the snapshot, so pod vSwitches configured only there are not checked`,
        'zh-CN': `快照中没有 ${cluster.id} 的 kube-system/eni-config，仅在其中配置的 Pod 交换机未被检查`,
      });
    }
    const clusterPointer = index.clusters.get(cluster.id)?.pointer;
    const vpcSnat = vpcSnatIndex(cluster.vpcId, index.natGateways, index.snatEntries);
    const items: ModelItem[] = [...sources.keys()].sort().map((id) => {
      // A vSwitch of another VPC cannot serve this cluster's pods: treat it as not found.
      const known = index.vswitches.get(id);
      const vsw = known && known.entity.vpcId === cluster.vpcId ? known : undefined;
      const coverage = snatCoverageIn({ id, cidr: vsw?.entity.cidr }, vpcSnat);
      const location: ItemLocation = { snapshotPointer: vsw?.pointer ?? eniConfig?.pointer ?? clusterPointer };
      return {
        fields: {
          clusterId: cluster.id,
          id,
          name: vsw?.entity.name ?? '',
          zoneId: vsw?.entity.zoneId ?? '',
          cidr: vsw?.entity.cidr ?? '',
          availableIpCount: vsw?.entity.availableIpCount ?? 0,
          found: vsw !== undefined,
          configuredIn: [...sources.get(id)!].sort(),
          snatEntryIds: coverage.map((c) => c.snatEntryId),
          natGatewayIds: [...new Set(coverage.map((c) => c.natGatewayId))].sort(),
          snatIps: [...new Set(coverage.map((c) => c.snatIp))].sort(),
        },
        target: { kind: 'vswitch', id, ...(vsw?.entity.name ? { name: vsw.entity.name } : {}) },
        location,
      };
    });
    return { kind: 'items', items, gaps };
  },
};
