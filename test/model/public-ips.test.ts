import { describe, expect, it } from 'vitest';
import { indexInstanceEips, ownPublicIpsOf } from '../../src/model/public-ips.js';
import type { Eip, Instance } from '../../src/snapshot/types.js';

function eip(id: string, ip: string, boundId: string | undefined, boundType = 'EcsInstance', status = 'InUse'): Eip {
  return { id, ip, status, ...(boundId ? { boundId, boundType } : {}) };
}

const EIPS: Eip[] = [
  eip('eip-1', '47.98.20.11', 'i-a'),
  eip('eip-2', '47.98.20.12', 'i-b', 'EcsInstance', 'Available'),
  eip('eip-3', '47.98.10.20', 'ngw-1', 'Nat'),
  eip('eip-4', '47.98.20.14', 'eni-1', 'NetworkInterface'),
  eip('eip-5', '47.98.20.15', undefined),
  eip('eip-6', '47.98.20.16', 'i-c'),
];

describe('ownPublicIpsOf', () => {
  const byInstance = indexInstanceEips(EIPS);
  it.each<{ name: string; instance: Pick<Instance, 'id' | 'publicIp' | 'eipAddress'>; want: string[] }>([
    { name: 'no public address', instance: { id: 'i-z' }, want: [] },
    { name: 'a public IP from DescribeInstances', instance: { id: 'i-z', publicIp: '121.40.1.1' }, want: ['121.40.1.1'] },
    { name: 'an EIP from DescribeInstances', instance: { id: 'i-z', eipAddress: '47.98.20.99' }, want: ['47.98.20.99'] },
    { name: 'an EIP bound to the instance in DescribeEipAddresses', instance: { id: 'i-a' }, want: ['47.98.20.11'] },
    { name: 'the same EIP from both sources counts once', instance: { id: 'i-a', eipAddress: '47.98.20.11' }, want: ['47.98.20.11'] },
    { name: 'an EIP that is not InUse does not count', instance: { id: 'i-b' }, want: [] },
    { name: 'an EIP bound to a NAT gateway or an ENI is not the instance’s', instance: { id: 'ngw-1' }, want: [] },
    { name: 'blank strings are no address', instance: { id: 'i-z', publicIp: ' ', eipAddress: '' }, want: [] },
    {
      name: 'public IP and a different EIP, sorted',
      instance: { id: 'i-c', publicIp: '121.40.1.1' },
      want: ['121.40.1.1', '47.98.20.16'],
    },
  ])('$name', ({ instance, want }) => expect(ownPublicIpsOf(instance, byInstance)).toEqual(want));
});
