/**
 * The Flannel cluster whose nodes and routes a subject's egress rules look at: the paired source of
 * a Terway target, or a standalone Flannel cluster (judged as the cluster that will move to Terway).
 */
import type { Cluster } from '../snapshot/types.js';
import type { Subject } from './subjects.js';
import type { Applicability, Localized } from './types.js';

export type FlannelClusterOf =
  | { kind: 'flannel'; cluster: Cluster }
  /** The subject is paired with a source that is not in the snapshot's clusters. */
  | { kind: 'missing'; clusterId: string; reason: Localized }
  | { kind: 'not-applicable'; reason: Localized }
  /** The network plugin of the cluster in question is unknown. */
  | { kind: 'unknown'; reason: Localized };

export function flannelClusterOf(subject: Subject): FlannelClusterOf {
  if (subject.sourceClusterId) {
    const source = subject.source;
    if (!source) {
      return {
        kind: 'missing',
        clusterId: subject.sourceClusterId,
        reason: {
          en: `source cluster ${subject.sourceClusterId} of ${subject.clusterId} is not in the snapshot's clusters`,
          'zh-CN': `快照的 clusters 中没有 ${subject.clusterId} 的源集群 ${subject.sourceClusterId}`,
        },
      };
    }
    return byPlugin(source, {
      en: `source cluster ${source.id} of ${subject.clusterId} runs ${source.networkPlugin}, not flannel`,
      'zh-CN': `${subject.clusterId} 的源集群 ${source.id} 使用 ${source.networkPlugin}，而不是 flannel`,
    });
  }
  const cluster = subject.cluster;
  if (!cluster) {
    return {
      kind: 'missing',
      clusterId: subject.clusterId,
      reason: { en: `cluster ${subject.clusterId} is not in the snapshot's clusters`, 'zh-CN': `快照的 clusters 中没有集群 ${subject.clusterId}` },
    };
  }
  return byPlugin(cluster, {
    en: `${cluster.id} runs ${cluster.networkPlugin} and is not paired with a Flannel source cluster`,
    'zh-CN': `${cluster.id} 使用 ${cluster.networkPlugin}，且没有配对的 Flannel 源集群`,
  });
}

function byPlugin(cluster: Cluster, notFlannel: Localized): FlannelClusterOf {
  if (cluster.networkPlugin === 'flannel') return { kind: 'flannel', cluster };
  if (cluster.networkPlugin === 'unknown') {
    return {
      kind: 'unknown',
      reason: {
        en: `the network plugin of ${cluster.id} is unknown, so it is not known whether it runs Flannel`,
        'zh-CN': `无法确定 ${cluster.id} 的网络插件，因此无法判断其是否使用 Flannel`,
      },
    };
  }
  return { kind: 'not-applicable', reason: notFlannel };
}

/** Applicability of a collection over the subject's Flannel cluster; a missing source is decided in build. */
export function flannelApplicability(subject: Subject): Applicability {
  const of = flannelClusterOf(subject);
  if (of.kind === 'not-applicable' || of.kind === 'unknown') return { kind: of.kind, reason: of.reason };
  return { kind: 'applicable' };
}
