import { terwayApplicability } from '../terway-applicability.js';
import type { CollectionDef } from '../types.js';
import { eniConfigsOf } from '../eni-configs.js';

/** Terway's Config.Validate rejects eni_conf with more security_groups than this (reference §1.3, S17). */
export const MAX_ENI_CONFIG_SECURITY_GROUPS = 10;

/** The kube-system/eni-config of a Terway cluster with the security groups its pod ENIs get. */
export const eniConfigSecurityGroups: CollectionDef = {
  name: 'eniConfigSecurityGroups',
  description:
    'The kube-system/eni-config of a Terway cluster, and each per-node terway-config ConfigMap merged over it, with the security groups it lists for pod ENIs, against the limit Terway validates.',
  sections: ['clusters', 'eniConfigs'],
  schema: {
    clusterId: 'string',
    id: 'string',
    securityGroups: 'list<string>',
    /** The larger of the merged set's size and the security_groups list as written (duplicates included). */
    securityGroupCount: 'int',
    /** The most Terway accepts, 10. */
    maxSecurityGroups: 'int',
    /** The dynamic config's name (nodes labelled terway-config=<name>); "" for eni-config itself. */
    terwayConfig: 'string',
  },
  applicability: (subject) =>
    terwayApplicability(subject, (id, plugin) => ({
      en: `${id} runs ${plugin}: it has no Terway eni-config`,
      'zh-CN': `${id} 使用 ${plugin}，没有 Terway 的 eni-config`,
    })),
  build(subject, index) {
    const cluster = subject.cluster!;
    const eniConfig = index.eniConfigs.get(cluster.id);
    if (!eniConfig) {
      return {
        kind: 'items',
        items: [],
        gaps: [
          {
            en: `kube-system/eni-config of ${cluster.id} is not in the snapshot, so its security groups are unknown`,
            'zh-CN': `快照中没有 ${cluster.id} 的 kube-system/eni-config，无法得知其安全组配置`,
          },
        ],
      };
    }
    return {
      kind: 'items',
      items: eniConfigsOf(cluster.id, index).map(({ entity, pointer }) => ({
        fields: {
          clusterId: cluster.id,
          id: entity.id,
          securityGroups: [...entity.securityGroups],
          // Terway checks both the merged set and (Config.Validate) the security_groups list as
          // written, duplicates included: the larger count is the one that can fail.
          securityGroupCount: Math.max(entity.securityGroups.length, entity.securityGroupsListed ?? 0),
          maxSecurityGroups: MAX_ENI_CONFIG_SECURITY_GROUPS,
          terwayConfig: entity.terwayConfig ?? '',
        },
        target: { kind: 'configmap', id: entity.id },
        location: { snapshotPointer: `${pointer}/securityGroups` },
      })),
      gaps: [],
    };
  },
};
