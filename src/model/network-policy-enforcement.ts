/**
 * NetworkPolicy across a Flannel→Terway pair (reference §1.5 (6)): Flannel enforces none; Terway
 * enforces them on shared-ENI pods unless eni-config sets disable_network_policy; exclusive-ENI pods
 * get none.
 */
import type { EniConfig, NetworkPolicy, NodePool } from '../snapshot/types.js';

/** "namespace/name" → its parts; an id without a slash is a name in no namespace. */
export function splitNamespacedId(id: string): { namespace: string; name: string } {
  const slash = id.indexOf('/');
  return slash === -1 ? { namespace: '', name: id } : { namespace: id.slice(0, slash), name: id.slice(slash + 1) };
}

export interface Located<T> {
  entity: T;
  /** JSON pointer of the entity in the snapshot. */
  pointer: string;
}

/** One NetworkPolicy by namespace/name, as it is in the target, in the source, or both. */
export interface PolicyAcrossPair {
  id: string;
  /** Policy types of either copy, sorted, without duplicates. */
  policyTypes: string[];
  target?: Located<NetworkPolicy>;
  source?: Located<NetworkPolicy>;
}

/**
 * The policies of the target and of the source it replaces, one entry per namespace/name (the same
 * manifest is usually applied to both clusters of a blue/green pair), sorted by id.
 */
export function policiesAcrossPair(
  target: readonly Located<NetworkPolicy>[],
  source: readonly Located<NetworkPolicy>[],
): PolicyAcrossPair[] {
  const byId = new Map<string, PolicyAcrossPair>();
  const entry = (id: string) => byId.get(id) ?? byId.set(id, { id, policyTypes: [] }).get(id)!;
  for (const p of target) entry(p.entity.id).target ??= p;
  for (const p of source) entry(p.entity.id).source ??= p;
  for (const e of byId.values()) {
    e.policyTypes = [...new Set([...(e.target?.entity.policyTypes ?? []), ...(e.source?.entity.policyTypes ?? [])])].sort();
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Where the target enforces NetworkPolicy: `all` its pods; only those on `shared-eni-pools` (some
 * node pools run exclusive ENI); `none` (disable_network_policy is "true", or every node pool runs
 * exclusive ENI); `unknown` when eni-config or the node pools are not known and the other does not
 * settle it.
 */
export type EnforcedOn = 'all' | 'shared-eni-pools' | 'none' | 'unknown';

export interface TargetEnforcement {
  /** eni-config sets disable_network_policy "true"; undefined when eni-config is not known. */
  disabled?: boolean;
  /** Names of the target's exclusive-ENI node pools, sorted; undefined when the pools are not known. */
  exclusivePools?: string[];
  /** Where the target enforces NetworkPolicy, from the two above. */
  enforcedOn: EnforcedOn;
}

/**
 * What stops the target from enforcing NetworkPolicy. `eniConfig` undefined: not known. An
 * eni-config without disable_network_policy enforces (the key defaults to "false"). A node outside
 * any pool runs the cluster default, shared ENI; a target with no pool listed has only such nodes.
 */
export function targetEnforcement(eniConfig: EniConfig | undefined, pools: readonly NodePool[] | undefined): TargetEnforcement {
  const disabled = eniConfig ? eniConfig.networkPolicyDisabled === true : undefined;
  const exclusivePools = pools ? pools.filter((p) => p.terwayMode === 'exclusive').map((p) => p.name).sort() : undefined;
  const allExclusive = pools !== undefined && pools.length > 0 && exclusivePools!.length === pools.length;
  const enforcedOn: EnforcedOn =
    disabled === true || allExclusive
      ? 'none'
      : disabled === undefined || exclusivePools === undefined
        ? 'unknown'
        : exclusivePools.length > 0
          ? 'shared-eni-pools'
          : 'all';
  return {
    ...(disabled === undefined ? {} : { disabled }),
    ...(exclusivePools === undefined ? {} : { exclusivePools }),
    enforcedOn,
  };
}
