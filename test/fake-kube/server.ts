/**
 * fake-kube: a plain-HTTP Kubernetes API server on 127.0.0.1 (port 0) for the real
 * @kubernetes/client-node client, serving what terway-lint reads:
 *
 *   GET /api/v1/nodes
 *   GET /api/v1/pods
 *   GET /apis/networking.k8s.io/v1/networkpolicies
 *   GET /apis/apps/v1/namespaces/kube-system/daemonsets
 *   GET /api/v1/namespaces/{ns}/configmaps/{name}
 *
 * - Lists honour `limit`/`continue` and answer real list envelopes
 *   (`{kind: 'PodList', apiVersion: 'v1', metadata: {resourceVersion, continue, remainingItemCount}, items}`).
 * - `Authorization: Bearer <token>` must carry the scenario's token (else 401 Status).
 * - Faults, changeable while the server runs (`server.faults`): 403 per resource, 410 Expired for the
 *   next N continue tokens of a resource, any status per resource, a resource that never answers.
 * - Errors are `Status` objects as the API server sends them. Every request is logged in `calls`.
 *
 * No client import here: the server only knows the wire.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { EniConfig, Snapshot } from '../../src/snapshot/types.js';

export const FAKE_KUBE_TOKEN = 'fake-kube-token-0123456789';

export type KubeResource = 'nodes' | 'pods' | 'networkpolicies' | 'daemonsets' | 'configmaps';

/** Objects as JSON on the wire (camelCase, as the API server writes them). */
export type WireObject = Record<string, unknown>;

export interface FakeKubeScenario {
  nodes: WireObject[];
  pods: WireObject[];
  networkPolicies: WireObject[];
  /** DaemonSets of kube-system; none when absent. */
  daemonSets?: WireObject[];
  /** "namespace/name" → data. A ConfigMap not listed here is a 404. */
  configMaps: Record<string, Record<string, string>>;
  /** Bearer token the server accepts; default FAKE_KUBE_TOKEN. */
  token?: string;
}

export interface FakeKubeFaults {
  /** 403 Forbidden on every request for these resources. */
  forbidden: Set<KubeResource>;
  /** The next N requests carrying a continue token for the resource get 410 Expired. */
  expireContinue: Partial<Record<KubeResource, number>>;
  /** Every request for the resource gets this HTTP status (e.g. 500, 503, 429) as a Status object. */
  status: Partial<Record<KubeResource, number>>;
  /** Requests for these resources are accepted and never answered. */
  hang: Set<KubeResource>;
}

export interface KubeCall {
  method: string;
  path: string;
  resource?: KubeResource;
  limit?: number;
  continue?: string;
  status: number;
}

export interface FakeKube {
  port: number;
  /** http://127.0.0.1:PORT */
  server: string;
  calls: KubeCall[];
  faults: FakeKubeFaults;
  scenario: FakeKubeScenario;
  close(): Promise<void>;
}

const LISTS: Record<Exclude<KubeResource, 'configmaps'>, { path: string; kind: string; apiVersion: string; items: keyof FakeKubeScenario; group: string }> = {
  nodes: { path: '/api/v1/nodes', kind: 'NodeList', apiVersion: 'v1', items: 'nodes', group: '' },
  pods: { path: '/api/v1/pods', kind: 'PodList', apiVersion: 'v1', items: 'pods', group: '' },
  networkpolicies: {
    path: '/apis/networking.k8s.io/v1/networkpolicies',
    kind: 'NetworkPolicyList',
    apiVersion: 'networking.k8s.io/v1',
    items: 'networkPolicies',
    group: 'networking.k8s.io',
  },
  daemonsets: {
    path: '/apis/apps/v1/namespaces/kube-system/daemonsets',
    kind: 'DaemonSetList',
    apiVersion: 'apps/v1',
    items: 'daemonSets',
    group: 'apps',
  },
};

const CONFIGMAP_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/configmaps\/([^/]+)$/;
const RESOURCE_VERSION = '4242';

interface Token {
  r: KubeResource;
  o: number;
  rv: string;
}

function encodeToken(t: Token): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeToken(s: string): Token | undefined {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Token;
    return typeof t.o === 'number' && typeof t.r === 'string' ? t : undefined;
  } catch {
    return undefined;
  }
}

function status(code: number, reason: string, message: string, extra: WireObject = {}): WireObject {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code, ...extra };
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  410: 'Expired',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export async function startFakeKube(scenario: FakeKubeScenario, faults: Partial<FakeKubeFaults> = {}): Promise<FakeKube> {
  const calls: KubeCall[] = [];
  const sockets = new Set<Socket>();
  const f: FakeKubeFaults = {
    forbidden: faults.forbidden ?? new Set(),
    expireContinue: faults.expireContinue ?? {},
    status: faults.status ?? {},
    hang: faults.hang ?? new Set(),
  };
  const token = scenario.token ?? FAKE_KUBE_TOKEN;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const limitParam = url.searchParams.get('limit');
    const cont = url.searchParams.get('continue') || undefined;
    const call: KubeCall = { method: req.method ?? 'GET', path: url.pathname, status: 0 };
    if (limitParam !== null) call.limit = Number(limitParam);
    if (cont) call.continue = cont;
    calls.push(call);

    const send = (code: number, body: WireObject) => {
      call.status = code;
      const text = JSON.stringify(body);
      res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'audit-id': `fake-${calls.length}` });
      res.end(text);
    };

    if (req.headers.authorization !== `Bearer ${token}`) return send(401, status(401, 'Unauthorized', 'Unauthorized'));
    if (req.method !== 'GET') return send(405, status(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`));

    const listEntry = Object.entries(LISTS).find(([, l]) => l.path === url.pathname);
    const cm = CONFIGMAP_PATH.exec(url.pathname);
    const resource: KubeResource | undefined = listEntry ? (listEntry[0] as KubeResource) : cm ? 'configmaps' : undefined;
    if (!resource) return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    call.resource = resource;

    if (f.hang.has(resource)) return; // never answered
    if (f.forbidden.has(resource)) {
      const group = listEntry ? listEntry[1].group : '';
      const scope = cm ? `in the namespace "${cm[1]}"` : resource === 'daemonsets' ? 'in the namespace "kube-system"' : 'at the cluster scope';
      const verb = cm ? 'get' : 'list';
      return send(
        403,
        status(403, 'Forbidden', `${resource} is forbidden: User "system:serviceaccount:default:terway-lint" cannot ${verb} resource "${resource}" in API group "${group}" ${scope}`, {
          details: { kind: resource, ...(group ? { group } : {}) },
        }),
      );
    }
    const forced = f.status[resource];
    if (forced !== undefined) return send(forced, status(forced, REASONS[forced] ?? 'Unknown', `fake-kube: ${resource} answered ${forced} on demand`));

    if (cm) {
      const data = scenario.configMaps[`${cm[1]}/${cm[2]}`];
      if (!data) return send(404, status(404, 'NotFound', `configmaps "${cm[2]}" not found`, { details: { name: cm[2], kind: 'configmaps' } }));
      return send(200, {
        kind: 'ConfigMap',
        apiVersion: 'v1',
        metadata: { name: cm[2], namespace: cm[1], resourceVersion: RESOURCE_VERSION, uid: `uid-cm-${cm[1]}-${cm[2]}` },
        data,
      });
    }

    const list = listEntry![1];
    const items = (scenario[list.items] ?? []) as WireObject[];
    let offset = 0;
    if (cont) {
      const t = decodeToken(cont);
      if (!t || t.r !== resource) return send(400, status(400, 'BadRequest', 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)'));
      const left = f.expireContinue[resource] ?? 0;
      if (left > 0) {
        f.expireContinue[resource] = left - 1;
        return send(
          410,
          status(
            410,
            'Expired',
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
            { metadata: { continue: encodeToken({ r: resource, o: t.o, rv: 'new' }) } },
          ),
        );
      }
      offset = t.o;
    }
    const limit = limitParam !== null && Number(limitParam) > 0 ? Math.floor(Number(limitParam)) : Infinity;
    const page = items.slice(offset, offset + limit);
    const next = offset + page.length;
    const more = next < items.length;
    return send(200, {
      kind: list.kind,
      apiVersion: list.apiVersion,
      metadata: {
        resourceVersion: RESOURCE_VERSION,
        ...(more ? { continue: encodeToken({ r: resource, o: next, rv: RESOURCE_VERSION }), remainingItemCount: items.length - next } : {}),
      },
      items: page,
    });
  };

  const server = createServer(handle);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    server: `http://127.0.0.1:${port}`,
    calls,
    faults: f,
    scenario,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * The Kubernetes objects of one cluster of a terway-lint snapshot: nodes (providerID
 * `<region>.<instance id>`, zone / instance-type / node-pool labels, nodeInfo, allocatable pods,
 * InternalIP), pods (owner reference, hostNetwork, host ports, phase — plus an env value that must
 * never come back), NetworkPolicies, and the eni-config ConfigMap as its data keys.
 */
export function scenarioFromSnapshot(snapshot: Snapshot, clusterId: string): FakeKubeScenario {
  const region = snapshot.meta.region;
  const nodes = (snapshot.nodes ?? [])
    .filter((n) => n.clusterId === clusterId)
    .map((n) => ({
      metadata: {
        name: n.name,
        uid: `uid-node-${n.id}`,
        resourceVersion: RESOURCE_VERSION,
        labels: {
          'kubernetes.io/hostname': n.name,
          'kubernetes.io/os': 'linux',
          'topology.kubernetes.io/region': region,
          'topology.kubernetes.io/zone': n.zoneId,
          'node.kubernetes.io/instance-type': n.instanceType,
          ...(n.nodePoolId ? { 'alibabacloud.com/nodepool-id': n.nodePoolId } : {}),
          ...(n.terwayConfig ? { 'terway-config': n.terwayConfig } : {}),
        },
      },
      spec: { providerID: `${region}.${n.id}`, podCIDR: '172.20.0.0/25' },
      status: {
        addresses: [
          { type: 'InternalIP', address: n.privateIp },
          { type: 'Hostname', address: n.name },
        ],
        allocatable: { cpu: '7800m', memory: '28000Mi', ...(n.allocatablePods !== undefined ? { pods: String(n.allocatablePods) } : {}) },
        capacity: { cpu: '8', memory: '32000Mi', ...(n.allocatablePods !== undefined ? { pods: String(n.allocatablePods) } : {}) },
        nodeInfo: {
          architecture: 'amd64',
          bootID: `boot-${n.id}`,
          containerRuntimeVersion: 'containerd://1.6.28',
          kernelVersion: n.kernelVersion ?? '',
          kubeProxyVersion: 'v1.30.1-aliyun.1',
          kubeletVersion: 'v1.30.1-aliyun.1',
          machineID: `machine-${n.id}`,
          operatingSystem: 'linux',
          osImage: n.osImage ?? '',
          systemUUID: `uuid-${n.id}`,
        },
      },
    }));

  const pods = (snapshot.pods ?? [])
    .filter((p) => p.clusterId === clusterId)
    .map((p) => {
      const [namespace, name] = splitId(p.id);
      return {
        metadata: {
          name,
          namespace,
          uid: `uid-pod-${p.id}`,
          ...(p.ownerKind ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: p.ownerKind, name: `${name}-owner`, uid: `uid-owner-${p.id}`, controller: true }] } : {}),
        },
        spec: {
          ...(p.nodeName ? { nodeName: p.nodeName } : {}),
          ...(p.hostNetwork ? { hostNetwork: true } : {}),
          containers: [
            {
              name: 'app',
              image: 'registry.cn-hangzhou.aliyuncs.com/shop/app:1.0',
              env: [{ name: 'DB_PASSWORD', value: 'fake-secret-never-copied' }],
              ports: p.hostPorts.map((h) => ({ containerPort: h.containerPort, hostPort: h.hostPort, protocol: h.protocol })),
            },
          ],
        },
        status: { phase: p.phase },
      };
    });

  const networkPolicies = (snapshot.networkPolicies ?? [])
    .filter((np) => np.clusterId === clusterId)
    .map((np) => {
      const [namespace, name] = splitId(np.id);
      return {
        metadata: { name, namespace, uid: `uid-np-${np.id}` },
        spec: { podSelector: {}, policyTypes: np.policyTypes, ingress: [] },
      };
    });

  const configMaps: Record<string, Record<string, string>> = {};
  const eniConfigs = (snapshot.eniConfigs ?? []).filter((e) => e.clusterId === clusterId);
  const eni = eniConfigs.find((e) => e.terwayConfig === undefined);
  if (eni) {
    const data: Record<string, string> = { eni_conf: eniConfText(eni) };
    const terwayPlugin = { cniVersion: '0.4.0', name: 'terway', type: 'terway', ...(eni.datapath ? { eniip_virtual_type: eni.datapath } : {}) };
    if (eni.datapath) data['10-terway.conf'] = JSON.stringify(terwayPlugin, null, 2);
    if (eni.portmapChain) {
      data['10-terway.conflist'] = JSON.stringify(
        {
          cniVersion: '0.4.0',
          name: 'terway-chainer',
          plugins: [
            { type: 'terway', ...(eni.datapath ? { eniip_virtual_type: eni.datapath } : {}) },
            { type: 'portmap', capabilities: { portMappings: true }, externalSetMarkChain: 'KUBE-MARK-MASQ' },
          ],
        },
        null,
        2,
      );
    }
    if (eni.networkPolicyDisabled !== undefined) data['disable_network_policy'] = String(eni.networkPolicyDisabled);
    configMaps['kube-system/eni-config'] = data;
  }
  // A dynamic config as the snapshot holds it is already merged; served whole, it merges to itself.
  for (const dyn of eniConfigs) if (dyn.terwayConfig !== undefined) configMaps[`kube-system/${dyn.terwayConfig}`] = { eni_conf: eniConfText(dyn) };

  const daemonSets = (snapshot.daemonSets ?? [])
    .filter((d) => d.clusterId === clusterId)
    .map((d) => {
      const [namespace, name] = splitId(d.id);
      return {
        metadata: { name, namespace, uid: `uid-ds-${d.id}`, labels: { app: name } },
        spec: {
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: {
              hostNetwork: true,
              containers: d.images.map((image, i) => ({ name: `c${i}`, image, env: [{ name: 'ACCESS_KEY_SECRET', value: 'fake-secret-never-copied' }] })),
            },
          },
        },
        status: {
          currentNumberScheduled: d.desiredNumberScheduled,
          desiredNumberScheduled: d.desiredNumberScheduled,
          numberMisscheduled: 0,
          numberReady: d.numberReady,
          numberAvailable: d.numberReady,
        },
      };
    });
  return { nodes, pods, networkPolicies, daemonSets, configMaps };
}

function eniConfText(eni: EniConfig): string {
  const [first, ...rest] = eni.securityGroups;
  // security_groups as written: the groups, repeated at the end up to securityGroupsListed entries.
  const written = eni.securityGroupsListed !== undefined ? [...eni.securityGroups] : rest.length > 0 ? [...eni.securityGroups] : undefined;
  while (written && eni.securityGroupsListed !== undefined && written.length < eni.securityGroupsListed) written.push(eni.securityGroups.at(-1) ?? '');
  return JSON.stringify(
    {
      version: '1',
      max_pool_size: 5,
      min_pool_size: 0,
      credential_path: '/var/addon/token-config',
      access_secret: 'fake-secret-never-copied',
      vswitches: eni.vswitches,
      ...(first !== undefined && eni.securityGroupsListed === undefined ? { security_group: first } : {}),
      ...(written ? { security_groups: written } : {}),
      service_cidr: '192.168.0.0/16',
      vswitch_selection_policy: 'ordered',
      ip_stack: eni.ipStack,
      enable_eni_trunking: eni.trunk,
      ...(eni.prefix ? { enable_ip_prefix: true, ipv4_prefix_count: 1 } : {}),
    },
    null,
    2,
  );
}

function splitId(id: string): [string, string] {
  const i = id.indexOf('/');
  return i < 0 ? ['default', id] : [id.slice(0, i), id.slice(i + 1)];
}
