/** What a cluster's addons say about its network (reference §1.6). */
import type { NetworkPlugin } from '../../snapshot/types.js';

const TERWAY_ADDONS = new Set(['terway-eniip', 'terway-eni', 'terway', 'terway-controlplane']);

export function networkPluginOf(addons: readonly { name: string }[]): NetworkPlugin {
  if (addons.some((a) => a.name === 'flannel')) return 'flannel';
  if (addons.some((a) => TERWAY_ADDONS.has(a.name))) return 'terway';
  return 'unknown';
}

/**
 * Pod vSwitch ids from the Terway addon's config JSON, as a comma list or an array under
 * PodVswitchId(s) (the layout is not documented: reference §8; eni-config in the cluster is the
 * authority and is read from Kubernetes).
 */
export function podVSwitchIdsOf(addons: readonly { name: string; config?: string }[]): string[] {
  const ids = new Set<string>();
  for (const addon of addons) {
    if (!TERWAY_ADDONS.has(addon.name) || !addon.config) continue;
    let config: Record<string, unknown>;
    try {
      config = JSON.parse(addon.config) as Record<string, unknown>;
    } catch {
      continue;
    }
    for (const key of ['PodVswitchId', 'PodVswitchIds', 'pod_vswitch_ids', 'podVswitchIds']) {
      const value = config[key];
      const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
      for (const id of list) if (typeof id === 'string' && id.trim()) ids.add(id.trim());
    }
  }
  return [...ids].sort();
}
