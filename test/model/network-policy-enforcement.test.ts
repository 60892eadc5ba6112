import { describe, expect, it } from 'vitest';
import { flannelNetworkPolicies } from '../../src/model/collections/flannel-network-policies.js';
import { targetNetworkPolicies } from '../../src/model/collections/target-network-policies.js';
import { policiesAcrossPair, splitNamespacedId, targetEnforcement, type Located } from '../../src/model/network-policy-enforcement.js';
import { indexSnapshot } from '../../src/model/snapshot-index.js';
import { subjectsOf } from '../../src/model/subjects.js';
import type { Cluster, EniConfig, NetworkPolicy, NodePool, Snapshot } from '../../src/snapshot/types.js';
import { testMeta } from '../helpers/snapshot-meta.js';

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
    { name: 'key not set: enforced', eniConfig: eni(), pools: [pool('app')], want: { disabled: false, exclusivePools: [], enforcedOn: 'all' } },
    { name: 'explicitly false, no pool listed: nodes run the shared default', eniConfig: eni(false), pools: [], want: { disabled: false, exclusivePools: [], enforcedOn: 'all' } },
    { name: 'disabled', eniConfig: eni(true), pools: [pool('app')], want: { disabled: true, exclusivePools: [], enforcedOn: 'none' } },
    {
      name: 'exclusive pools, sorted by name; trunk and prefix are not exclusive',
      eniConfig: eni(),
      pools: [pool('web', 'exclusive'), pool('app', 'trunk'), pool('batch', 'prefix'), pool('core', 'exclusive'), pool('misc', 'shared')],
      want: { disabled: false, exclusivePools: ['core', 'web'], enforcedOn: 'shared-eni-pools' },
    },
    {
      name: 'every pool exclusive: enforced nowhere',
      eniConfig: eni(false),
      pools: [pool('web', 'exclusive'), pool('core', 'exclusive')],
      want: { disabled: false, exclusivePools: ['core', 'web'], enforcedOn: 'none' },
    },
    {
      name: 'disabled and some pools exclusive: enforced nowhere',
      eniConfig: eni(true),
      pools: [pool('app'), pool('core', 'exclusive')],
      want: { disabled: true, exclusivePools: ['core'], enforcedOn: 'none' },
    },
    { name: 'eni-config unknown, some pool shared', eniConfig: undefined, pools: [pool('app'), pool('core', 'exclusive')], want: { exclusivePools: ['core'], enforcedOn: 'unknown' } },
    { name: 'eni-config unknown, every pool exclusive: enforced nowhere', eniConfig: undefined, pools: [pool('core', 'exclusive')], want: { exclusivePools: ['core'], enforcedOn: 'none' } },
    { name: 'pools unknown, disabled: enforced nowhere', eniConfig: eni(true), pools: undefined, want: { disabled: true, enforcedOn: 'none' } },
    { name: 'pools unknown, not disabled', eniConfig: eni(), pools: undefined, want: { disabled: false, enforcedOn: 'unknown' } },
    { name: 'both unknown', eniConfig: undefined, pools: undefined, want: { enforcedOn: 'unknown' } },
  ])('$name', ({ eniConfig, pools, want }) => expect(targetEnforcement(eniConfig, pools)).toEqual(want));
});

describe('flannelNetworkPolicies collection', () => {
  const cluster = (id: string, networkPlugin: Cluster['networkPlugin'], nodePools?: NodePool[]): Cluster => ({
    id,
    name: id,
    region: 'cn-hangzhou',
    networkPlugin,
    addons: [],
    vpcId: 'vpc-1',
    nodeVSwitchIds: [],
    ...(nodePools ? { nodePools } : {}),
  });
  const pool = (name: string, terwayMode?: NodePool['terwayMode']): NodePool => ({
    id: `np-${name}`,
    name,
    instanceTypes: [],
    vswitchIds: [],
    desiredSize: 1,
    ...(terwayMode ? { terwayMode } : {}),
  });
  const eniConfig = (networkPolicyDisabled?: boolean): EniConfig => ({
    id: 'kube-system/eni-config',
    clusterId: 'c-terway',
    vswitches: {},
    securityGroups: [],
    trunk: false,
    prefix: false,
    ipStack: 'ipv4',
    portmapChain: false,
    ...(networkPolicyDisabled === undefined ? {} : { networkPolicyDisabled }),
  });
  /** targetPools null: the target's node pools are not known. */
  const pair = (over: Partial<Snapshot>, targetPools: NodePool[] | null = [pool('app')]): Snapshot => ({
    schemaVersion: 1,
    meta: testMeta(),
    clusters: [cluster('c-flannel', 'flannel', [pool('app')]), cluster('c-terway', 'terway', targetPools ?? undefined)],
    networkPolicies: [{ id: 'shop/deny-all', clusterId: 'c-flannel', policyTypes: ['Ingress'] }],
    eniConfigs: [eniConfig()],
    errors: [],
    ...over,
  });
  const build = (snapshot: Snapshot) => {
    const [subject] = subjectsOf(snapshot);
    const result = flannelNetworkPolicies.build(subject!, indexSnapshot(snapshot), snapshot);
    if (result.kind !== 'items') throw new Error('expected items');
    return {
      fields: result.items.map((i) => ({ enforcedOn: i.fields['enforcedOn'], exclusivePools: i.fields['exclusivePools'] })),
      gaps: result.gaps.map((g) => g.en),
    };
  };

  it('a paired target that enforces everywhere', () => {
    expect(build(pair({}))).toEqual({ fields: [{ enforcedOn: 'all', exclusivePools: [] }], gaps: [] });
  });

  it('disable_network_policy: enforced nowhere, the same fact as targetNetworkPolicies', () => {
    const snapshot = pair({ eniConfigs: [eniConfig(true)] });
    expect(build(snapshot).fields).toEqual([{ enforcedOn: 'none', exclusivePools: [] }]);
    const [subject] = subjectsOf(snapshot);
    const target = targetNetworkPolicies.build(subject!, indexSnapshot(snapshot), snapshot);
    expect(target.kind === 'items' && target.items.map((i) => i.fields['enforcedOn'])).toEqual(['none']);
  });

  it('some pools exclusive: shared-ENI pools only', () => {
    expect(build(pair({}, [pool('app'), pool('core', 'exclusive')])).fields).toEqual([{ enforcedOn: 'shared-eni-pools', exclusivePools: ['core'] }]);
  });

  it('every pool exclusive settles it without eni-config', () => {
    expect(build(pair({ eniConfigs: undefined }, [pool('core', 'exclusive')]))).toEqual({
      fields: [{ enforcedOn: 'none', exclusivePools: ['core'] }],
      gaps: [],
    });
  });

  it('the target eni-config missing is a gap; the items stay, unknown', () => {
    expect(build(pair({ eniConfigs: [] }))).toEqual({
      fields: [{ enforcedOn: 'unknown', exclusivePools: [] }],
      gaps: [
        'kube-system/eni-config of c-terway is not in the snapshot, so it is not known whether c-terway will enforce the 1 NetworkPolicy of c-flannel (disable_network_policy)',
      ],
    });
  });

  it('an eniConfigs error for the target is a gap even when an entity is there', () => {
    const snapshot = pair({
      errors: [{ source: 'kube.get.configmap', section: 'eniConfigs', clusterId: 'c-terway', kind: 'throttled', message: 'slow down' }],
    });
    expect(build(snapshot).gaps).toEqual([
      'eniConfigs of c-terway: kube.get.configmap failed (throttled): it is not known whether c-terway will enforce the 1 NetworkPolicy of c-flannel (disable_network_policy in its kube-system/eni-config)',
    ]);
  });

  it('unknown target pools are a gap', () => {
    expect(build(pair({}, null)).gaps).toEqual([
      'node pools of c-terway are not in the snapshot, so it is not known whether c-terway will enforce the 1 NetworkPolicy of c-flannel (exclusive-ENI pools enforce none)',
    ]);
  });

  it('a standalone Flannel cluster is judged against a default Terway cluster and needs no eniConfigs', () => {
    const snapshot = pair({
      meta: testMeta([{ clusterId: 'c-flannel', role: 'standalone' }]),
      eniConfigs: undefined,
    });
    expect(build(snapshot)).toEqual({ fields: [{ enforcedOn: 'all', exclusivePools: [] }], gaps: [] });
  });

  it('no policy in the source: no items and no gap, whatever is missing', () => {
    expect(build(pair({ networkPolicies: [], eniConfigs: undefined }, null))).toEqual({ fields: [], gaps: [] });
  });
});
