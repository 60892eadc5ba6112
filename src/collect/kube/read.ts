/**
 * Reads one cluster's Kubernetes objects for the snapshot with the real client
 * (@kubernetes/client-node 1.4): nodes, pods, NetworkPolicies, the DaemonSets of kube-system, ConfigMap
 * kube-system/eni-config and the per-node dynamic configs its nodes name in label `terway-config`.
 *
 * - Lists page with `limit`/`continue` (500 a page by default). A 410 Expired on a continue token
 *   restarts that list once from the beginning; a second 410 is a recorded error.
 * - The reads run concurrently; the dynamic configs follow the node list and eni-config. A node
 *   naming a ConfigMap that does not exist yields no config for it (the rules report that node).
 *   A failure of one (403, 401, 5xx, network, timeout) leaves its
 *   section absent and an entry in `errors` with source, section, clusterId, kind and code (the HTTP
 *   status, or the system error code), and for a permission error in `action` the verb and resource
 *   to grant. Nothing throws except a programming error.
 * - Pods are reduced page by page (reduce.ts): memory follows the reduced size, not the raw list.
 *   List items are taken off the wire as JSON, before the client turns them into typed objects
 *   (`rawItems`): request, auth, transport and errors stay the client's.
 * - No retries besides the 410 restart: the caller decides whether a failed cluster is read again.
 */
import {
  AppsV1Api,
  CoreV1Api,
  NetworkingV1Api,
  Observable,
  type ConfigurationOptions,
  type V1DaemonSet,
  type V1NetworkPolicy,
  type V1Node,
  type V1Pod,
  type KubeConfig,
  type ObservableMiddleware,
  ResponseContext,
  type RequestContext,
} from '@kubernetes/client-node';
import type { CollectionError, DaemonSet, EniConfig, NetworkPolicy, Pod, SectionName } from '../../snapshot/types.js';
import { classifyKubeError, firstLine, httpStatusOf } from './classify.js';
import { ENI_CONFIG_ID, parseDynamicEniConfig, parseEniConfig, type EniConfigParse } from './eni-config.js';
import { reduceDaemonSet, reduceNetworkPolicy, reduceNode, reducePod, type KubeNode } from './reduce.js';

export type { KubeNode } from './reduce.js';
export { mergeKubeNodes, kubeNodeToNode, instanceIdOf } from './reduce.js';

export interface KubeSections {
  nodes?: KubeNode[];
  pods?: Pod[];
  networkPolicies?: NetworkPolicy[];
  /** null: the ConfigMap does not exist (Flannel). Absent: it could not be read (see errors). */
  eniConfig?: EniConfig | null;
  /** Dynamic per-node configs named by the nodes' terway-config labels that exist, by name. */
  dynamicEniConfigs?: EniConfig[];
  daemonSets?: DaemonSet[];
  errors: CollectionError[];
  /** Requests made and lists restarted after a 410, for progress and the benchmark. */
  stats: { requests: number; restarts: number };
}

export interface ReadClusterOptions {
  /** Items per list page (`limit`); default 500. */
  pageSize?: number;
  /** Per-request timeout; default 60 s. */
  timeoutMs?: number;
  /** Bound on pages per list; default 100,000. */
  maxPages?: number;
  /** Dynamic configs to read besides those the nodes name: the node pools' terway-config labels. */
  terwayConfigNames?: readonly string[];
}

export const DEFAULT_KUBE_PAGE_SIZE = 500;

const SECTION_ORDER: readonly SectionName[] = ['nodes', 'pods', 'networkPolicies', 'eniConfigs', 'daemonSets'];

/** What each read is, for errors: source, section and the RBAC grant it needs. */
export const KUBE_SOURCES = {
  nodes: { source: 'kube.list.nodes', section: 'nodes', action: 'list nodes' },
  pods: { source: 'kube.list.pods', section: 'pods', action: 'list pods (all namespaces)' },
  networkPolicies: {
    source: 'kube.list.networkpolicies',
    section: 'networkPolicies',
    action: 'list networkpolicies.networking.k8s.io (all namespaces)',
  },
  eniConfig: {
    source: 'kube.get.configmaps',
    section: 'eniConfigs',
    action: 'get configmaps in namespace kube-system (resourceName eni-config)',
  },
  terwayConfigs: {
    source: 'kube.get.configmaps',
    section: 'eniConfigs',
    action: 'get configmaps in namespace kube-system (the names nodes carry in label terway-config)',
  },
  daemonSets: {
    source: 'kube.list.daemonsets',
    section: 'daemonSets',
    action: 'list daemonsets.apps in namespace kube-system',
  },
} as const satisfies Record<string, { source: string; section: SectionName; action: string }>;

/** A list page as the client returns it once its items were taken (`rawItems`). */
interface ListPage {
  metadata?: { _continue?: string };
}

class ListFailure extends Error {
  constructor(
    readonly failure: unknown,
    readonly note?: string,
  ) {
    super(note ?? 'list failed');
  }
}

class PagingError extends Error {}

export async function readCluster(kubeConfig: KubeConfig, clusterId: string, opts: ReadClusterOptions = {}): Promise<KubeSections> {
  const pageSize = Math.max(1, Math.floor(opts.pageSize ?? DEFAULT_KUBE_PAGE_SIZE));
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const maxPages = opts.maxPages ?? 100_000;
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const net = kubeConfig.makeApiClient(NetworkingV1Api);
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const errors: CollectionError[] = [];
  const stats = { requests: 0, restarts: 0 };

  // A fresh deadline per request. The object API passes `options` straight to the observable API,
  // so the middleware is the observable kind.
  const timeoutMiddleware: ObservableMiddleware = {
    pre: (ctx: RequestContext) => {
      ctx.setSignal(AbortSignal.timeout(timeoutMs));
      return new Observable(Promise.resolve(ctx));
    },
    post: (res: ResponseContext) => new Observable(Promise.resolve(res)),
  };
  const requestOptions = (): ConfigurationOptions => ({ middleware: [timeoutMiddleware], middlewareMergeStrategy: 'append' });

  /**
   * Options for one list request whose items are taken off the wire as parsed JSON (`take()`), the
   * page going on to the client with an empty item list. The reducers read only wire field names
   * (no dates), and the client's deserialisation into typed objects was most of the CPU and a second
   * copy of every page in memory (measured by bench/kube.ts). Non-200 answers pass untouched, so the
   * client's errors (status, Status body) are unchanged.
   */
  const rawItems = () => {
    let items: unknown[] = [];
    const capture: ObservableMiddleware = {
      pre: (ctx: RequestContext) => new Observable(Promise.resolve(ctx)),
      post: (res: ResponseContext) =>
        new Observable(
          (async () => {
            if (res.httpStatusCode !== 200) return res;
            const page = JSON.parse(await res.body.text()) as { items?: unknown };
            items = Array.isArray(page.items) ? page.items : [];
            const rest = JSON.stringify({ ...page, items: [] });
            return new ResponseContext(res.httpStatusCode, res.headers, { text: () => Promise.resolve(rest), binary: () => Promise.resolve(Buffer.from(rest)) });
          })(),
        ),
    };
    const options: ConfigurationOptions = { middleware: [timeoutMiddleware, capture], middlewareMergeStrategy: 'append' };
    return { options, take: () => items };
  };

  const record = (what: keyof typeof KUBE_SOURCES, err: unknown) => {
    const meta = KUBE_SOURCES[what];
    const failure = err instanceof ListFailure ? err.failure : err;
    if (failure instanceof PagingError) {
      errors.push({ source: meta.source, section: meta.section, clusterId, kind: 'invalid-response', message: failure.message });
      return;
    }
    const c = classifyKubeError(failure);
    const note = err instanceof ListFailure && err.note ? `${err.note}: ` : '';
    errors.push({
      source: meta.source,
      section: meta.section,
      clusterId,
      kind: c.kind,
      ...(c.code ? { code: c.code } : {}),
      message: firstLine(`${note}${c.message}`),
      ...(c.kind === 'permission'
        ? { action: c.status === 401 ? 'valid credentials for the cluster (401: the token or certificate was refused, e.g. an expired kubeconfig)' : meta.action }
        : {}),
    });
  };

  /** Every page of one list, each reduced as it arrives; one restart on 410 Expired. */
  const listAll = async <T, R>(
    what: string,
    fetch: (cont: string | undefined, options: ConfigurationOptions) => Promise<ListPage>,
    reduce: (item: T) => R | undefined,
  ): Promise<R[]> => {
    for (let attempt = 0; ; attempt++) {
      const out: R[] = [];
      const seen = new Set<string>();
      let cont: string | undefined;
      try {
        for (let page = 1; ; page++) {
          if (page > maxPages) throw new PagingError(`${what}: still more pages after ${maxPages}; stopped rather than loop forever`);
          stats.requests++;
          const raw = rawItems();
          const res = await fetch(cont, raw.options);
          // Wire JSON carries the typed objects' field names; the reducers read no dates.
          for (const item of raw.take() as T[]) {
            const r = reduce(item);
            if (r !== undefined) out.push(r);
          }
          const next = res.metadata?._continue;
          if (!next) return out;
          if (seen.has(next)) throw new PagingError(`${what}: the server returned the same continue token twice`);
          seen.add(next);
          cont = next;
        }
      } catch (err) {
        if (httpStatusOf(err) === 410) {
          if (attempt === 0) {
            stats.restarts++;
            continue;
          }
          throw new ListFailure(err, 'continue token expired again after one restart of the list');
        }
        throw new ListFailure(err);
      }
    }
  };

  const attempt = async <T>(what: keyof typeof KUBE_SOURCES, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (err) {
      record(what, err);
      return undefined;
    }
  };

  const invalid = (what: keyof typeof KUBE_SOURCES, parsed: EniConfigParse & { ok: false }) =>
    errors.push({ source: KUBE_SOURCES[what].source, section: 'eniConfigs', clusterId, kind: 'invalid-response', message: parsed.message });

  /** A ConfigMap of kube-system: its data, or null when it does not exist. */
  const readConfigMap = async (name: string): Promise<Record<string, string> | null> => {
    try {
      stats.requests++;
      const cm = await core.readNamespacedConfigMap({ namespace: 'kube-system', name }, requestOptions());
      return cm.data ?? {};
    } catch (err) {
      if (httpStatusOf(err) === 404) return null;
      throw err;
    }
  };

  let eniConfigData: Record<string, string> | undefined;
  const nodesRead = attempt('nodes', () =>
    listAll<V1Node, KubeNode>('nodes', (cont, o) => core.listNode({ limit: pageSize, ...(cont ? { _continue: cont } : {}) }, o), (n) => reduceNode(n, clusterId)),
  );
  const eniConfigRead = attempt('eniConfig', async (): Promise<EniConfig | null | undefined> => {
    const data = await readConfigMap('eni-config');
    if (data === null) return null;
    const parsed = parseEniConfig(data, clusterId);
    if (parsed.ok) {
      eniConfigData = data;
      return parsed.eniConfig;
    }
    invalid('eniConfig', parsed);
    return undefined;
  });
  // Per-node dynamic configs: only on a cluster with a readable eni-config, once the nodes are known.
  const dynamicRead = Promise.all([nodesRead, eniConfigRead]).then(async ([nodes, eniConfig]): Promise<EniConfig[]> => {
    if (!eniConfig || !eniConfigData) return [];
    if (!nodes) {
      errors.push({
        source: KUBE_SOURCES.terwayConfigs.source,
        section: 'eniConfigs',
        clusterId,
        kind: 'unavailable',
        message: 'the nodes could not be listed, so the per-node terway-config ConfigMaps they name are unknown',
      });
      return [];
    }
    // A label naming eni-config itself merges the default over itself: nothing to read.
    const names = [...new Set([...nodes.flatMap((n) => (n.terwayConfig ? [n.terwayConfig] : [])), ...(opts.terwayConfigNames ?? [])])]
      .filter((name) => `kube-system/${name}` !== ENI_CONFIG_ID)
      .sort();
    const found = await Promise.all(
      names.map((name) =>
        attempt('terwayConfigs', async () => {
          const data = await readConfigMap(name);
          // The label names nothing Terway can use (no ConfigMap, or no eni_conf in it): no config, and
          // the rule terway-config-missing reports the nodes.
          if (data === null || data['eni_conf'] === undefined) return undefined;
          const parsed = parseDynamicEniConfig(name, data, eniConfigData!, clusterId);
          if (parsed.ok) return parsed.eniConfig;
          invalid('terwayConfigs', parsed);
          return undefined;
        }),
      ),
    );
    return found.filter((e): e is EniConfig => e !== undefined);
  });

  const [nodes, pods, networkPolicies, eniConfig, dynamicEniConfigs, daemonSets] = await Promise.all([
    nodesRead,
    attempt('pods', () =>
      listAll<V1Pod, Pod>(
        'pods',
        (cont, o) => core.listPodForAllNamespaces({ limit: pageSize, ...(cont ? { _continue: cont } : {}) }, o),
        (p) => reducePod(p, clusterId),
      ),
    ),
    attempt('networkPolicies', () =>
      listAll<V1NetworkPolicy, NetworkPolicy>(
        'networkpolicies',
        (cont, o) => net.listNetworkPolicyForAllNamespaces({ limit: pageSize, ...(cont ? { _continue: cont } : {}) }, o),
        (np) => reduceNetworkPolicy(np, clusterId),
      ),
    ),
    eniConfigRead,
    dynamicRead,
    attempt('daemonSets', () =>
      listAll<V1DaemonSet, DaemonSet>(
        'daemonsets',
        (cont, o) => apps.listNamespacedDaemonSet({ namespace: 'kube-system', limit: pageSize, ...(cont ? { _continue: cont } : {}) }, o),
        (ds) => reduceDaemonSet(ds, clusterId),
      ),
    ),
  ]);

  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    ...(nodes ? { nodes: nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) } : {}),
    ...(pods ? { pods: pods.sort(byId) } : {}),
    ...(networkPolicies ? { networkPolicies: networkPolicies.sort(byId) } : {}),
    ...(eniConfig !== undefined ? { eniConfig } : {}),
    ...(eniConfig ? { dynamicEniConfigs: dynamicEniConfigs.sort(byId) } : {}),
    ...(daemonSets ? { daemonSets: daemonSets.sort(byId) } : {}),
    // Completion order varies; report in a fixed order (nodes, pods, networkPolicies, eniConfigs, daemonSets).
    errors: errors.sort((a, b) => SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)),
    stats,
  };
}

export { ENI_CONFIG_ID };
