/** What a cluster's addons say about its network (reference §1.6). */
import type { NetworkPlugin } from '../../snapshot/types.js';

const TERWAY_ADDONS = new Set(['terway-eniip', 'terway-eni', 'terway', 'terway-controlplane']);

/** Real meta_data names the Flannel addon kube-flannel-ds; the CreateCluster docs call it flannel. */
const FLANNEL_ADDONS = new Set(['flannel', 'kube-flannel-ds']);

export function networkPluginOf(addons: readonly { name: string }[]): NetworkPlugin {
  if (addons.some((a) => FLANNEL_ADDONS.has(a.name))) return 'flannel';
  if (addons.some((a) => TERWAY_ADDONS.has(a.name))) return 'terway';
  return 'unknown';
}

/**
 * When the addons do not tell, the cluster's kube-system DaemonSets do (reference §1.4): Terway runs
 * terway-eniip (or the older terway-eni / terway), Flannel kube-flannel-ds.
 */
export function networkPluginOfDaemonSets(daemonSets: readonly { id: string }[]): NetworkPlugin {
  return networkPluginOf(daemonSets.map((d) => ({ name: d.id.slice(d.id.indexOf('/') + 1) })));
}
