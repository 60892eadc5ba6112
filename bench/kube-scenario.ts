/**
 * The cluster the Kubernetes collection benchmark reads (bench/kube.ts): by default one ACK Terway
 * cluster of 2,000 nodes and 60,000 pods, as fake-kube wire objects (what the API server writes).
 *
 * Deterministic: its own PRNG (mulberry32). The layout (which pod runs what on which node) comes
 * from one generator seeded with `seed`. Each pod's wire object comes from a generator seeded with
 * (seed, pod index), so any pod can be built on its own, in any order.
 *
 * Pods are built lazily. `scenario.pods` is an array-like Proxy: fake-kube's `items.slice(a, b)`
 * builds those pods as the page is served, and they are garbage once it is sent. The full list of
 * wire objects (about 350 MiB of JSON) never exists in memory. What the pods of one workload share
 * (containers, volumes, most of the spec) is built once per workload and kept, as are the nodes
 * (2,000, about 16 MiB of JSON), the NetworkPolicies, DaemonSets and ConfigMaps.
 *
 * Pods are written as a real API server writes them: metadata with labels, annotations, an owner
 * reference and managedFields; a spec with 1–3 containers (ports, env with fieldRef and secretKeyRef,
 * resources, probes, volume mounts), volumes (the projected service-account token, a ConfigMap,
 * an emptyDir), affinity and tolerations; a status with conditions and containerStatuses. A pod is
 * 4–9 KB of JSON, about 6 KB on average (seed 1: 6,139 bytes). The layout:
 *
 * - 4 DaemonSet pods on every node (kube-system: kube-proxy-worker, terway-eniip and csi-plugin on
 *   the host network, and logtail-ds);
 * - the rest in Deployments (ReplicaSet owners, 85% of the workloads, 1–60 replicas), StatefulSets
 *   (1–5) and Jobs (1–3, Succeeded or Failed) over 38 application namespaces; about 0.5% publish a
 *   hostPort, about 0.2% use the host network, about 0.3% are Pending (no node);
 * - 10 node pools in 4 zones; the nodes of one pool carry label `terway-config`, which names a
 *   dynamic Terway config ConfigMap that exists;
 * - 8 NetworkPolicies in each application namespace; ConfigMap kube-system/eni-config.
 *
 * Pods are listed in the API server's order (namespace, then name).
 */
import type { FakeKubeScenario, WireObject } from '../test/fake-kube/server.js';

export const KUBE_BENCH_CLUSTER = 'c-benchkube00001';
export const KUBE_BENCH_REGION = 'cn-hangzhou';
export const KUBE_BENCH_DEFAULTS = { nodes: 2000, pods: 60_000, seed: 1 } as const;
const ZONES = ['h', 'i', 'j', 'k'].map((z) => `${KUBE_BENCH_REGION}-${z}`);
const DYNAMIC_CONFIG = 'terway-config-trunk';
const RESOURCE_VERSION_BASE = 81_000_000;
/** Every timestamp is an offset from this, so the same seed gives the same bytes. */
const EPOCH = Date.parse('2025-03-01T00:00:00Z');

// ── PRNG ────────────────────────────────────────────────────────────────────────────────────────

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator for item `i` of stream `stream`: independent of every other item. */
function itemRng(seed: number, stream: number, i: number): Rng {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35) ^ Math.imul(i + 1, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return mulberry32(h ^ (h >>> 16));
}

const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chars = (r: Rng, alphabet: string, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
};
/** The alphabet Kubernetes uses for generated name suffixes. */
const SUFFIX = 'bcdfghjklmnpqrstvwxz2456789';
const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const hex = (r: Rng, n: number) => {
  let s = '';
  while (s.length < n) {
    const x = Math.floor(r() * 0x100000000);
    s += BYTE_HEX[x & 255]! + BYTE_HEX[(x >>> 8) & 255]! + BYTE_HEX[(x >>> 16) & 255]! + BYTE_HEX[x >>> 24]!;
  }
  return s.length === n ? s : s.slice(0, n);
};
const uid = (r: Rng) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${pick(r, ['8', '9', 'a', 'b'])}${hex(r, 3)}-${hex(r, 12)}`;
/** RFC 3339 in UTC, whole seconds, as the API server writes times; the date part is cached per day. */
const days = new Map<number, string>();
const two = (n: number) => (n < 10 ? `0${n}` : String(n));
const time = (offsetS: number) => {
  const s = Math.max(0, Math.round(offsetS));
  const day = Math.floor(s / 86_400);
  let date = days.get(day);
  if (date === undefined) days.set(day, (date = new Date(EPOCH + day * 86_400_000).toISOString().slice(0, 11)));
  const t = s - day * 86_400;
  return `${date}${two(Math.floor(t / 3600))}:${two(Math.floor(t / 60) % 60)}:${two(t % 60)}Z`;
};

// ── managedFields ───────────────────────────────────────────────────────────────────────────────

/** The FieldsV1 set of an object as server-side apply writes it: keys only, lists keyed by name. */
function fieldsOf(v: unknown, depth = Infinity): WireObject {
  if (v === null || typeof v !== 'object' || depth <= 0) return {};
  if (Array.isArray(v)) {
    const out: WireObject = {};
    for (const item of v) {
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        const o = item as Record<string, unknown>;
        const key = typeof o['name'] === 'string' ? `k:{"name":"${o['name']}"}` : typeof o['containerPort'] === 'number' ? `k:{"containerPort":${o['containerPort']},"protocol":"TCP"}` : undefined;
        if (key) out[key] = { '.': {}, ...fieldsOf(o, depth - 1) };
      }
    }
    return out;
  }
  const out: WireObject = {};
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length > 0 && entries.every(([, x]) => typeof x === 'string')) out['.'] = {};
  for (const [k, x] of entries) out[`f:${k}`] = fieldsOf(x, depth - 1);
  return out;
}

// ── layout ──────────────────────────────────────────────────────────────────────────────────────

interface NodePlan {
  name: string;
  instanceId: string;
  zone: string;
  ip: string;
  pool: number;
  instanceType: string;
  /** Host number within the zone's pod vSwitch block, for pod IPs. */
  index: number;
}

interface Workload {
  namespace: string;
  name: string;
  team: string;
  kind: 'DaemonSet' | 'ReplicaSet' | 'StatefulSet' | 'Job';
  /** ReplicaSet name (Deployment + pod-template-hash), StatefulSet, Job or DaemonSet name. */
  owner: string;
  ownerUid: string;
  templateHash: string;
  image: string;
  replicas: number;
  hostNetwork: boolean;
  /** containerPort → hostPort published, if any. */
  hostPort?: number;
  sidecar: boolean;
  init: boolean;
  env: number;
  created: number;
}

interface PodPlan {
  /** namespace/name */
  id: string;
  namespace: string;
  name: string;
  workload: number;
  node: number;
  phase: 'Running' | 'Pending' | 'Succeeded' | 'Failed';
  /** Ordinal inside its workload. */
  ordinal: number;
}

/** What readCluster must give back, built from the layout (not from the wire objects). */
export interface ExpectedPod {
  id: string;
  clusterId: string;
  nodeName?: string;
  ownerKind?: string;
  hostNetwork: boolean;
  hostPorts: { containerPort: number; hostPort: number; protocol: string }[];
  phase: string;
}
export interface ExpectedNode {
  clusterId: string;
  name: string;
  instanceId: string;
  providerId: string;
  zoneId: string;
  instanceType: string;
  nodePoolId: string;
  privateIp: string;
  kernelVersion: string;
  osImage: string;
  allocatablePods: number;
}
export interface ExpectedNetworkPolicy {
  id: string;
  clusterId: string;
  policyTypes: string[];
}

export interface KubeBenchCluster {
  clusterId: string;
  scenario: FakeKubeScenario;
  expected: { nodes: ExpectedNode[]; pods: ExpectedPod[]; networkPolicies: ExpectedNetworkPolicy[] };
  counts: { nodes: number; pods: number; networkPolicies: number; daemonSetPods: number; hostNetworkPods: number; hostPortPods: number; pendingPods: number; workloads: number; namespaces: number };
  /** Item count per list path fake-kube serves, for the fewest requests. */
  listSizes: Record<string, number>;
}

const TEAMS = ['shop', 'pay', 'search', 'ads', 'user', 'order', 'catalog', 'risk', 'data', 'ai', 'im', 'video', 'map', 'game', 'mail', 'cdn', 'iot', 'bi', 'crm'];
const APP_NAMESPACES = TEAMS.flatMap((t) => [`${t}-prod`, `${t}-staging`]);
const WORDS = ['api', 'web', 'worker', 'gateway', 'cart', 'checkout', 'inventory', 'pricing', 'recommend', 'notify', 'auth', 'profile', 'feed', 'rank', 'index', 'ingest', 'export', 'report', 'billing', 'ledger', 'session', 'media', 'upload', 'search', 'query', 'stream', 'audit', 'config', 'scheduler', 'coupon'];
const ROLES = ['svc', 'server', 'consumer', 'sync', 'cache', 'proxy', 'backend', 'frontend', 'admin', 'canary'];
const POOLS = [
  { type: 'ecs.g7.2xlarge', pods: 44 },
  { type: 'ecs.g7.4xlarge', pods: 44 },
  { type: 'ecs.c7.4xlarge', pods: 44 },
  { type: 'ecs.r7.2xlarge', pods: 44 },
  { type: 'ecs.g6.4xlarge', pods: 44 },
  { type: 'ecs.c6.2xlarge', pods: 31 },
  { type: 'ecs.g7.8xlarge', pods: 64 },
  { type: 'ecs.hfg7.4xlarge', pods: 44 },
  { type: 'ecs.g8i.4xlarge', pods: 64 },
  { type: 'ecs.gn7i-c16g1.4xlarge', pods: 44 },
];
const OS_IMAGE = 'Alibaba Cloud Linux 3.2104 U10 (OpenAnolis Edition)';
const KERNEL = '5.10.134-17.2.al8.x86_64';
const KUBELET = 'v1.30.7-aliyun.1';
const ACK_REGISTRY = `registry-${KUBE_BENCH_REGION}-vpc.ack.aliyuncs.com/acs`;

const DAEMONSETS = [
  { name: 'csi-plugin', image: `${ACK_REGISTRY}/csi-plugin:v1.31.4-4b2a2b2-aliyun`, hostNetwork: true, containers: ['disk-driver-registrar', 'csi-plugin'] },
  { name: 'kube-proxy-worker', image: `${ACK_REGISTRY}/kube-proxy:${KUBELET}`, hostNetwork: true, containers: ['kube-proxy-worker'] },
  { name: 'logtail-ds', image: `${ACK_REGISTRY}/logtail:v1.8.7.0-aliyun`, hostNetwork: false, containers: ['logtail'] },
  { name: 'terway-eniip', image: `${ACK_REGISTRY}/terway:v1.13.4`, hostNetwork: true, containers: ['terway', 'policy'] },
] as const;

function buildNodes(count: number, r: Rng): { nodes: NodePlan[]; poolIds: string[] } {
  const poolIds = POOLS.map(() => `np${hex(r, 32)}`);
  const nodes: NodePlan[] = [];
  const perZone = new Array<number>(ZONES.length).fill(0);
  for (let i = 0; i < count; i++) {
    // Uneven pools: the first ones are the large general-purpose pools.
    const pool = Math.min(POOLS.length - 1, Math.floor(POOLS.length * r() ** 1.6));
    const z = i % ZONES.length;
    const k = perZone[z]!++;
    const ip = `10.${16 + z}.${Math.floor(k / 250)}.${(k % 250) + 3}`;
    nodes.push({ name: `${KUBE_BENCH_REGION}.${ip}`, instanceId: `i-bp1${chars(r, '0123456789abcdefghijklmnopqrstuvwxyz', 17)}`, zone: ZONES[z]!, ip, pool, instanceType: POOLS[pool]!.type, index: k });
  }
  nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { nodes, poolIds };
}

function buildLayout(nodeCount: number, podCount: number, r: Rng, nodes: NodePlan[]): { workloads: Workload[]; pods: PodPlan[] } {
  const workloads: Workload[] = [];
  const pods: PodPlan[] = [];
  const used = new Set<string>();
  const dsPerNode = Math.min(DAEMONSETS.length, Math.floor(podCount / nodeCount));
  for (const ds of DAEMONSETS.slice(0, dsPerNode)) {
    const w = workloads.length;
    workloads.push({
      namespace: 'kube-system',
      name: ds.name,
      team: 'acs',
      kind: 'DaemonSet',
      owner: ds.name,
      ownerUid: uid(r),
      templateHash: chars(r, SUFFIX, 10),
      image: ds.image,
      replicas: nodeCount,
      hostNetwork: ds.hostNetwork,
      sidecar: ds.containers.length > 1,
      init: ds.name === 'terway-eniip',
      env: 6,
      created: 0,
    });
    for (let n = 0; n < nodeCount; n++) {
      let name: string;
      do name = `${ds.name}-${chars(r, SUFFIX, 5)}`;
      while (used.has(`kube-system/${name}`));
      used.add(`kube-system/${name}`);
      pods.push({ id: `kube-system/${name}`, namespace: 'kube-system', name, workload: w, node: n, phase: 'Running', ordinal: n });
    }
  }
  const names = new Set<string>();
  let left = podCount - pods.length;
  while (left > 0) {
    const namespace = pick(r, APP_NAMESPACES);
    const team = namespace.slice(0, namespace.indexOf('-'));
    let base: string;
    do base = `${pick(r, WORDS)}-${pick(r, ROLES)}${r() < 0.3 ? `-${int(r, 2, 9)}` : ''}`;
    while (names.has(`${namespace}/${base}`));
    names.add(`${namespace}/${base}`);
    const k = r();
    const kind: Workload['kind'] = k < 0.85 ? 'ReplicaSet' : k < 0.93 ? 'StatefulSet' : 'Job';
    const want = kind === 'ReplicaSet' ? 1 + Math.floor(60 * r() ** 3) : kind === 'StatefulSet' ? int(r, 1, 5) : int(r, 1, 3);
    const replicas = Math.min(left, want);
    const templateHash = chars(r, SUFFIX, kind === 'ReplicaSet' ? 10 : 8);
    const owner = kind === 'ReplicaSet' ? `${base}-${templateHash}` : kind === 'Job' ? `${base}-${int(r, 28_900_000, 29_100_000)}` : base;
    const hostPortRoll = r();
    const w = workloads.length;
    workloads.push({
      namespace,
      name: base,
      team,
      kind,
      owner,
      ownerUid: uid(r),
      templateHash,
      image: `registry-vpc.${KUBE_BENCH_REGION}.aliyuncs.com/${team}/${base}:v${int(r, 1, 4)}.${int(r, 0, 30)}.${int(r, 0, 99)}`,
      replicas,
      hostNetwork: kind === 'ReplicaSet' && r() < 0.002,
      ...(kind === 'ReplicaSet' && hostPortRoll < 0.005 ? { hostPort: pick(r, [80, 8080, 9100, 10080, 30001]) } : {}),
      sidecar: r() < 0.2,
      init: r() < 0.15,
      env: int(r, 3, 8),
      created: int(r, 0, 200 * 86_400),
    });
    for (let o = 0; o < replicas; o++) {
      let name: string;
      do {
        name = kind === 'ReplicaSet' ? `${owner}-${chars(r, SUFFIX, 5)}` : kind === 'StatefulSet' ? `${owner}-${o}` : `${owner}-${chars(r, SUFFIX, 5)}`;
      } while (used.has(`${namespace}/${name}`));
      used.add(`${namespace}/${name}`);
      const pending = kind !== 'Job' && r() < 0.003;
      const phase: PodPlan['phase'] = pending ? 'Pending' : kind === 'Job' ? (r() < 0.9 ? 'Succeeded' : 'Failed') : 'Running';
      pods.push({ id: `${namespace}/${name}`, namespace, name, workload: w, node: pending ? -1 : Math.floor(r() * nodes.length), phase, ordinal: o });
    }
    left -= replicas;
  }
  pods.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { workloads, pods };
}

// ── wire objects ────────────────────────────────────────────────────────────────────────────────

function nodeWire(n: NodePlan, poolIds: string[], r: Rng): WireObject {
  const pool = POOLS[n.pool]!;
  const created = int(r, 0, 300 * 86_400);
  const labels: Record<string, string> = {
    'ack.aliyun.com': KUBE_BENCH_CLUSTER,
    'alibabacloud.com/nodepool-id': poolIds[n.pool]!,
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/instance-type': pool.type,
    'beta.kubernetes.io/os': 'linux',
    'failure-domain.beta.kubernetes.io/region': KUBE_BENCH_REGION,
    'failure-domain.beta.kubernetes.io/zone': n.zone,
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    'node.csi.alibabacloud.com/disktype.cloud_essd': 'available',
    'node.kubernetes.io/instance-type': pool.type,
    'topology.diskplugin.csi.alibabacloud.com/zone': n.zone,
    'topology.kubernetes.io/region': KUBE_BENCH_REGION,
    'topology.kubernetes.io/zone': n.zone,
    ...(n.pool === POOLS.length - 1 ? { 'terway-config': DYNAMIC_CONFIG } : {}),
  };
  const images = Array.from({ length: int(r, 12, 24) }, () => {
    const repo = `registry-vpc.${KUBE_BENCH_REGION}.aliyuncs.com/${pick(r, TEAMS)}/${pick(r, WORDS)}-${pick(r, ROLES)}`;
    return { names: [`${repo}@sha256:${hex(r, 64)}`, `${repo}:v${int(r, 1, 4)}.${int(r, 0, 30)}.${int(r, 0, 99)}`], sizeBytes: int(r, 20_000_000, 900_000_000) };
  });
  const cond = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: time(400 * 86_400 - int(r, 0, 60)),
    lastTransitionTime: time(created + 60),
    reason,
    message,
  });
  return {
    metadata: {
      name: n.name,
      uid: uid(r),
      resourceVersion: String(RESOURCE_VERSION_BASE + int(r, 0, 9_000_000)),
      creationTimestamp: time(created),
      labels,
      annotations: {
        'csi.volume.kubernetes.io/nodeid': JSON.stringify({ 'diskplugin.csi.alibabacloud.com': n.instanceId, 'nasplugin.csi.alibabacloud.com': n.instanceId }),
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { providerID: `${KUBE_BENCH_REGION}.${n.instanceId}` },
    status: {
      addresses: [
        { type: 'InternalIP', address: n.ip },
        { type: 'Hostname', address: n.name },
      ],
      allocatable: { cpu: '15890m', 'ephemeral-storage': '113107963386', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '57468336Ki', pods: String(pool.pods) },
      capacity: { cpu: '16', 'ephemeral-storage': '123722704Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '63774640Ki', pods: String(pool.pods) },
      conditions: [
        cond('FrequentDockerRestart', 'False', 'NoFrequentDockerRestart', 'docker is functioning properly'),
        cond('FrequentContainerdRestart', 'False', 'NoFrequentContainerdRestart', 'containerd is functioning properly'),
        cond('KernelDeadlock', 'False', 'KernelHasNoDeadlock', 'kernel has no deadlock'),
        cond('ReadonlyFilesystem', 'False', 'FilesystemIsNotReadOnly', 'Filesystem is not read-only'),
        cond('NTPProblem', 'False', 'NTPIsUp', 'ntp service is up'),
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images,
      nodeInfo: {
        architecture: 'amd64',
        bootID: uid(r),
        containerRuntimeVersion: 'containerd://1.6.36',
        kernelVersion: KERNEL,
        kubeProxyVersion: KUBELET,
        kubeletVersion: KUBELET,
        machineID: hex(r, 32),
        operatingSystem: 'linux',
        osImage: OS_IMAGE,
        systemUUID: uid(r).toUpperCase(),
      },
    },
  };
}

const JAVA_OPTS = '-XX:+UseG1GC -XX:MaxRAMPercentage=75.0 -Dfile.encoding=UTF-8';

function envOf(w: Workload, r: Rng): WireObject[] {
  const fixed: WireObject[] = [
    { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
    { name: 'TZ', value: 'Asia/Shanghai' },
    { name: `aliyun_logs_${w.team}-${w.name}`, value: 'stdout' },
  ];
  const more: WireObject[] = [
    { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${w.name}-db`, key: 'password' } } },
    { name: 'SPRING_PROFILES_ACTIVE', value: w.namespace.endsWith('prod') ? 'prod' : 'staging' },
    { name: 'DB_HOST', value: `rm-bp1${hex(r, 14)}.mysql.rds.aliyuncs.com` },
    { name: 'JAVA_OPTS', value: JAVA_OPTS },
    { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
    { name: 'REDIS_URL', value: `redis://r-bp1${hex(r, 14)}.redis.rds.aliyuncs.com:6379/0` },
    { name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
    { name: 'LOG_LEVEL', value: 'info' },
    { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: `${w.name}-api`, key: 'token' } } },
    { name: 'MQ_ENDPOINT', value: `http://MQ_INST_${int(r, 1e9, 2e9)}.${KUBE_BENCH_REGION}.mq-internal.aliyuncs.com:8080` },
    { name: 'FEATURE_FLAGS', value: 'new-checkout,fast-path,regional-cache' },
  ];
  return [...fixed, ...more.slice(0, Math.max(0, w.env - fixed.length))];
}

/**
 * A workload's container ports. On the host network the API server defaults hostPort to the
 * containerPort, which is what the collector then reports as host ports.
 */
function portsOf(w: Workload): { appPort: number; ports: { name: string; containerPort: number; protocol: string; hostPort?: number }[] } {
  const appPort = w.kind === 'DaemonSet' ? 9000 + (w.name.length % 10) : 8080;
  const metrics = w.kind === 'DaemonSet' ? appPort + 1000 : 9090;
  const hp = (port: number, published?: number) => (w.hostNetwork ? { hostPort: port } : published !== undefined ? { hostPort: published } : {});
  return {
    appPort,
    ports: [
      { name: 'http', containerPort: appPort, protocol: 'TCP', ...hp(appPort, w.hostPort) },
      { name: 'metrics', containerPort: metrics, protocol: 'TCP', ...hp(metrics) },
    ],
  };
}

function probe(path: string, port: number, initialDelaySeconds: number): WireObject {
  return { httpGet: { path, port, scheme: 'HTTP' }, initialDelaySeconds, timeoutSeconds: 3, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
}

/**
 * What every pod of a workload shares, as the pod template makes them equal: containers, volumes,
 * most of the spec, the labels and annotations, the controller's managedFields. Built once per
 * workload from its own generator and shared by reference between its pods' wire objects.
 */
interface PodTemplate {
  initContainers: WireObject[];
  containers: WireObject[];
  volumes: WireObject[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Spec fields after containers, without nodeName/hostNetwork/affinity. */
  specTail: WireObject;
  affinity?: WireObject;
  controllerFields: WireObject;
  kubeletFields: WireObject;
  /** image → imageID (its digest). */
  imageIds: Map<string, string>;
}

function podTemplate(w: Workload, seed: number, index: number): PodTemplate {
  const r = itemRng(seed, 3, index);
  const ds = w.kind === 'DaemonSet';
  const dsDef = ds ? DAEMONSETS.find((d) => d.name === w.name)! : undefined;
  const { appPort, ports } = portsOf(w);
  const volName = `kube-api-access-${chars(r, SUFFIX, 5)}`;
  const main: WireObject = {
    name: dsDef ? dsDef.containers.at(-1)! : w.name,
    image: w.image,
    ...(ds ? { command: ['/bin/sh', '-c', `exec /usr/bin/${w.name} --v=2 --config=/etc/${w.name}/config.yaml`] } : {}),
    ports,
    env: envOf(w, r),
    resources: ds
      ? { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m', memory: '128Mi' } }
      : { limits: { cpu: pick(r, ['1', '2', '4']), memory: pick(r, ['2Gi', '4Gi', '8Gi']) }, requests: { cpu: pick(r, ['250m', '500m', '1']), memory: pick(r, ['512Mi', '1Gi', '2Gi']) } },
    volumeMounts: [
      { name: 'config', readOnly: true, mountPath: `/etc/${w.name}` },
      { name: 'logs', mountPath: '/home/admin/logs' },
      { name: volName, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
    ],
    livenessProbe: probe('/healthz', appPort, 30),
    readinessProbe: probe('/ready', appPort, 10),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
    ...(ds ? { securityContext: { privileged: true } } : {}),
  };
  const containers: WireObject[] = [main];
  if (w.sidecar) {
    containers.unshift({
      name: dsDef ? dsDef.containers[0]! : 'log-agent',
      image: ds ? w.image : `${ACK_REGISTRY}/logtail:v1.8.7.0-aliyun`,
      args: ['--config', '/etc/ilogtail/conf.json'],
      env: [{ name: 'ALIYUN_LOGTAIL_USER_DEFINED_ID', value: `k8s-${w.namespace}-${w.name}` }],
      resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '50m', memory: '64Mi' } },
      volumeMounts: [{ name: 'logs', mountPath: '/home/admin/logs' }],
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
    });
  }
  const initContainers: WireObject[] = w.init
    ? [
        {
          name: 'init-config',
          image: `${ACK_REGISTRY}/busybox:v1.36.1`,
          command: ['sh', '-c', `cp -r /config-template/. /etc/${w.name}/`],
          resources: {},
          volumeMounts: [{ name: 'config', mountPath: `/etc/${w.name}` }],
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
        },
      ]
    : [];
  const volumes: WireObject[] = [
    { name: 'config', configMap: { name: `${w.name}-config`, defaultMode: 420 } },
    { name: 'logs', emptyDir: {} },
    {
      name: volName,
      projected: {
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
        defaultMode: 420,
      },
    },
  ];
  const labels: Record<string, string> = {
    app: w.name,
    ...(w.kind === 'ReplicaSet' ? { 'pod-template-hash': w.templateHash } : {}),
    ...(ds ? { 'controller-revision-hash': w.templateHash, 'pod-template-generation': '3' } : {}),
    ...(w.kind === 'StatefulSet' ? { 'controller-revision-hash': `${w.name}-${w.templateHash}` } : {}),
    ...(w.kind === 'Job' ? { 'batch.kubernetes.io/controller-uid': w.ownerUid, 'batch.kubernetes.io/job-name': w.owner, 'controller-uid': w.ownerUid, 'job-name': w.owner } : {}),
    ...(ds ? {} : { team: w.team, version: w.image.slice(w.image.lastIndexOf(':') + 1) }),
  };
  const annotations: Record<string, string> = ds ? { 'k8s.aliyun.com/logtail-config': 'default' } : { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' };
  const specTail: WireObject = {
    restartPolicy: w.kind === 'Job' ? 'Never' : 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: w.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
    serviceAccountName: ds ? w.name : 'default',
    serviceAccount: ds ? w.name : 'default',
    securityContext: {},
    ...(ds ? { priorityClassName: 'system-node-critical' } : { imagePullSecrets: [{ name: `${w.team}-registry` }] }),
    schedulerName: 'default-scheduler',
    tolerations: ds
      ? [{ operator: 'Exists' }]
      : [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ],
    priority: ds ? 2000001000 : 0,
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
  };
  const affinity =
    w.kind === 'ReplicaSet' && w.replicas > 2
      ? { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: w.name } }, topologyKey: 'kubernetes.io/hostname' } }] } }
      : undefined;
  const imageIds = new Map<string, string>();
  for (const c of [...initContainers, ...containers]) {
    const image = String(c['image']);
    if (!imageIds.has(image)) imageIds.set(image, `${image.slice(0, image.lastIndexOf(':'))}@sha256:${hex(r, 64)}`);
  }
  return {
    initContainers,
    containers,
    volumes,
    labels,
    annotations,
    specTail,
    ...(affinity ? { affinity } : {}),
    // Server-side apply's record of who set what: the controller owns the template's fields, the
    // kubelet the status (nested two levels deep here; the API server nests all the way down).
    controllerFields: {
      'f:metadata': fieldsOf({ generateName: '', labels, ownerReferences: [] }, 2),
      'f:spec': fieldsOf({ volumes, ...(initContainers.length ? { initContainers } : {}), containers, ...specTail, ...(affinity ? { affinity } : {}) }, 2),
    },
    kubeletFields: { 'f:status': fieldsOf({ conditions: [], containerStatuses: [], hostIP: '', hostIPs: [], phase: '', podIP: '', podIPs: [], startTime: '' }, 2) },
    imageIds,
  };
}

function podWire(p: PodPlan, w: Workload, t: PodTemplate, node: NodePlan | undefined, nodeCount: number, seed: number, index: number): WireObject {
  const r = itemRng(seed, 1, index);
  const ds = w.kind === 'DaemonSet';
  const created = w.created + int(r, 60, 30 * 86_400) + p.ordinal;
  const started = created + int(r, 2, 40);
  const hostNetwork = w.hostNetwork;
  const podIp = node ? (hostNetwork ? node.ip : `10.${64 + ZONES.indexOf(node.zone) * 8 + (node.index % 8)}.${int(r, 0, 255)}.${int(r, 1, 254)}`) : undefined;
  const labels = w.kind === 'StatefulSet' ? { ...t.labels, 'apps.kubernetes.io/pod-index': String(p.ordinal), 'statefulset.kubernetes.io/pod-name': p.name } : t.labels;
  const annotations = podIp && !hostNetwork && !ds ? { ...t.annotations, 'k8s.aliyun.com/pod-ips': podIp } : t.annotations;
  const metadata: WireObject = {
    name: p.name,
    ...(w.kind === 'StatefulSet' ? {} : { generateName: p.name.slice(0, p.name.lastIndexOf('-') + 1) }),
    namespace: p.namespace,
    uid: uid(r),
    resourceVersion: String(RESOURCE_VERSION_BASE + int(r, 0, 9_000_000)),
    creationTimestamp: time(created),
    labels,
    annotations,
    ownerReferences: [{ apiVersion: w.kind === 'Job' ? 'batch/v1' : 'apps/v1', kind: w.kind, name: w.owner, uid: w.ownerUid, controller: true, blockOwnerDeletion: true }],
    ...(w.kind === 'Job' ? { finalizers: ['batch.kubernetes.io/job-tracking'] } : {}),
    managedFields: [
      { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: time(created), fieldsType: 'FieldsV1', fieldsV1: t.controllerFields },
      ...(node ? [{ manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: time(started + 20), fieldsType: 'FieldsV1', fieldsV1: t.kubeletFields, subresource: 'status' }] : []),
    ],
  };
  const affinity = ds
    ? { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node?.name ?? ''] }] }] } } }
    : t.affinity;
  const spec: WireObject = {
    volumes: t.volumes,
    ...(t.initContainers.length ? { initContainers: t.initContainers } : {}),
    containers: t.containers,
    ...(node ? { nodeName: node.name } : {}),
    ...(hostNetwork ? { hostNetwork: true } : {}),
    ...(affinity ? { affinity } : {}),
    ...t.specTail,
  };
  const done = p.phase === 'Succeeded' || p.phase === 'Failed';
  const cond = (type: string, status: string, at: number, extra?: WireObject) => ({ type, status, lastProbeTime: null, lastTransitionTime: time(at), ...extra });
  const completed = done ? { reason: 'PodCompleted' } : undefined;
  const conditions =
    p.phase === 'Pending'
      ? [
          cond('PodScheduled', 'False', created, {
            reason: 'Unschedulable',
            message: `0/${nodeCount} nodes are available: ${int(r, 1, 40)} Insufficient cpu. preemption: No preemption victims found for incoming pod.`,
          }),
        ]
      : [
          cond('PodReadyToStartContainers', done ? 'False' : 'True', started),
          cond('Initialized', 'True', started, completed),
          cond('Ready', done ? 'False' : 'True', started + 20, completed),
          cond('ContainersReady', done ? 'False' : 'True', started + 20, completed),
          cond('PodScheduled', 'True', created),
        ];
  const statusOf = (c: WireObject, init: boolean): WireObject => {
    const containerID = `containerd://${hex(r, 64)}`;
    const terminated = init || done;
    const failed = p.phase === 'Failed' && !init;
    return {
      name: c['name'],
      state: terminated
        ? { terminated: { exitCode: failed ? 1 : 0, reason: failed ? 'Error' : 'Completed', startedAt: time(started - (init ? 5 : 0)), finishedAt: time(started + (init ? 0 : 300)), containerID } }
        : { running: { startedAt: time(started) } },
      lastState: {},
      ready: !terminated,
      restartCount: r() < 0.9 ? 0 : int(r, 1, 12),
      image: c['image'],
      imageID: t.imageIds.get(String(c['image'])),
      containerID,
      started: !terminated,
    };
  };
  const status: WireObject =
    p.phase === 'Pending' || !node
      ? { phase: 'Pending', conditions, qosClass: 'Burstable' }
      : {
          phase: p.phase,
          conditions,
          hostIP: node.ip,
          hostIPs: [{ ip: node.ip }],
          podIP: podIp,
          podIPs: [{ ip: podIp }],
          startTime: time(created + 1),
          ...(t.initContainers.length ? { initContainerStatuses: t.initContainers.map((c) => statusOf(c, true)) } : {}),
          containerStatuses: t.containers.map((c) => statusOf(c, false)),
          qosClass: 'Burstable',
        };
  return { metadata, spec, status };
}

function daemonSetWire(w: Workload, nodes: number, r: Rng): WireObject {
  const ds = DAEMONSETS.find((d) => d.name === w.name)!;
  return {
    metadata: { name: w.name, namespace: 'kube-system', uid: w.ownerUid, resourceVersion: String(RESOURCE_VERSION_BASE + int(r, 0, 9_000_000)), generation: 3, creationTimestamp: time(0), labels: { app: w.name } },
    spec: {
      selector: { matchLabels: { app: w.name } },
      template: {
        metadata: { labels: { app: w.name } },
        spec: {
          ...(w.init ? { initContainers: [{ name: `${w.name}-init`, image: w.image }] } : {}),
          containers: ds.containers.map((name) => ({ name, image: w.image })),
          ...(ds.hostNetwork ? { hostNetwork: true } : {}),
          priorityClassName: 'system-node-critical',
        },
      },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: { currentNumberScheduled: nodes, numberMisscheduled: 0, desiredNumberScheduled: nodes, numberReady: nodes, observedGeneration: 3, updatedNumberScheduled: nodes, numberAvailable: nodes },
  };
}

function networkPolicies(r: Rng): { wire: WireObject[]; expected: ExpectedNetworkPolicy[] } {
  const wire: WireObject[] = [];
  const expected: ExpectedNetworkPolicy[] = [];
  for (const ns of APP_NAMESPACES) {
    const team = ns.slice(0, ns.indexOf('-'));
    const defs: { name: string; types: string[]; spec: WireObject }[] = [
      { name: 'default-deny-ingress', types: ['Ingress'], spec: { podSelector: {} } },
      { name: 'allow-dns-egress', types: ['Egress'], spec: { podSelector: {}, egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] } },
      { name: 'allow-from-ingress', types: ['Ingress'], spec: { podSelector: { matchLabels: { 'app.kubernetes.io/part-of': team } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }] } },
      { name: 'allow-prometheus', types: ['Ingress'], spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'arms-prom' } } }], ports: [{ protocol: 'TCP', port: 9090 }] }] } },
      { name: 'allow-same-namespace', types: ['Ingress'], spec: { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] } },
      ...Array.from({ length: 3 }, (_, k) => {
        const app = `${pick(r, WORDS)}-${pick(r, ROLES)}`;
        return {
          name: `${app}-db-egress-${k}`,
          types: ['Ingress', 'Egress'],
          spec: {
            podSelector: { matchLabels: { app } },
            ingress: [{ from: [{ podSelector: { matchLabels: { team } } }] }],
            egress: [{ to: [{ ipBlock: { cidr: `10.${int(r, 100, 120)}.${int(r, 0, 255)}.0/24`, except: [`10.${int(r, 100, 120)}.${int(r, 0, 255)}.${int(r, 0, 15) * 16}/28`] } }], ports: [{ protocol: 'TCP', port: pick(r, [3306, 5432, 6379]) }] }],
          },
        };
      }),
    ];
    for (const d of defs) {
      wire.push({
        metadata: { name: d.name, namespace: ns, uid: uid(r), resourceVersion: String(RESOURCE_VERSION_BASE + int(r, 0, 9_000_000)), generation: 1, creationTimestamp: time(int(r, 0, 200 * 86_400)) },
        spec: { ...d.spec, policyTypes: d.types },
      });
      expected.push({ id: `${ns}/${d.name}`, clusterId: KUBE_BENCH_CLUSTER, policyTypes: d.types });
    }
  }
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const order = wire.map((w, i) => ({ id: `${(w['metadata'] as WireObject)['namespace']}/${(w['metadata'] as WireObject)['name']}`, i })).sort(byId);
  return { wire: order.map((o) => wire[o.i]!), expected: expected.sort(byId) };
}

function configMaps(r: Rng): Record<string, Record<string, string>> {
  const vsw = () => `vsw-bp1${chars(r, '0123456789abcdefghijklmnopqrstuvwxyz', 17)}`;
  const eniConf = {
    version: '1',
    max_pool_size: 5,
    min_pool_size: 0,
    credential_path: '/var/addon/token-config',
    vswitches: Object.fromEntries(ZONES.map((z) => [z, [vsw(), vsw()]])),
    eni_tags: { 'ack.aliyun.com': KUBE_BENCH_CLUSTER },
    service_cidr: '192.168.0.0/16',
    security_group: `sg-bp1${hex(r, 17)}`,
    vswitch_selection_policy: 'ordered',
    ip_stack: 'ipv4',
    enable_eni_trunking: true,
  };
  return {
    'kube-system/eni-config': {
      eni_conf: JSON.stringify(eniConf, null, 2),
      '10-terway.conf': JSON.stringify({ cniVersion: '0.4.0', name: 'terway', type: 'terway', eniip_virtual_type: 'datapathv2' }, null, 2),
      disable_network_policy: 'false',
      in_cluster_loadbalance: 'true',
    },
    [`kube-system/${DYNAMIC_CONFIG}`]: {
      eni_conf: JSON.stringify({ vswitches: { [ZONES[0]!]: [vsw()], [ZONES[1]!]: [vsw()] }, security_group: `sg-bp1${hex(r, 17)}`, enable_eni_trunking: true }, null, 2),
    },
  };
}

/**
 * An array-like that builds item i with `make(i)` whenever it is read: `length`, indexing, `slice`,
 * iteration and every other Array.prototype method read through it. Nothing is cached.
 */
function lazyArray<T>(length: number, make: (i: number) => T): T[] {
  const isIndex = (p: string | symbol): p is string => typeof p === 'string' && /^(0|[1-9]\d*)$/.test(p) && Number(p) < length;
  return new Proxy([] as T[], {
    get: (target, p, receiver) => (p === 'length' ? length : isIndex(p) ? make(Number(p)) : Reflect.get(target, p, receiver)),
    has: (target, p) => isIndex(p) || Reflect.has(target, p),
    set: () => false,
    deleteProperty: () => false,
  });
}

export function kubeBenchCluster(opts: { nodes?: number; pods?: number; seed?: number } = {}): KubeBenchCluster {
  const nodeCount = opts.nodes ?? KUBE_BENCH_DEFAULTS.nodes;
  const podCount = opts.pods ?? KUBE_BENCH_DEFAULTS.pods;
  const seed = opts.seed ?? KUBE_BENCH_DEFAULTS.seed;
  if (!Number.isInteger(nodeCount) || nodeCount < 1 || !Number.isInteger(podCount) || podCount < 0) throw new Error('nodes ≥ 1 and pods ≥ 0, whole numbers');
  const r = mulberry32(seed);
  const { nodes, poolIds } = buildNodes(nodeCount, r);
  const { workloads, pods } = buildLayout(nodeCount, podCount, r, nodes);
  const nodeWires = nodes.map((n, i) => nodeWire(n, poolIds, itemRng(seed, 2, i)));
  const np = networkPolicies(r);
  const cms = configMaps(r);
  const daemonSets = workloads.filter((w) => w.kind === 'DaemonSet').map((w) => daemonSetWire(w, nodeCount, r));

  // One template per workload, built the first time one of its pods is served and kept (a few MB).
  const templates = new Map<number, PodTemplate>();
  const templateOf = (w: number) => {
    let t = templates.get(w);
    if (!t) templates.set(w, (t = podTemplate(workloads[w]!, seed, w)));
    return t;
  };
  const podWires = lazyArray(pods.length, (i) => {
    const p = pods[i]!;
    return podWire(p, workloads[p.workload]!, templateOf(p.workload), p.node >= 0 ? nodes[p.node] : undefined, nodeCount, seed, i);
  });

  const expectedPods: ExpectedPod[] = pods.map((p) => {
    const w = workloads[p.workload]!;
    // The sidecar and init containers publish nothing; only the main container's ports count.
    const hostPorts = portsOf(w).ports.flatMap((port) => (port.hostPort !== undefined ? [{ containerPort: port.containerPort, hostPort: port.hostPort, protocol: port.protocol }] : []));
    return {
      id: p.id,
      clusterId: KUBE_BENCH_CLUSTER,
      ...(p.node >= 0 ? { nodeName: nodes[p.node]!.name } : {}),
      ownerKind: w.kind,
      hostNetwork: w.hostNetwork,
      hostPorts,
      phase: p.phase,
    };
  });
  const expectedNodes: ExpectedNode[] = nodes.map((n) => ({
    clusterId: KUBE_BENCH_CLUSTER,
    name: n.name,
    instanceId: n.instanceId,
    providerId: `${KUBE_BENCH_REGION}.${n.instanceId}`,
    zoneId: n.zone,
    instanceType: n.instanceType,
    nodePoolId: poolIds[n.pool]!,
    privateIp: n.ip,
    kernelVersion: KERNEL,
    osImage: OS_IMAGE,
    allocatablePods: POOLS[n.pool]!.pods,
  }));

  return {
    clusterId: KUBE_BENCH_CLUSTER,
    scenario: { nodes: nodeWires, pods: podWires, networkPolicies: np.wire, daemonSets, configMaps: cms },
    expected: { nodes: expectedNodes, pods: expectedPods, networkPolicies: np.expected },
    counts: {
      nodes: nodeCount,
      pods: pods.length,
      networkPolicies: np.wire.length,
      daemonSetPods: expectedPods.filter((p) => p.ownerKind === 'DaemonSet').length,
      hostNetworkPods: expectedPods.filter((p) => p.hostNetwork).length,
      hostPortPods: expectedPods.filter((p) => p.hostPorts.length > 0 && !p.hostNetwork).length,
      pendingPods: expectedPods.filter((p) => p.phase === 'Pending').length,
      workloads: workloads.length,
      namespaces: new Set(pods.map((p) => p.namespace)).size,
    },
    listSizes: {
      '/api/v1/nodes': nodeCount,
      '/api/v1/pods': pods.length,
      '/apis/networking.k8s.io/v1/networkpolicies': np.wire.length,
      '/apis/apps/v1/namespaces/kube-system/daemonsets': daemonSets.length,
    },
  };
}
