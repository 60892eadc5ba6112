/** What the config changes before linting: which clusters are judged, planned Terway targets, rule severities. */
import { InputFileError } from '../errors.js';
import type { CompiledRule } from '../rules/types.js';
import { severityRank } from '../rules/types.js';
import type { Cluster, EniConfig, ScopeEntry, Snapshot } from '../snapshot/types.js';
import type { LoadedConfig, PlannedCluster } from './load.js';

/**
 * The snapshot as the config says to judge it: planned targets added (a cluster entry and its
 * eni-config, with no nodes yet), and the scope replaced when the config lists clusters or plans.
 */
export function applyConfigToSnapshot(snapshot: Snapshot, loaded: LoadedConfig | undefined): Snapshot {
  const config = loaded?.config;
  if (!config || (!config.clusters && !config.plan)) return snapshot;
  let out: Snapshot = { ...snapshot, meta: { ...snapshot.meta } };
  const scope: ScopeEntry[] = [];
  for (const c of config.clusters ?? []) {
    if (c.source) scope.push({ clusterId: c.id, role: 'target', sourceClusterId: c.source }, { clusterId: c.source, role: 'source' });
    else scope.push({ clusterId: c.id, role: 'standalone' });
  }
  for (const [i, plan] of (config.plan ?? []).entries()) {
    out = withPlannedCluster(out, plan, loaded!, i);
    const id = plannedId(plan);
    scope.push({ clusterId: id, role: 'target', sourceClusterId: plan.source }, { clusterId: plan.source, role: 'source' });
  }
  const seen = new Set<string>();
  out.meta.scope = scope.filter((s) => {
    const key = `${s.clusterId}\0${s.role}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return out;
}

function plannedId(plan: PlannedCluster): string {
  return plan.id ?? `planned-${plan.source}`;
}

function withPlannedCluster(snapshot: Snapshot, plan: PlannedCluster, loaded: LoadedConfig, index: number): Snapshot {
  const source = snapshot.clusters?.find((c) => c.id === plan.source);
  if (!source) {
    throw new InputFileError(
      loaded.file,
      String(loaded.lineOf(['plan', index, 'source'])),
      `plan[${index}].source ${plan.source} is not a cluster in the snapshot (its VPC and node vSwitches are needed)`,
    );
  }
  const id = plannedId(plan);
  if (snapshot.clusters?.some((c) => c.id === id)) {
    throw new InputFileError(loaded.file, String(loaded.lineOf(['plan', index])), `plan[${index}]: a cluster ${id} already exists in the snapshot; give the plan another id`);
  }
  const cluster: Cluster = {
    id,
    name: plan.name ?? `${source.name} (planned Terway)`,
    region: source.region,
    networkPlugin: 'terway',
    addons: [{ name: 'terway-eniip' }],
    vpcId: source.vpcId,
    ...(source.serviceCidr ? { serviceCidr: source.serviceCidr } : {}),
    nodeVSwitchIds: source.nodeVSwitchIds,
    podVSwitchIds: [...new Set(Object.values(plan.podVSwitches).flat())].sort(),
    nodePools: plan.nodePools.map((p) => ({
      id: `${id}-${p.name}`,
      name: p.name,
      instanceTypes: [p.instanceType],
      vswitchIds: p.vswitches ?? source.nodeVSwitchIds,
      desiredSize: p.count,
      ...(p.mode ? { terwayMode: p.mode } : {}),
    })),
  };
  const eniConfig: EniConfig = {
    id: 'kube-system/eni-config',
    clusterId: id,
    vswitches: plan.podVSwitches,
    securityGroups: plan.securityGroups ?? [],
    trunk: plan.trunk ?? false,
    prefix: plan.nodePools.some((p) => p.mode === 'prefix'),
    ipStack: 'ipv4',
    portmapChain: false,
  };
  return {
    ...snapshot,
    clusters: [...(snapshot.clusters ?? []), cluster],
    // The planned eni-config is known from the plan, whether or not the snapshot has others.
    eniConfigs: [...(snapshot.eniConfigs ?? []), eniConfig],
  };
}

/** Rules as the config wants them: `off` drops a rule, a severity replaces the rule's own. */
export function applyRuleOverrides(rules: CompiledRule[], loaded: LoadedConfig | undefined): CompiledRule[] {
  const overrides = loaded?.config.rules ?? {};
  const known = new Set(rules.map((r) => r.meta.id));
  for (const id of Object.keys(overrides)) {
    if (!known.has(id)) {
      throw new InputFileError(loaded!.file, String(loaded!.lineOf(['rules', id])), `rules: unknown rule "${id}"; run terway-lint rules for the list`);
    }
  }
  return rules.flatMap((rule) => {
    const o = overrides[rule.meta.id];
    if (o === 'off') return [];
    if (!o) return [rule];
    return [
      {
        ...rule,
        meta: { ...rule.meta, severity: o },
        severityWhen: rule.severityWhen.filter(([level]) => severityRank(level) < severityRank(o)),
      },
    ];
  });
}
