/**
 * Whether rules about what Terway itself needs (node kernels, eni-config limits, trunk support) apply
 * to a subject: decided from the judged cluster's network plugin alone.
 */
import type { Subject } from './subjects.js';
import type { Applicability, Localized } from './types.js';

/**
 * Terway cluster → applicable; unknown plugin → unknown (not evaluated); Flannel → not applicable,
 * with `whyNot` (given the cluster id and plugin) as the reason.
 */
export function terwayApplicability(
  subject: Subject,
  whyNot: (clusterId: string, plugin: string) => Localized,
  whyUnknown?: (clusterId: string) => Localized,
): Applicability {
  const cluster = subject.cluster;
  if (!cluster || cluster.networkPlugin === 'terway') return { kind: 'applicable' };
  if (cluster.networkPlugin === 'unknown') {
    return {
      kind: 'unknown',
      reason: whyUnknown?.(cluster.id) ?? {
        en: `the network plugin of ${cluster.id} is unknown, so it is not known whether Terway runs on it`,
        'zh-CN': `无法确定 ${cluster.id} 的网络插件，因此无法判断其是否运行 Terway`,
      },
    };
  }
  return { kind: 'not-applicable', reason: whyNot(cluster.id, cluster.networkPlugin) };
}
