/**
 * The Terway configs a cluster runs with (reference §1.4): kube-system/eni-config on every node,
 * except on nodes labelled terway-config=<name>, which run the dynamic config kube-system/<name>
 * (its eni_conf merged over eni-config's; the collector stores the merged result).
 */
import type { EniConfig } from '../snapshot/types.js';
import type { Indexed, SnapshotIndex } from './snapshot-index.js';

/** eni-config first, then the dynamic configs by name; none when eni-config is not in the snapshot. */
export function eniConfigsOf(clusterId: string, index: SnapshotIndex): Indexed<EniConfig>[] {
  const base = index.eniConfigs.get(clusterId);
  return base ? [base, ...(index.dynamicEniConfigs.get(clusterId) ?? [])] : [];
}

/** How findings name where a setting comes from: "eni-config" or "terway-config:<name>". */
export function eniConfigSource(e: EniConfig): string {
  return e.terwayConfig === undefined ? 'eni-config' : `terway-config:${e.terwayConfig}`;
}
