import { cidrsOverlap } from '../cidr-overlap.js';
import { parseIpv4Cidr } from '../cidr.js';
import type { CollectionDef, Localized } from '../types.js';
import { buildListedPodVSwitchItems, listedPodVSwitchSchema } from './eni-config-pod-vswitches.js';
import { podVSwitches } from './pod-vswitches.js';

/**
 * Each vSwitch kube-system/eni-config of a Terway cluster lists, with whether its CIDR overlaps the
 * cluster's service CIDR. Without a usable service CIDR nothing can be said, and a listed vSwitch the
 * snapshot does not have (its CIDR unknown) is left out: each is a gap, never a pass. A listed
 * vSwitch of another VPC is kept, not overlapping: Terway cannot give pods its addresses.
 */
export const podVSwitchServiceCidr: CollectionDef = {
  name: 'podVSwitchServiceCidr',
  description:
    "Pod vSwitches listed in kube-system/eni-config of a Terway cluster, each with whether its CIDR overlaps the cluster's service CIDR.",
  sections: ['clusters', 'vswitches', 'eniConfigs'],
  schema: {
    ...listedPodVSwitchSchema,
    serviceCidr: 'string',
    /** false as well for a vSwitch of another VPC (Terway gives pods none of its addresses). */
    overlapsServiceCidr: 'bool',
  },
  applicability: (subject) => podVSwitches.applicability!(subject),
  build(subject, index) {
    const cluster = subject.cluster!;
    const serviceCidr = cluster.serviceCidr?.trim() ?? '';
    if (!parseIpv4Cidr(serviceCidr)) {
      const gap: Localized = serviceCidr
        ? {
            en: `the service CIDR of ${cluster.id} (${serviceCidr}) is not an IPv4 CIDR, so overlaps with it are not checked`,
            'zh-CN': `${cluster.id} 的 Service 网段（${serviceCidr}）不是 IPv4 网段，未检查与其重叠的情况`,
          }
        : {
            en: `the service CIDR of ${cluster.id} is not in the snapshot (clusters[].serviceCidr), so overlaps with it are not checked`,
            'zh-CN': `快照中没有 ${cluster.id} 的 Service 网段（clusters[].serviceCidr），未检查与其重叠的情况`,
          };
      return { kind: 'items', items: [], gaps: [gap] };
    }
    const gaps: Localized[] = [];
    const result = buildListedPodVSwitchItems(subject, index, ({ id, vswitch }) => {
      if (!vswitch) {
        // In another VPC: Terway cannot create ENIs there, so no pod gets its addresses.
        if (index.vswitches.has(id)) return { serviceCidr, overlapsServiceCidr: false };
        gaps.push({
          en: `pod vSwitch ${id} is not among the snapshot's vSwitches, so its CIDR is unknown and its overlap with the service CIDR is not checked`,
          'zh-CN': `快照的交换机中没有 Pod 交换机 ${id}，无法得知其网段，未检查其与 Service 网段的重叠`,
        });
        return undefined;
      }
      const overlaps = cidrsOverlap(vswitch.cidr, serviceCidr);
      if (overlaps === undefined) {
        gaps.push({
          en: `the CIDR of pod vSwitch ${id} (${vswitch.cidr}) is not an IPv4 CIDR, so its overlap with the service CIDR is not checked`,
          'zh-CN': `Pod 交换机 ${id} 的网段（${vswitch.cidr}）不是 IPv4 网段，未检查其与 Service 网段的重叠`,
        });
        return undefined;
      }
      return { serviceCidr, overlapsServiceCidr: overlaps };
    });
    return result.kind === 'items' ? { ...result, gaps: [...result.gaps, ...gaps] } : result;
  },
};
