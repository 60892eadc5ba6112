import { describe, expect, it } from 'vitest';
import { policiesAcrossPair, splitNamespacedId, targetEnforcement, type Located } from '../../src/model/network-policy-enforcement.js';
import type { EniConfig, NetworkPolicy, NodePool } from '../../src/snapshot/types.js';

describe('splitNamespacedId', () => {
  it.each([
    { id: 'shop/deny-all', want: { namespace: 'shop', name: 'deny-all' } },
    { id: 'kube-system/eni-config', want: { namespace: 'kube-system', name: 'eni-config' } },
    { id: 'a/b/c', want: { namespace: 'a', name: 'b/c' } },
    { id: 'no-namespace', want: { namespace: '', name: 'no-namespace' } },
  ])('$id', ({ id, want }) => expect(splitNamespacedId(id)).toEqual(want));
});

describe('policiesAcrossPair', () => {
  const at = (clusterId: string, id: string, policyTypes: string[], i: number): Located<NetworkPolicy> => ({
    entity: { id, clusterId, policyTypes },
    pointer: `/networkPolicies/${i}`,
  });

  it('merges by namespace/name, unions the policy types and sorts by id', () => {
    const target = [at('c-t', 'shop/deny-all', ['Ingress'], 3), at('c-t', 'shop/only-target', ['Egress'], 4)];
    const source = [at('c-f', 'shop/deny-all', ['Egress', 'Ingress'], 0), at('c-f', 'payments/psp', ['Egress'], 1)];
    const got = policiesAcrossPair(target, source).map((p) => ({
      id: p.id,
      types: p.policyTypes,
      target: p.target?.pointer ?? null,
      source: p.source?.pointer ?? null,
    }));
    expect(got).toEqual([
      { id: 'payments/psp', types: ['Egress'], target: null, source: '/networkPolicies/1' },
      { id: 'shop/deny-all', types: ['Egress', 'Ingress'], target: '/networkPolicies/3', source: '/networkPolicies/0' },
      { id: 'shop/only-target', types: ['Egress'], target: '/networkPolicies/4', source: null },
    ]);
  });

  it('keeps an empty policy-type list empty', () => {
    expect(policiesAcrossPair([], [at('c-f', 'legacy/allow-all', [], 0)])[0]!.policyTypes).toEqual([]);
  });

  it('is empty for no policies', () => expect(policiesAcrossPair([], [])).toEqual([]));
});

describe('targetEnforcement', () => {
  const eni = (networkPolicyDisabled?: boolean): EniConfig => ({
    id: 'kube-system/eni-config',
    clusterId: 'c-t',
    vswitches: {},
    securityGroups: [],
    trunk: false,
    prefix: false,
    ipStack: 'ipv4',
    portmapChain: false,
    ...(networkPolicyDisabled === undefined ? {} : { networkPolicyDisabled }),
  });
  const pool = (name: string, terwayMode?: NodePool['terwayMode']): NodePool => ({
    id: `np-${name}`,
    name,
    instanceTypes: [],
    vswitchIds: [],
    desiredSize: 1,
    ...(terwayMode ? { terwayMode } : {}),
  });

  it.each([
    { name: 'key not set: enforced', eniConfig: eni(), pools: [pool('app')], want: { disabled: false, exclusivePools: [] } },
    { name: 'explicitly false', eniConfig: eni(false), pools: [], want: { disabled: false, exclusivePools: [] } },
    { name: 'disabled', eniConfig: eni(true), pools: [pool('app')], want: { disabled: true, exclusivePools: [] } },
    {
      name: 'exclusive pools, sorted by name; trunk and prefix are not exclusive',
      eniConfig: eni(),
      pools: [pool('web', 'exclusive'), pool('app', 'trunk'), pool('batch', 'prefix'), pool('core', 'exclusive'), pool('misc', 'shared')],
      want: { disabled: false, exclusivePools: ['core', 'web'] },
    },
    { name: 'eni-config unknown', eniConfig: undefined, pools: [pool('core', 'exclusive')], want: { exclusivePools: ['core'] } },
    { name: 'pools unknown', eniConfig: eni(true), pools: undefined, want: { disabled: true } },
    { name: 'both unknown', eniConfig: undefined, pools: undefined, want: {} },
  ])('$name', ({ eniConfig, pools, want }) => expect(targetEnforcement(eniConfig, pools)).toEqual(want));
});
