/**
 * Issue #4, "Done when", end to end: the built CLI against the fake cloud and one fake Kubernetes API
 * per cluster, whose kubeconfig the CLI fetches through ACK (DescribeClusterUserKubeconfig), never
 * from a file or KUBECONFIG.
 *
 * - `terway-lint --region cn-hangzhou --cluster <terway> --source-cluster <flannel> --compose
 *   deploy/docker-compose.yml`: the compose port at its exact line, the Flannel NetworkPolicies the
 *   Terway cluster will start enforcing (exactly those the Kubernetes API serves), and the capacity
 *   shortfall per node pool from the live pod counts (two runs with different pods served).
 * - `--inspect-nodes`: a container outside Kubernetes publishing a host port, found from the
 *   inventory script's output through Cloud Assistant; nodes whose agent is not running are gaps.
 * - No secret (ACK kubeconfig token and client certificate/key, AccessKey secret) in any output.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/snapshot/types.js';
import { FAKE_ACCESS_KEY_ID, FAKE_ACCESS_KEY_SECRET, scenarioFromSnapshot, type FakeCloudScenario, type ScenarioCloudAssistant } from '../fake-cloud/scenario.js';
import { startFakeCloud, type FakeCloud } from '../fake-cloud/server.js';
import { FAKE_KUBE_TOKEN, scenarioFromSnapshot as kubeScenarioFromSnapshot, startFakeKube, type FakeKube, type FakeKubeScenario, type WireObject } from '../fake-kube/server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readJson = <T>(rel: string) => JSON.parse(readFileSync(join(root, rel), 'utf8')) as T;

const TERWAY = 'c-terway00shop01';
const FLANNEL = 'c-flannel0shop01';
const COMPOSE = 'deploy/docker-compose.yml';
const TIMEOUT = 120_000;

/**
 * The estate: the seed incident, plus the NetworkPolicies of scenario-network-policies.json (three in
 * the Flannel source, one of them also deployed in the Terway target).
 */
function estate(): Snapshot {
  const s = structuredClone(readJson<Snapshot>('fixtures/snapshots/seed-incident.json'));
  s.networkPolicies = structuredClone(readJson<Snapshot>('fixtures/snapshots/scenario-network-policies.json').networkPolicies);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Secrets ACK's kubeconfig carries: a bearer token and a client certificate with its key (a real
// ACK kubeconfig authenticates with the certificate). The fake Kubernetes API is plain HTTP and
// checks the token; the certificate must still never be copied anywhere.
// ---------------------------------------------------------------------------------------------

let clientCertData = '';
let clientKeyData = '';

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'kc-cert-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=terway-lint-test/O=system:masters'], {
    stdio: 'ignore',
  });
  clientCertData = readFileSync(join(dir, 'cert.pem')).toString('base64');
  clientKeyData = readFileSync(join(dir, 'key.pem')).toString('base64');
});

/** What DescribeClusterUserKubeconfig returns for a cluster whose API server is the fake at `port`. */
function ackKubeconfig(clusterId: string, port: number): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    `    server: http://127.0.0.1:${port}`,
    '    insecure-skip-tls-verify: true',
    '  name: kubernetes',
    'contexts:',
    '- context:',
    '    cluster: kubernetes',
    `    user: "${clusterId}-user"`,
    `  name: ${clusterId}-context`,
    `current-context: ${clusterId}-context`,
    'preferences: {}',
    'users:',
    `- name: "${clusterId}-user"`,
    '  user:',
    `    token: ${FAKE_KUBE_TOKEN}`,
    `    client-certificate-data: ${clientCertData}`,
    `    client-key-data: ${clientKeyData}`,
    '',
  ].join('\n');
}

/** Every string that must never leave the process: credentials and what the served objects hold secret. */
function secrets(): string[] {
  const pem = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
  // the PEM bodies' first base64 line, in case something decodes the data and re-encodes it differently
  const bodyLine = (b64: string) => pem(b64).split('\n')[1]!;
  return [FAKE_KUBE_TOKEN, clientCertData, clientKeyData, bodyLine(clientCertData), bodyLine(clientKeyData), FAKE_ACCESS_KEY_SECRET, 'fake-secret-never-copied'];
}

// ---------------------------------------------------------------------------------------------
// The fakes
// ---------------------------------------------------------------------------------------------

interface Estate {
  cloud: FakeCloud;
  kubes: Record<string, FakeKube>;
  /** --region and --endpoint flags for the fake cloud. */
  endpointArgs: string[];
}

interface EstateOptions {
  /** Changes one cluster's Kubernetes objects before its fake API starts. */
  kube?: (clusterId: string, scenario: FakeKubeScenario) => void;
  cloudAssistant?: FakeCloudScenario['cloudAssistant'];
}

/** The fake cloud serving the snapshot, and per cluster a fake Kubernetes API that ACK's kubeconfig points at. */
async function withEstate<T>(snapshot: Snapshot, options: EstateOptions, run: (e: Estate) => Promise<T>): Promise<T> {
  const scenario = scenarioFromSnapshot(snapshot);
  if (options.cloudAssistant) scenario.cloudAssistant = options.cloudAssistant;
  const kubes: Record<string, FakeKube> = {};
  try {
    for (const c of scenario.clusters) {
      const id = c.detail.cluster_id;
      const kubeScenario = kubeScenarioFromSnapshot(snapshot, id);
      options.kube?.(id, kubeScenario);
      kubes[id] = await startFakeKube(kubeScenario);
      c.kubeconfig = ackKubeconfig(id, kubes[id].port);
    }
    const cloud = await startFakeCloud(scenario, {});
    try {
      const url = `http://${cloud.endpoint}`;
      return await run({ cloud, kubes, endpointArgs: ['--region', 'cn-hangzhou', '--endpoint', `cs=${url}`, '--endpoint', `vpc=${url}`, '--endpoint', `ecs=${url}`] });
    } finally {
      await cloud.close();
    }
  } finally {
    await Promise.all(Object.values(kubes).map((k) => k.close()));
  }
}

/** A working directory holding deploy/docker-compose.yml, a copy of the redis fixture. */
function projectDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'live-wl-'));
  mkdirSync(join(dir, 'deploy'));
  copyFileSync(join(root, 'fixtures/compose/redis/docker-compose.yml'), join(dir, COMPOSE));
  return dir;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The HOME the CLI ran with (a fresh directory). */
  home: string;
}

/** The built CLI with test credentials, no KUBECONFIG and a fresh HOME (so no ~/.kube/config either). */
function cli(args: string[], cwd: string): Promise<Run> {
  const home = mkdtempSync(join(tmpdir(), 'home-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'dist/cli.js'), ...args], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        ALIBABA_CLOUD_ACCESS_KEY_ID: FAKE_ACCESS_KEY_ID,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: FAKE_ACCESS_KEY_SECRET,
        LANG: 'C.UTF-8',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, home }));
  });
}

/** Every file under `dir`, with its text. */
function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out[path] = readFileSync(path, 'utf8');
  }
  return out;
}

interface Finding {
  ruleId: string;
  severity: string;
  clusterId: string;
  target: { kind: string; id: string; name?: string };
  message: { en: string };
  evidence: Record<string, unknown>;
  location: { file?: string; line?: number; logical: string };
}
interface Outcome {
  ruleId: string;
  clusterId: string;
  status: string;
  findings: number;
  reasons: { en: string }[];
}
interface Result {
  verdict: string;
  findings: Finding[];
  outcomes: Outcome[];
  collectionErrors: { source: string; section: string; clusterId?: string; kind: string; code?: string; message: string }[];
}

const findingsOf = (r: Result, ruleId: string) => r.findings.filter((f) => f.ruleId === ruleId);
const outcomeOf = (r: Result, ruleId: string) => {
  const o = r.outcomes.filter((x) => x.ruleId === ruleId && x.clusterId === TERWAY);
  expect(o, ruleId).toHaveLength(1);
  return o[0]!;
};

/** The issue's command, pointed at the fakes. */
const issueArgs = (e: Estate) => [...e.endpointArgs, '--cluster', TERWAY, '--source-cluster', FLANNEL, '--compose', COMPOSE];

// ---------------------------------------------------------------------------------------------
// The capacity model, restated from the served objects: what node-pool-capacity-below-demand must
// say for each Terway pool (src/model/workloads.ts, src/model/capacity.ts shared ENI, the pool paired
// with the source pool of the same name).
// ---------------------------------------------------------------------------------------------

interface PoolPrediction {
  targetId: string;
  maxPods: number;
  demandPods: number;
  demandPeakPerNode: number;
  nodesNeeded: number;
  desiredSize: number;
  fires: boolean;
}

function predictCapacity(cloud: FakeCloudScenario, sourcePods: readonly WireObject[]): PoolPrediction[] {
  const cluster = (id: string) => cloud.clusters.find((c) => c.detail.cluster_id === id)!;
  const target = cluster(TERWAY);
  const source = cluster(FLANNEL);
  // Pods that take a Terway IP: not hostNetwork, not finished; per node name, DaemonSet pods apart.
  const perNode = new Map<string, { all: number; ds: number }>();
  for (const p of sourcePods as { spec: { nodeName?: string; hostNetwork?: boolean }; status: { phase: string }; metadata: { ownerReferences?: { kind: string }[] } }[]) {
    if (!p.spec.nodeName || p.spec.hostNetwork || p.status.phase === 'Succeeded' || p.status.phase === 'Failed') continue;
    const c = perNode.get(p.spec.nodeName) ?? { all: 0, ds: 0 };
    c.all++;
    if (p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet') c.ds++;
    perNode.set(p.spec.nodeName, c);
  }
  const out: PoolPrediction[] = [];
  for (const pool of target.nodePools) {
    const sourcePool = source.nodePools.filter((p) => p.nodepool_info.name === pool.nodepool_info.name);
    expect(sourcePool).toHaveLength(1);
    const nodes = source.nodes.filter((n) => n.nodepool_id === sourcePool[0]!.nodepool_info.nodepool_id);
    const counts = nodes.map((n) => perNode.get(n.node_name) ?? { all: 0, ds: 0 });
    const demandPods = counts.reduce((a, c) => a + c.all, 0);
    const dsPerNode = Math.max(0, ...counts.map((c) => c.ds));
    const otherPods = demandPods - counts.reduce((a, c) => a + c.ds, 0);
    for (const type of pool.scaling_group.instance_types) {
      const t = cloud.instanceTypes.find((x) => x.InstanceTypeId === type)!;
      const maxPods = (t.EniQuantity - 1) * t.EniPrivateIpAddressQuantity; // shared ENI
      const canJoin = maxPods > 11;
      const room = maxPods - dsPerNode;
      const nodesNeeded = otherPods === 0 ? 0 : Math.ceil(otherPods / room);
      const desiredSize = pool.scaling_group.desired_size ?? 0;
      out.push({
        targetId: `${pool.nodepool_info.nodepool_id}/${type}`,
        maxPods,
        demandPods,
        demandPeakPerNode: Math.max(0, ...counts.map((c) => c.all)),
        nodesNeeded,
        desiredSize,
        fires: canJoin && desiredSize < nodesNeeded,
      });
    }
  }
  return out;
}

/** `n` Running Deployment pods (a ReplicaSet each) on `nodeName`, needing a pod IP each. */
function extraPods(nodeName: string, n: number, tag: string): WireObject[] {
  return Array.from({ length: n }, (_, i) => ({
    metadata: {
      name: `burst-${tag}-${i}`,
      namespace: 'shop',
      uid: `uid-burst-${tag}-${i}`,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `burst-${tag}-7c9d8`, uid: `uid-rs-burst-${tag}`, controller: true }],
    },
    spec: { nodeName, containers: [{ name: 'app', image: 'registry.cn-hangzhou.aliyuncs.com/shop/burst:1.0' }] },
    status: { phase: 'Running' },
  }));
}

// ---------------------------------------------------------------------------------------------
// 1. The issue's command
// ---------------------------------------------------------------------------------------------

describe('issue #4: terway-lint --region --cluster --source-cluster --compose, kubeconfig through ACK', () => {
  it('reports the compose port at its line, the NetworkPolicies that start being enforced, and the capacity shortfall per pool from live pod counts', async () => {
    const snapshot = estate();
    const composeText = readFileSync(join(root, 'fixtures/compose/redis/docker-compose.yml'), 'utf8');
    const portLine = composeText.split('\n').findIndex((l) => l.includes('"6379:6379"')) + 1;
    expect(portLine).toBeGreaterThan(0);

    /** One run of the issue's command; `more` adds pods to the Flannel cluster's Kubernetes API. */
    const lint = (more: (nodeName: (poolName: string, i: number) => string) => WireObject[]) => {
      let served: WireObject[] = [];
      let servedPolicies: string[] = [];
      let terwayPolicies: string[] = [];
      let cloudScenario!: FakeCloudScenario;
      return withEstate(
        snapshot,
        {
          kube: (id, k) => {
            const ids = k.networkPolicies.map((p) => `${(p.metadata as { namespace: string }).namespace}/${(p.metadata as { name: string }).name}`).sort();
            if (id === TERWAY) terwayPolicies = ids;
            if (id !== FLANNEL) return;
            cloudScenario = scenarioFromSnapshot(snapshot);
            const source = cloudScenario.clusters.find((c) => c.detail.cluster_id === FLANNEL)!;
            const nodeName = (poolName: string, i: number) => {
              const pool = source.nodePools.find((p) => p.nodepool_info.name === poolName)!;
              return source.nodes.filter((n) => n.nodepool_id === pool.nodepool_info.nodepool_id)[i]!.node_name;
            };
            k.pods.push(...more(nodeName));
            served = k.pods;
            servedPolicies = ids;
          },
        },
        async (e) => {
          const cwd = projectDir();
          const r = await cli([...issueArgs(e), '--format', 'json'], cwd);
          expect(r.stderr).toBe('');
          expect(r.code).toBe(1);
          // The kubeconfig of both clusters came from ACK, and both Kubernetes APIs were read with it.
          const asked = e.cloud.calls.filter((c) => c.action === 'DescribeClusterUserKubeconfig' && c.outcome === 'ok').map((c) => c.pathParams.ClusterId).sort();
          expect(asked).toEqual([FLANNEL, TERWAY]);
          for (const id of [FLANNEL, TERWAY]) {
            const pods = e.kubes[id]!.calls.filter((c) => c.resource === 'pods');
            expect(pods.length, id).toBeGreaterThan(0);
            expect(pods.every((c) => c.status === 200), id).toBe(true);
            expect(e.kubes[id]!.calls.some((c) => c.resource === 'networkpolicies' && c.status === 200), id).toBe(true);
          }
          const podPages = e.kubes[FLANNEL]!.calls.filter((c) => c.resource === 'pods');
          for (const s of secrets()) expect(r.stdout).not.toContain(s);
          return { result: JSON.parse(r.stdout) as Result, served, servedPolicies, terwayPolicies, cloudScenario, podPages: podPages.length };
        },
      );
    };

    const today = await lint(() => []);
    // The second run: the Flannel cluster runs 80 more pods on an "app" node and 300 more on the
    // "core" node (570 pods in all, so the pod list is read in two pages of 500).
    const busier = await lint((node) => [...extraPods(node('app', 0), 80, 'app'), ...extraPods(node('core', 0), 300, 'core')]);
    expect(busier.served.length).toBeGreaterThan(500);
    expect(busier.podPages).toBe(2);

    for (const run of [today, busier]) {
      const r = run.result;

      // The compose port, at the line of "6379:6379" in the file the command named.
      const hostPorts = findingsOf(r, 'host-published-port');
      expect(hostPorts.map((f) => [f.target.id, f.location.file, f.location.line])).toEqual([[`${COMPOSE}#redis/6379/tcp`, COMPOSE, portLine]]);
      expect(hostPorts[0]!.evidence).toMatchObject({ source: 'compose', hostPort: 6379, protocol: 'tcp' });

      // Exactly the Flannel source's NetworkPolicies the Kubernetes API served; the one the Terway
      // target serves too is said to be deployed there already.
      expect(run.servedPolicies).toEqual(['payments/egress-psp-only', 'shop/allow-web-to-app', 'shop/deny-all-ingress']);
      const policies = findingsOf(r, 'network-policy-starts-enforcing');
      expect(policies.map((f) => f.target.id).sort()).toEqual(run.servedPolicies);
      expect(policies.every((f) => f.clusterId === TERWAY && f.target.kind === 'networkpolicy')).toBe(true);
      for (const f of policies) {
        const deployed = run.terwayPolicies.includes(f.target.id);
        expect(f.message.en.includes(`(it is already deployed in ${TERWAY})`), f.target.id).toBe(deployed);
        expect(f.message.en).toContain(`in Flannel cluster ${FLANNEL} has never been enforced`);
      }
      expect(outcomeOf(r, 'network-policy-starts-enforcing').status).toBe('failed');

      // The capacity of each Terway pool against the pods its same-named Flannel pool runs, as served.
      const predicted = predictCapacity(run.cloudScenario, run.served);
      const capacity = findingsOf(r, 'node-pool-capacity-below-demand');
      expect(capacity.map((f) => f.target.id).sort()).toEqual(predicted.filter((p) => p.fires).map((p) => p.targetId).sort());
      for (const f of capacity) {
        const p = predicted.find((x) => x.targetId === f.target.id)!;
        expect(f.evidence, f.target.id).toMatchObject({
          maxPods: p.maxPods,
          demandPods: p.demandPods,
          demandPeakPerNode: p.demandPeakPerNode,
          nodesNeeded: p.nodesNeeded,
          desiredSize: p.desiredSize,
        });
        expect(f.message.en).toContain(`runs ${p.demandPods} pods on`);
        expect(f.message.en).toContain(`the pool needs ${p.nodesNeeded} nodes, not ${p.desiredSize}.`);
      }
    }

    // What the extra pods change, as the model predicts it: the app pool needs more nodes than
    // before, and the core pool, big enough today, falls short.
    const app = (run: typeof today) => predictCapacity(run.cloudScenario, run.served).find((p) => p.targetId === 'np-tw-app/ecs.c6.xlarge')!;
    const core = (run: typeof today) => predictCapacity(run.cloudScenario, run.served).find((p) => p.targetId === 'np-tw-core/ecs.g7.4xlarge')!;
    expect(app(busier).nodesNeeded).toBeGreaterThan(app(today).nodesNeeded);
    expect(app(busier).demandPods - app(today).demandPods).toBe(80);
    expect(core(today).fires).toBe(false);
    expect(core(busier).fires).toBe(true);
    const needed = (run: typeof today, id: string) => findingsOf(run.result, 'node-pool-capacity-below-demand').find((f) => f.target.id === id)?.evidence.nodesNeeded;
    expect(needed(today, 'np-tw-app/ecs.c6.xlarge')).toBe(app(today).nodesNeeded);
    expect(needed(busier, 'np-tw-app/ecs.c6.xlarge')).toBe(app(busier).nodesNeeded);
    expect(needed(today, 'np-tw-core/ecs.g7.4xlarge')).toBeUndefined();
    expect(needed(busier, 'np-tw-core/ecs.g7.4xlarge')).toBe(core(busier).nodesNeeded);
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------
// 2. --inspect-nodes
// ---------------------------------------------------------------------------------------------

/** The inventory script's output (JSON lines, src/collect/node-inventory/parse.ts) of a node. */
function inventory(...lines: unknown[]): string {
  return [{ kind: 'begin', v: 1 }, ...lines, { kind: 'end' }].map((l) => JSON.stringify(l)).join('\n') + '\n';
}
const ss = (line: string) => ({ kind: 'socket', tool: 'ss', line });

/** A node with nothing outside Kubernetes: sshd, the kubelet, a pod's hostPort, the Cloud Assistant agent. */
const CLEAN = inventory(
  { kind: 'note', message: 'nerdctl not found' },
  ss('tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=812,fd=3))'),
  ss('tcp LISTEN 0 4096 127.0.0.1:10248 0.0.0.0:* users:(("kubelet",pid=1200,fd=20))'),
  ss('tcp LISTEN 0 4096 0.0.0.0:9100 0.0.0.0:* users:(("node_exporter",pid=3100,fd=3))'),
  { kind: 'proc', pid: 812, cgroup: 'host' },
  { kind: 'proc', pid: 1200, cgroup: 'host' },
  { kind: 'proc', pid: 3100, cgroup: 'kubepods' },
);

/** LEGACY's node: a docker container outside Kubernetes publishing 8080/tcp (its docker-proxy sockets too). */
const LEGACY_NODE = 'i-bp1tapp000002';
const LEGACY = inventory(
  { kind: 'container', runtime: 'docker', id: 'f00dfeed1234', name: 'legacy-api', image: 'shop/legacy-api:3.1', ports: '0.0.0.0:8080->8080/tcp, :::8080->8080/tcp', pod: '', project: '', service: '' },
  { kind: 'container', runtime: 'docker', id: 'k8s0001', name: 'k8s_app_web-0', image: 'nginx', ports: '', pod: 'web-0', project: '', service: '' },
  ss('tcp LISTEN 0 4096 0.0.0.0:8080 0.0.0.0:* users:(("docker-proxy",pid=4001,fd=4))'),
  ss('tcp LISTEN 0 4096 [::]:8080 [::]:* users:(("docker-proxy",pid=4002,fd=4))'),
  ss('tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=812,fd=3))'),
  { kind: 'proc', pid: 812, cgroup: 'host' },
  { kind: 'proc', pid: 4001, cgroup: 'host' },
  { kind: 'proc', pid: 4002, cgroup: 'host' },
);

function agents(snapshot: Snapshot, of: (nodeId: string, clusterId: string) => ScenarioCloudAssistant | undefined): Record<string, ScenarioCloudAssistant> {
  const out: Record<string, ScenarioCloudAssistant> = {};
  for (const n of snapshot.nodes ?? []) {
    const a = of(n.id, n.clusterId);
    if (a) out[n.id] = a;
  }
  return out;
}

describe('issue #4: --inspect-nodes finds a host-published port from the inventory script', () => {
  const snapshot = estate();
  const nodeIds = (clusterId?: string) => (snapshot.nodes ?? []).filter((n) => !clusterId || n.clusterId === clusterId).map((n) => n.id).sort();
  const inspectArgs = (e: Estate) => [...e.endpointArgs, '--cluster', TERWAY, '--source-cluster', FLANNEL, '--inspect-nodes', '--format', 'json'];

  it('every agent running: the container publishing 8080/tcp on one Terway node is the one finding, from node-inventory', async () => {
    await withEstate(snapshot, { cloudAssistant: agents(snapshot, (id) => ({ running: true, output: id === LEGACY_NODE ? LEGACY : CLEAN })) }, async (e) => {
      const r = await cli(inspectArgs(e), mkdtempSync(join(tmpdir(), 'inspect-')));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const result = JSON.parse(r.stdout) as Result;

      // The fixed script ran once on every node of both clusters, through Cloud Assistant.
      const script = readFileSync(join(root, 'src/collect/node-inventory/inventory.sh'), 'utf8');
      expect(e.cloud.invocations.flatMap((i) => i.instanceIds).sort()).toEqual(nodeIds());
      expect(e.cloud.invocations.every((i) => i.script === script && i.params.Type === 'RunShellScript')).toBe(true);
      expect(e.cloud.calls.some((c) => c.action === 'DescribeInvocationResults')).toBe(true);

      const node = snapshot.nodes!.find((n) => n.id === LEGACY_NODE)!;
      const hostPorts = findingsOf(result, 'host-published-port');
      expect(hostPorts.map((f) => f.target.id)).toEqual([`${LEGACY_NODE}#legacy-api/8080/tcp`]);
      expect(hostPorts[0]!.clusterId).toBe(TERWAY);
      expect(hostPorts[0]!.evidence).toEqual({ source: 'node-inventory', nodeId: LEGACY_NODE, hostPort: 8080, protocol: 'tcp' });
      expect(hostPorts[0]!.message.en).toContain(`legacy-api publishes 0.0.0.0:8080/tcp outside Kubernetes on node ${node.name} (${LEGACY_NODE}); Terway pods on that node cannot reach it.`);
      expect(hostPorts[0]!.location.file).toBeUndefined();
      const outcome = outcomeOf(result, 'host-published-port');
      expect(outcome.status).toBe('failed');
      expect(outcome.reasons).toEqual([]);
      expect(result.collectionErrors.filter((x) => x.section === 'hostServices')).toEqual([]);
    });
  }, TIMEOUT);

  it('every agent running and every node clean: host-published-port passes', async () => {
    await withEstate(snapshot, { cloudAssistant: agents(snapshot, () => ({ running: true, output: CLEAN })) }, async (e) => {
      const r = await cli(inspectArgs(e), mkdtempSync(join(tmpdir(), 'inspect-')));
      expect(r.stderr).toBe('');
      const result = JSON.parse(r.stdout) as Result;
      expect(e.cloud.invocations.flatMap((i) => i.instanceIds).sort()).toEqual(nodeIds());
      expect(findingsOf(result, 'host-published-port')).toEqual([]);
      expect(outcomeOf(result, 'host-published-port')).toMatchObject({ status: 'passed', findings: 0, reasons: [] });
    });
  }, TIMEOUT);

  it('nodes whose agent is not running (or that Cloud Assistant does not know) are gaps of their cluster, named', async () => {
    const stopped = 'i-bp1tcore00001';
    const unknown = 'i-bp1fweb000002';
    const cloudAssistant = agents(snapshot, (id) => (id === unknown ? undefined : { running: id !== stopped, lastHeartbeatTime: '2026-11-19T22:00:00Z', output: CLEAN }));
    await withEstate(snapshot, { cloudAssistant }, async (e) => {
      const r = await cli(inspectArgs(e), mkdtempSync(join(tmpdir(), 'inspect-')));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1); // other rules find the incident's errors
      const result = JSON.parse(r.stdout) as Result;
      // Nothing was run on them.
      expect(e.cloud.invocations.flatMap((i) => i.instanceIds).sort()).toEqual(nodeIds().filter((id) => id !== stopped && id !== unknown));

      const gaps = result.collectionErrors.filter((x) => x.section === 'hostServices').map((x) => ({ source: x.source, clusterId: x.clusterId, kind: x.kind, code: x.code, message: x.message }));
      expect(gaps).toEqual([
        { source: 'ecs.DescribeCloudAssistantStatus', clusterId: FLANNEL, kind: 'not-found', code: undefined, message: `node ${unknown}: Cloud Assistant does not know this instance (not in the region, or released); not inspected` },
        { source: 'ecs.DescribeCloudAssistantStatus', clusterId: TERWAY, kind: 'unavailable', code: 'ClientNotRunning', message: `node ${stopped}: Cloud Assistant agent is not running, last heartbeat 2026-11-19T22:00:00Z; not inspected` },
      ]);
      const outcome = outcomeOf(result, 'host-published-port');
      expect(outcome.status).toBe('not-evaluated');
      expect(outcome.reasons.map((x) => x.en)).toEqual([
        `node cn-hangzhou.10.0.1.11 (${unknown}) was not inspected (ecs.DescribeCloudAssistantStatus not-found: Cloud Assistant does not know this instance (not in the region, or released)), so the ports it publishes outside Kubernetes are unknown`,
        `node cn-hangzhou.10.0.1.131 (${stopped}) was not inspected (ecs.DescribeCloudAssistantStatus unavailable ClientNotRunning: Cloud Assistant agent is not running, last heartbeat 2026-11-19T22:00:00Z), so the ports it publishes outside Kubernetes are unknown`,
      ]);
      expect(result.verdict).toBe('not-ready');
    });
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------
// 3. No secrets in outputs
// ---------------------------------------------------------------------------------------------

describe('issue #4: no secret leaves the process', () => {
  it('the ACK kubeconfig token, its client certificate and key, and the AccessKey secret are in no report and no snapshot', async () => {
    const snapshot = estate();
    await withEstate(snapshot, { cloudAssistant: agents(snapshot, (id) => ({ running: true, output: id === LEGACY_NODE ? LEGACY : CLEAN })) }, async (e) => {
      const cwd = projectDir();
      const collect = await cli(['collect', ...issueArgs(e), '--inspect-nodes', '--output', 'snap.json'], cwd);
      // 0; 3 only while a section this test is not about cannot be served by fake-kube yet
      expect([0, 3], collect.stderr).toContain(collect.code);
      const saved = readFileSync(join(cwd, 'snap.json'), 'utf8');
      const collected = JSON.parse(saved) as Snapshot;
      const about = ['clusters', 'nodes', 'pods', 'networkPolicies', 'eniConfigs', 'hostServices'];
      expect(collected.errors.filter((x) => about.includes(x.section))).toEqual([]);
      // the snapshot holds what the Kubernetes APIs and the nodes gave
      expect(collected.pods?.length).toBe(snapshot.pods!.length);
      expect(collected.networkPolicies?.map((p) => `${p.clusterId} ${p.id}`).sort()).toEqual(snapshot.networkPolicies!.map((p) => `${p.clusterId} ${p.id}`).sort());
      expect(collected.hostServices?.map((h) => h.id).sort()).toEqual([`${COMPOSE}#redis-exporter/9121/tcp`, `${COMPOSE}#redis/6379/tcp`, `${LEGACY_NODE}#legacy-api/8080/tcp`]);

      const lint = await cli([...issueArgs(e), '--inspect-nodes', '--format', 'json', '--save-snapshot', 'lint-snap.json', '--format', 'sarif', '--output', 'out.sarif'], cwd);
      expect(lint.code, lint.stderr).toBe(1);
      expect(existsSync(join(cwd, 'lint-snap.json'))).toBe(true);
      const outputs: Record<string, string> = {
        ...filesUnder(cwd), // snap.json, lint-snap.json, out.sarif, and nothing else written there
        ...filesUnder(collect.home),
        ...filesUnder(lint.home),
        'collect stdout': collect.stdout,
        'collect stderr': collect.stderr,
        'lint stdout (json)': lint.stdout,
        'lint stderr': lint.stderr,
      };
      expect(Object.keys(filesUnder(cwd)).map((f) => f.slice(cwd.length + 1)).sort()).toEqual([COMPOSE, 'lint-snap.json', 'out.sarif', 'snap.json']);
      for (const [name, text] of Object.entries(outputs)) {
        for (const s of secrets()) expect(text.includes(s), `${name} contains ${s.slice(0, 24)}…`).toBe(false);
        expect(text.includes(FAKE_ACCESS_KEY_ID), `${name} contains the AccessKey id`).toBe(false);
      }
      // the fake Kubernetes APIs were reached with the kubeconfig's credentials (no 401)
      for (const id of [FLANNEL, TERWAY]) expect(e.kubes[id]!.calls.every((c) => c.status === 200 || c.status === 404), id).toBe(true);
    });
  }, TIMEOUT);
});


// A node that could not be inspected is a gap of that node (CollectionError.nodeId), not of the
// whole hostServices section: what was read from the other nodes and the compose files still counts.

describe('issue #4: compose + --inspect-nodes with one node not inspected', () => {
  const stopped = 'i-bp1tcore00001';
  let json: Result | undefined;
  let text = '';
  const portLine = () => readFileSync(join(root, 'fixtures/compose/redis/docker-compose.yml'), 'utf8').split('\n').findIndex((l) => l.includes('"6379:6379"')) + 1;

  it('runs: the node read shows its 8080 container in the snapshot, the stopped agent is a named gap of its cluster', async () => {
    const snapshot = estate();
    const cloudAssistant = agents(snapshot, (id) => ({ running: id !== stopped, output: id === LEGACY_NODE ? LEGACY : CLEAN }));
    await withEstate(snapshot, { cloudAssistant }, async (e) => {
      const cwd = projectDir();
      const r = await cli([...issueArgs(e), '--inspect-nodes', '--format', 'json', '--format', 'text', '--output', 'report.txt', '--save-snapshot', 'snap.json'], cwd);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      json = JSON.parse(r.stdout) as Result;
      text = readFileSync(join(cwd, 'report.txt'), 'utf8');
      const saved = JSON.parse(readFileSync(join(cwd, 'snap.json'), 'utf8')) as Snapshot;
      expect(saved.hostServices?.map((h) => h.id).sort()).toEqual([`${COMPOSE}#redis-exporter/9121/tcp`, `${COMPOSE}#redis/6379/tcp`, `${LEGACY_NODE}#legacy-api/8080/tcp`]);
      expect(json.collectionErrors.filter((x) => x.section === 'hostServices').map((x) => [x.clusterId, x.source, x.message])).toEqual([
        [TERWAY, 'ecs.DescribeCloudAssistantStatus', `node ${stopped}: Cloud Assistant agent is not running, last heartbeat 2025-01-01T00:00:00Z; not inspected`],
      ]);
      expect(outcomeOf(json, 'host-published-port').reasons.map((x) => x.en)).toEqual([
        `node cn-hangzhou.10.0.1.131 (${stopped}) was not inspected (ecs.DescribeCloudAssistantStatus unavailable ClientNotRunning: Cloud Assistant agent is not running, last heartbeat 2025-01-01T00:00:00Z), so the ports it publishes outside Kubernetes are unknown`,
      ]);
    });
  }, TIMEOUT);

  it('still reports the compose port at its line and the 8080 container, with the node as a gap', () => {
    expect(json).toBeDefined();
    const hostPorts = findingsOf(json!, 'host-published-port');
    expect(hostPorts.map((f) => [f.target.id, f.location.file ?? null, f.location.line ?? null]).sort()).toEqual([
      [`${COMPOSE}#redis/6379/tcp`, COMPOSE, portLine()],
      [`${LEGACY_NODE}#legacy-api/8080/tcp`, null, null],
    ]);
    expect(outcomeOf(json!, 'host-published-port').status).toBe('failed');
  });

  it('the text report names the node that was not inspected', () => {
    expect(text).toContain('host-published-port');
    expect(text).toContain(stopped);
  });
});

describe('issue #4: the network plugin as the cluster runs it', () => {
  it('a cluster whose ACK addons name no network plugin is judged by its kube-system DaemonSets', async () => {
    const snapshot = estate();
    for (const c of snapshot.clusters!) c.addons = c.addons.filter((a) => !/terway|flannel/.test(a.name));
    await withEstate(snapshot, {}, async (e) => {
      const cwd = projectDir();
      const r = await cli(['collect', ...issueArgs(e), '--output', 'snap.json'], cwd);
      expect(r.stderr).toBe('');
      const saved = JSON.parse(readFileSync(join(cwd, 'snap.json'), 'utf8')) as Snapshot;
      // nothing in the addons says which plugin runs …
      expect(saved.clusters!.flatMap((c) => c.addons.map((a) => a.name)).some((n) => /terway|flannel/.test(n))).toBe(false);
      // … the DaemonSets do
      expect(saved.clusters!.map((c) => [c.id, c.networkPlugin])).toEqual([
        [FLANNEL, 'flannel'],
        [TERWAY, 'terway'],
      ]);
      expect(saved.daemonSets!.filter((d) => d.clusterId === TERWAY).map((d) => d.id)).toContain('kube-system/terway-eniip');
    });
  }, TIMEOUT);
});

describe('issue #4: node pool modes from ACK labels and per-node configs', () => {
  it('an eniOnly pool is exclusive, a pool labelled for a prefix terway-config is prefix, even before it has nodes', async () => {
    const snapshot = estate();
    const target = snapshot.clusters!.find((c) => c.id === TERWAY)!;
    const pools = target.nodePools!;
    const emptyPool = pools.find((p) => !snapshot.nodes!.some((n) => n.nodePoolId === p.id));
    expect(emptyPool, 'the seed has a Terway pool without nodes').toBeDefined();
    const exclusivePool = pools.find((p) => p !== emptyPool)!;
    exclusivePool.terwayMode = 'exclusive';
    emptyPool!.terwayConfig = 'np-prefix';
    const base = snapshot.eniConfigs!.find((e) => e.clusterId === TERWAY)!;
    snapshot.eniConfigs!.push({ ...base, id: 'kube-system/np-prefix', terwayConfig: 'np-prefix', prefix: true });
    await withEstate(snapshot, {}, async (e) => {
      const cwd = projectDir();
      const r = await cli(['collect', ...issueArgs(e), '--output', 'snap.json'], cwd);
      expect(r.stderr).toBe('');
      const saved = JSON.parse(readFileSync(join(cwd, 'snap.json'), 'utf8')) as Snapshot;
      const savedPools = saved.clusters!.find((c) => c.id === TERWAY)!.nodePools!;
      expect(savedPools.find((p) => p.id === exclusivePool.id)).toMatchObject({ terwayMode: 'exclusive' });
      expect(savedPools.find((p) => p.id === emptyPool!.id)).toMatchObject({ terwayConfig: 'np-prefix', terwayMode: 'prefix' });
      // the pools that are neither keep the cluster default
      for (const p of savedPools.filter((p) => p.id !== exclusivePool.id && p.id !== emptyPool!.id)) expect(p.terwayMode).toBeUndefined();
      // the dynamic config was read although no node carries its label yet
      expect(saved.eniConfigs!.map((x) => x.id)).toContain('kube-system/np-prefix');
      expect(e.kubes[TERWAY]!.calls.some((c) => c.path === '/api/v1/namespaces/kube-system/configmaps/np-prefix' && c.status === 200)).toBe(true);
    });
  }, TIMEOUT);
});

