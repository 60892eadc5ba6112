/**
 * The public IPv4 addresses an ECS instance reaches the internet with by itself, without a NAT
 * gateway: its public IP and its EIP as DescribeInstances reports them, and EIPs that
 * DescribeEipAddresses shows bound to it. Reference §1.5 (3), §2.2, §2.3.
 */
import type { Eip, Instance } from '../snapshot/types.js';

/** EIPs in use by an ECS instance (boundType EcsInstance, status InUse), by instance id. */
export function indexInstanceEips(eips: readonly Eip[]): Map<string, Eip[]> {
  const byInstance = new Map<string, Eip[]>();
  for (const eip of eips) {
    if (eip.boundType !== 'EcsInstance' || !eip.boundId || eip.status !== 'InUse') continue;
    const list = byInstance.get(eip.boundId);
    if (list) list.push(eip);
    else byInstance.set(eip.boundId, [eip]);
  }
  return byInstance;
}

/** The instance's own public addresses, deduplicated and sorted; empty when it has none. */
export function ownPublicIpsOf(
  instance: Pick<Instance, 'id' | 'publicIp' | 'eipAddress'>,
  instanceEips: ReadonlyMap<string, readonly Eip[]>,
): string[] {
  const ips = new Set<string>();
  if (instance.publicIp?.trim()) ips.add(instance.publicIp.trim());
  if (instance.eipAddress?.trim()) ips.add(instance.eipAddress.trim());
  for (const eip of instanceEips.get(instance.id) ?? []) if (eip.ip.trim()) ips.add(eip.ip.trim());
  return [...ips].sort();
}
