import { describe, expect, it } from 'vitest';
import { networkPluginOf, networkPluginOfDaemonSets } from '../../src/collect/alicloud/addons.js';

describe('the network plugin from ACK addons', () => {
  it.each([
    { addons: ['terway-eniip', 'csi-plugin'], want: 'terway' },
    { addons: ['terway-controlplane'], want: 'terway' },
    { addons: ['flannel'], want: 'flannel' },
    { addons: ['kube-flannel-ds', 'coredns'], want: 'flannel' },
    { addons: ['coredns'], want: 'unknown' },
    { addons: [], want: 'unknown' },
  ])('$addons → $want', ({ addons, want }) => {
    expect(networkPluginOf(addons.map((name) => ({ name })))).toBe(want);
  });
});

describe('the network plugin from kube-system DaemonSets, when the addons do not tell', () => {
  it.each([
    { ids: ['kube-system/terway-eniip', 'kube-system/kube-proxy-worker'], want: 'terway' },
    { ids: ['kube-system/terway-eni'], want: 'terway' },
    { ids: ['kube-system/terway'], want: 'terway' },
    { ids: ['kube-system/kube-flannel-ds'], want: 'flannel' },
    { ids: ['kube-system/kube-proxy-worker', 'kube-system/csi-plugin'], want: 'unknown' },
    { ids: [], want: 'unknown' },
  ])('$ids → $want', ({ ids, want }) => {
    expect(networkPluginOfDaemonSets(ids.map((id) => ({ id })))).toBe(want);
  });
});
