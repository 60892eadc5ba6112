/**
 * ConfigMap kube-system/eni-config of a Terway cluster → the snapshot's EniConfig
 * (reference/alicloud-and-terway.md §1.4). Pure: no client here.
 *
 * - `eni_conf` (JSON, required): `vswitches` {zone: [vsw…]}, `security_group` and `security_groups`
 *   merged (in that order, duplicates dropped), `enable_eni_trunking` → trunk, `enable_ip_prefix` →
 *   prefix, `ip_stack` (default ipv4).
 * - `10-terway.conf` (JSON, optional): `eniip_virtual_type` → datapath.
 * - `10-terway.conflist` (JSON, optional): a `portmap` plugin in `plugins` → portmapChain; when
 *   10-terway.conf has no eniip_virtual_type, the terway plugin of the chain supplies it.
 * - `disable_network_policy` ("true"/"false") → networkPolicyDisabled; absent when the key is not set.
 *
 * Nothing else is copied: eni_conf may hold `access_key`/`access_secret`, which never leave here.
 */
import type { EniConfig } from '../../snapshot/types.js';

export const ENI_CONFIG_ID = 'kube-system/eni-config';

export type EniConfigParse = { ok: true; eniConfig: EniConfig } | { ok: false; key: string; message: string };

class KeyError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

export function parseEniConfig(data: Record<string, string> | undefined, clusterId: string): EniConfigParse {
  return parseAs(ENI_CONFIG_ID, () => parse(data ?? {}, clusterId));
}

/**
 * A per-node dynamic config (reference §1.4): ConfigMap kube-system/<name>, whose `eni_conf` Terway
 * merges over the default one as an RFC 7396 merge patch; every other key comes from eni-config.
 * `defaultData` is eni-config's data. A ConfigMap without `eni_conf` is refused (Terway refuses it).
 */
export function parseDynamicEniConfig(name: string, data: Record<string, string> | undefined, defaultData: Record<string, string>, clusterId: string): EniConfigParse {
  const id = `kube-system/${name}`;
  return parseAs(id, () => {
    const own = (data ?? {})['eni_conf'];
    if (own === undefined) throw new KeyError('eni_conf', 'missing (Terway refuses a terway-config ConfigMap without it)');
    const merged = mergePatch(objectOf('eni_conf', defaultData['eni_conf'] ?? '{}'), JSON.parse(checkedJson('eni_conf', own)) as unknown);
    const eniConfig = parse({ ...defaultData, eni_conf: JSON.stringify(merged) }, clusterId);
    return { ...eniConfig, id, terwayConfig: name };
  });
}

function parseAs(id: string, run: () => EniConfig): EniConfigParse {
  try {
    return { ok: true, eniConfig: run() };
  } catch (err) {
    if (err instanceof KeyError) return { ok: false, key: err.key, message: `${id} key ${err.key}: ${err.message}` };
    throw err;
  }
}

/** RFC 7396 JSON merge patch: objects merge key by key, null deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

function checkedJson(key: string, text: string): string {
  objectOf(key, text);
  return text;
}

function parse(data: Record<string, string>, clusterId: string): EniConfig {
  const rawConf = data['eni_conf'];
  if (rawConf === undefined) throw new KeyError('eni_conf', 'missing (Terway reads its configuration from it)');
  const conf = objectOf('eni_conf', rawConf);

  const vswitches: Record<string, string[]> = {};
  const rawVsw = conf['vswitches'];
  if (rawVsw !== undefined && rawVsw !== null) {
    if (typeof rawVsw !== 'object' || Array.isArray(rawVsw)) throw new KeyError('eni_conf', '"vswitches" is not an object of zone → vSwitch ids');
    for (const [zone, ids] of Object.entries(rawVsw as Record<string, unknown>)) {
      if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw new KeyError('eni_conf', `"vswitches"."${zone}" is not a list of vSwitch ids`);
      vswitches[zone] = ids as string[];
    }
  }

  const groups: string[] = [];
  const sg = conf['security_group'];
  if (sg !== undefined && sg !== null && sg !== '') {
    if (typeof sg !== 'string') throw new KeyError('eni_conf', '"security_group" is not a string');
    groups.push(sg);
  }
  const sgs = conf['security_groups'];
  let listed: number | undefined;
  if (sgs !== undefined && sgs !== null) {
    if (!Array.isArray(sgs) || sgs.some((g) => typeof g !== 'string')) throw new KeyError('eni_conf', '"security_groups" is not a list of ids');
    groups.push(...(sgs as string[]).filter((g) => g !== ''));
    listed = sgs.length;
  }

  const ipStack = conf['ip_stack'];
  if (ipStack !== undefined && typeof ipStack !== 'string') throw new KeyError('eni_conf', '"ip_stack" is not a string');

  let datapath: string | undefined;
  const rawCni = data['10-terway.conf'];
  if (rawCni !== undefined) {
    const cni = objectOf('10-terway.conf', rawCni);
    if (typeof cni['eniip_virtual_type'] === 'string' && cni['eniip_virtual_type'] !== '') datapath = cni['eniip_virtual_type'];
  }

  let portmapChain = false;
  const rawList = data['10-terway.conflist'];
  if (rawList !== undefined) {
    const list = objectOf('10-terway.conflist', rawList);
    const plugins = list['plugins'];
    if (plugins !== undefined && !Array.isArray(plugins)) throw new KeyError('10-terway.conflist', '"plugins" is not a list');
    for (const p of (plugins ?? []) as unknown[]) {
      if (p === null || typeof p !== 'object') continue;
      const plugin = p as Record<string, unknown>;
      if (plugin['type'] === 'portmap') portmapChain = true;
      if (datapath === undefined && plugin['type'] === 'terway' && typeof plugin['eniip_virtual_type'] === 'string' && plugin['eniip_virtual_type'] !== '') {
        datapath = plugin['eniip_virtual_type'];
      }
    }
  }

  const disable = data['disable_network_policy'];
  return {
    id: ENI_CONFIG_ID,
    clusterId,
    vswitches,
    securityGroups: [...new Set(groups)],
    ...(listed !== undefined ? { securityGroupsListed: listed } : {}),
    trunk: truthy(conf['enable_eni_trunking']),
    prefix: truthy(conf['enable_ip_prefix']),
    ipStack: ipStack || 'ipv4',
    ...(datapath !== undefined ? { datapath } : {}),
    portmapChain,
    ...(disable !== undefined ? { networkPolicyDisabled: disable.trim().toLowerCase() === 'true' } : {}),
  };
}

function objectOf(key: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // Never the parser's message: it quotes the text around the error, and eni_conf may hold
    // access_key/access_secret.
    const at = /position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
    throw new KeyError(key, `not valid JSON${at !== undefined ? ` (at character ${at})` : ''}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new KeyError(key, 'not a JSON object');
  return value as Record<string, unknown>;
}

/** Terway accepts booleans; a hand-written ConfigMap sometimes has "true". */
function truthy(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
}
