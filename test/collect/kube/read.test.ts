/**
 * readCluster with the real @kubernetes/client-node client against fake-kube on 127.0.0.1.
 */
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { kubeNodeToNode, mergeKubeNodes, readCluster } from '../../../src/collect/kube/read.js';
import type { Snapshot } from '../../../src/snapshot/types.js';
import { FAKE_KUBE_TOKEN, scenarioFromSnapshot, startFakeKube, type FakeKube, type FakeKubeFaults, type FakeKubeScenario } from '../../fake-kube/server.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const load = (name: string) => JSON.parse(readFileSync(join(root, 'fixtures/snapshots', name), 'utf8')) as Snapshot;
const seed = load('seed-incident.json');
const TARGET = 'c-terway00shop01';
const SOURCE = 'c-flannel0shop01';

function kubeConfigFor(server: string, token = FAKE_KUBE_TOKEN): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'fake', server, skipTLSVerify: true }],
    users: [{ name: 'lint', token }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'lint' }],
    currentContext: 'fake',
  });
  return kc;
}

const servers: FakeKube[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(scenario: FakeKubeScenario, faults: Partial<FakeKubeFaults> = {}): Promise<FakeKube> {
  const s = await startFakeKube(scenario, faults);
  servers.push(s);
  return s;
}

/** The seed's objects of one cluster, every node labelled terway-config=<label>. */
const scenarioWithLabel = (label: string, clusterId: string) => scenarioFromSnapshot({ ...seed, nodes: seed.nodes!.map((n) => ({ ...n, terwayConfig: label })) }, clusterId);
const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const listCalls = (kube: FakeKube, resource: string) => kube.calls.filter((c) => c.resource === resource);

describe('readCluster against fake-kube', () => {
  it('reads the seed incident target back: pods, nodes, policies and eni-config equal the snapshot', async () => {
    const kube = await start(scenarioFromSnapshot(seed, TARGET));
    const got = await readCluster(kubeConfigFor(kube.server), TARGET);
    expect(got.errors).toEqual([]);
    expect(got.pods).toEqual(byId(seed.pods!.filter((p) => p.clusterId === TARGET)));
    expect(got.networkPolicies).toEqual(byId((seed.networkPolicies ?? []).filter((p) => p.clusterId === TARGET)));
    expect(got.eniConfig).toEqual(seed.eniConfigs!.find((e) => e.clusterId === TARGET));
    const nodes = got.nodes!.map(kubeNodeToNode);
    expect(byId(nodes.map((n) => n!))).toEqual(byId(seed.nodes!.filter((n) => n.clusterId === TARGET)));
    // Default page size: one request per list.
    expect(listCalls(kube, 'pods').map((c) => c.limit)).toEqual([500]);
  });

  it('reads the seed incident source back (Flannel: no eni-config → null), every page with small pages', async () => {
    const scenario = scenarioFromSnapshot(seed, SOURCE);
    const kube = await start(scenario);
    const got = await readCluster(kubeConfigFor(kube.server), SOURCE, { pageSize: 7 });
    expect(got.errors).toEqual([]);
    const pods = seed.pods!.filter((p) => p.clusterId === SOURCE);
    expect(pods.length).toBeGreaterThan(7 * 3);
    expect(got.pods).toEqual(byId(pods));
    expect(got.pods!.some((p) => p.hostNetwork || p.hostPorts.length > 0)).toBe(true);
    expect(got.networkPolicies).toEqual([]);
    expect(got.eniConfig).toBeNull();
    expect(byId(got.nodes!.map((n) => kubeNodeToNode(n)!))).toEqual(byId(seed.nodes!.filter((n) => n.clusterId === SOURCE)));

    // ceil(n / 7) requests per list, the first without a continue token, each later one with the previous page's.
    const podCalls = listCalls(kube, 'pods');
    expect(podCalls).toHaveLength(Math.ceil(pods.length / 7));
    expect(podCalls.every((c) => c.limit === 7 && c.status === 200)).toBe(true);
    expect(podCalls[0]!.continue).toBeUndefined();
    expect(podCalls.slice(1).every((c) => c.continue)).toBe(true);
    expect(listCalls(kube, 'nodes')).toHaveLength(Math.ceil(scenario.nodes.length / 7));
    expect(got.stats).toEqual({ requests: kube.calls.length, restarts: 0 });
  });

  it('never copies specs, env values or other pod fields', async () => {
    const kube = await start(scenarioFromSnapshot(seed, SOURCE));
    const got = await readCluster(kubeConfigFor(kube.server), SOURCE, { pageSize: 50 });
    const text = JSON.stringify(got);
    expect(text).not.toContain('fake-secret-never-copied');
    expect(text).not.toContain('DB_PASSWORD');
    expect(text).not.toContain('registry.cn-hangzhou');
    for (const p of got.pods!) expect(Object.keys(p).sort()).toEqual(expect.arrayContaining(['clusterId', 'hostNetwork', 'hostPorts', 'id', 'phase']));
  });

  it('reads NetworkPolicies with their policy types across pages', async () => {
    const snap = load('scenario-network-policies.json');
    const kube = await start(scenarioFromSnapshot(snap, SOURCE));
    const got = await readCluster(kubeConfigFor(kube.server), SOURCE, { pageSize: 1 });
    const expected = byId(snap.networkPolicies!.filter((p) => p.clusterId === SOURCE));
    expect(expected.length).toBeGreaterThan(1);
    expect(got.networkPolicies).toEqual(expected);
    expect(listCalls(kube, 'networkpolicies')).toHaveLength(expected.length);
  });

  it('restarts a list once when its continue token expires (410), and reads every item once', async () => {
    const kube = await start(scenarioFromSnapshot(seed, SOURCE), { expireContinue: { pods: 1 } });
    const got = await readCluster(kubeConfigFor(kube.server), SOURCE, { pageSize: 20 });
    expect(got.errors).toEqual([]);
    const pods = seed.pods!.filter((p) => p.clusterId === SOURCE);
    expect(got.pods).toEqual(byId(pods));
    const calls = listCalls(kube, 'pods');
    expect(calls.map((c) => c.status)).toEqual([200, 410, ...Array<number>(Math.ceil(pods.length / 20)).fill(200)]);
    expect(calls[2]!.continue).toBeUndefined(); // the restart begins again without a token
    expect(got.stats.restarts).toBe(1);
  });

  it('records a second 410 after the one restart as an error for that section only', async () => {
    const kube = await start(scenarioFromSnapshot(seed, SOURCE), { expireContinue: { pods: 2 } });
    const got = await readCluster(kubeConfigFor(kube.server), SOURCE, { pageSize: 20 });
    expect(got.pods).toBeUndefined();
    expect(got.nodes).toBeDefined();
    expect(got.errors).toEqual([
      {
        source: 'kube.list.pods',
        section: 'pods',
        clusterId: SOURCE,
        kind: 'unavailable',
        code: '410',
        message: expect.stringContaining('expired again after one restart'),
      },
    ]);
    expect(listCalls(kube, 'pods').filter((c) => c.status === 410)).toHaveLength(2);
  });

  it('records a 403 with the verb and resource to grant while the other lists are read', async () => {
    const kube = await start(scenarioFromSnapshot(seed, TARGET), { forbidden: new Set(['pods', 'configmaps']) });
    const got = await readCluster(kubeConfigFor(kube.server), TARGET, { pageSize: 3 });
    expect(got.pods).toBeUndefined();
    expect(got.eniConfig).toBeUndefined();
    expect(got.nodes).toHaveLength(seed.nodes!.filter((n) => n.clusterId === TARGET).length);
    expect(got.networkPolicies).toEqual([]);
    expect(got.errors).toEqual([
      {
        source: 'kube.list.pods',
        section: 'pods',
        clusterId: TARGET,
        kind: 'permission',
        code: '403',
        message: expect.stringContaining('cannot list resource "pods"'),
        action: 'list pods (all namespaces)',
      },
      {
        source: 'kube.get.configmaps',
        section: 'eniConfigs',
        clusterId: TARGET,
        kind: 'permission',
        code: '403',
        message: expect.stringContaining('cannot get resource "configmaps"'),
        action: 'get configmaps in namespace kube-system (resourceName eni-config)',
      },
    ]);
  });

  it('records a refused token (401) on every section without crashing', async () => {
    const kube = await start(scenarioFromSnapshot(seed, TARGET));
    const got = await readCluster(kubeConfigFor(kube.server, 'expired-token'), TARGET);
    expect(got.errors.map((e) => [e.section, e.kind, e.code])).toEqual([
      ['nodes', 'permission', '401'],
      ['pods', 'permission', '401'],
      ['networkPolicies', 'permission', '401'],
      ['eniConfigs', 'permission', '401'],
      ['daemonSets', 'permission', '401'],
    ]);
    expect(got.errors.every((e) => e.action?.includes('401'))).toBe(true);
    expect(got.nodes ?? got.pods ?? got.networkPolicies ?? got.eniConfig).toBeUndefined();
  });

  it('classifies 5xx, 429, a hung request and an unreachable server by status and code', async () => {
    const kube = await start(scenarioFromSnapshot(seed, TARGET), { status: { nodes: 503, networkpolicies: 429 }, hang: new Set(['pods']) });
    const got = await readCluster(kubeConfigFor(kube.server), TARGET, { timeoutMs: 300 });
    expect(got.errors.map((e) => [e.source, e.kind, e.code])).toEqual([
      ['kube.list.nodes', 'unavailable', '503'],
      ['kube.list.pods', 'timeout', 'timeout'],
      ['kube.list.networkpolicies', 'throttled', '429'],
      // without the node list, the per-node terway-config ConfigMaps the nodes name are unknown
      ['kube.get.configmaps', 'unavailable', undefined],
    ]);
    expect(got.eniConfig).toEqual(seed.eniConfigs![0]);

    const port = kube.port;
    await kube.close();
    servers.splice(servers.indexOf(kube), 1);
    const down = await readCluster(kubeConfigFor(`http://127.0.0.1:${port}`), TARGET);
    expect(down.errors).toHaveLength(5);
    expect(down.errors.every((e) => e.kind === 'network' && e.code === 'ECONNREFUSED' && e.clusterId === TARGET)).toBe(true);
  });

  it('parses eni-config with the portmap chain, disable_network_policy, trunk, prefix and merged security groups', async () => {
    const scenario = scenarioFromSnapshot(seed, TARGET);
    scenario.configMaps['kube-system/eni-config'] = {
      eni_conf: JSON.stringify({
        version: '1',
        vswitches: { 'cn-hangzhou-h': ['vsw-a', 'vsw-b'], 'cn-hangzhou-i': ['vsw-c'] },
        security_group: 'sg-1',
        security_groups: ['sg-1', 'sg-2'],
        enable_eni_trunking: true,
        enable_ip_prefix: true,
        ip_stack: 'dual',
        access_key: 'AK-never-copied',
        access_secret: 'SECRET-never-copied',
      }),
      '10-terway.conf': JSON.stringify({ cniVersion: '0.4.0', name: 'terway', type: 'terway', eniip_virtual_type: 'IPVlan' }),
      '10-terway.conflist': JSON.stringify({ plugins: [{ type: 'terway' }, { type: 'bandwidth' }, { type: 'portmap', capabilities: { portMappings: true } }] }),
      disable_network_policy: 'true',
    };
    const kube = await start(scenario);
    const got = await readCluster(kubeConfigFor(kube.server), TARGET);
    expect(got.errors).toEqual([]);
    expect(got.eniConfig).toEqual({
      id: 'kube-system/eni-config',
      clusterId: TARGET,
      vswitches: { 'cn-hangzhou-h': ['vsw-a', 'vsw-b'], 'cn-hangzhou-i': ['vsw-c'] },
      securityGroups: ['sg-1', 'sg-2'],
      securityGroupsListed: 2,
      trunk: true,
      prefix: true,
      ipStack: 'dual',
      datapath: 'IPVlan',
      portmapChain: true,
      networkPolicyDisabled: true,
    });
    expect(JSON.stringify(got)).not.toMatch(/never-copied/);
  });

  it('records malformed eni_conf JSON as invalid-response naming the key, and reads the rest', async () => {
    const scenario = scenarioFromSnapshot(seed, TARGET);
    scenario.configMaps['kube-system/eni-config'] = { eni_conf: '{"vswitches": {', disable_network_policy: 'false' };
    const kube = await start(scenario);
    const got = await readCluster(kubeConfigFor(kube.server), TARGET);
    expect(got.eniConfig).toBeUndefined();
    expect(got.pods).toHaveLength(seed.pods!.filter((p) => p.clusterId === TARGET).length);
    expect(got.errors).toEqual([
      {
        source: 'kube.get.configmaps',
        section: 'eniConfigs',
        clusterId: TARGET,
        kind: 'invalid-response',
        message: expect.stringMatching(/^kube-system\/eni-config key eni_conf: not valid JSON/),
      },
    ]);
  });
});

describe('mergeKubeNodes', () => {
  it('reads the kube-system DaemonSets reduced to images and rollout counts, never their env', async () => {
    const kube = await start(scenarioFromSnapshot(seed, TARGET));
    const got = await readCluster(kubeConfigFor(kube.server), TARGET, { pageSize: 1 });
    expect(got.daemonSets).toEqual(byId(seed.daemonSets!.filter((d) => d.clusterId === TARGET)));
    expect(got.daemonSets!.map((d) => d.id)).toContain('kube-system/terway-eniip');
    expect(listCalls(kube, 'daemonsets').map((c) => c.path)).toEqual(Array(got.daemonSets!.length).fill('/apis/apps/v1/namespaces/kube-system/daemonsets'));
    expect(JSON.stringify(got)).not.toContain('fake-secret-never-copied');
  });

  it('reads the per-node terway-config ConfigMaps the nodes name, merged over eni-config (RFC 7396)', async () => {
    const snap = structuredClone(seed);
    snap.nodes = snap.nodes!.map((n) =>
      n.id === 'i-bp1tapp000001' || n.id === 'i-bp1tapp000002' ? { ...n, terwayConfig: 'np-app-own' } : n.id === 'i-bp1tcore00001' ? { ...n, terwayConfig: 'np-missing' } : n,
    );
    const scenario = scenarioFromSnapshot(snap, TARGET);
    scenario.configMaps['kube-system/np-app-own'] = {
      eni_conf: JSON.stringify({ vswitches: { 'cn-hangzhou-h': ['vsw-bp1podh30003'] }, enable_ip_prefix: true, ipv4_prefix_count: 2, security_group: null, security_groups: ['sg-bp1apppods01'] }),
    };
    const kube = await start(scenario);
    const got = await readCluster(kubeConfigFor(kube.server), TARGET);
    expect(got.errors).toEqual([]);
    const base = seed.eniConfigs!.find((e) => e.clusterId === TARGET)!;
    expect(got.eniConfig).toEqual(base);
    expect(got.dynamicEniConfigs).toEqual([
      {
        ...base,
        id: 'kube-system/np-app-own',
        terwayConfig: 'np-app-own',
        // the zone it names is replaced, the other zone is eni-config's
        vswitches: { 'cn-hangzhou-h': ['vsw-bp1podh30003'], 'cn-hangzhou-i': base.vswitches['cn-hangzhou-i'] },
        prefix: true,
        securityGroups: ['sg-bp1apppods01'],
        securityGroupsListed: 1,
      },
    ]);
    // np-missing does not exist: no config for it and no error; the rule terway-config-missing reports those nodes
    const cmCalls = kube.calls.filter((c) => c.resource === 'configmaps').map((c) => [c.path, c.status]);
    expect(cmCalls).toEqual(
      expect.arrayContaining([
        ['/api/v1/namespaces/kube-system/configmaps/np-app-own', 200],
        ['/api/v1/namespaces/kube-system/configmaps/np-missing', 404],
      ]),
    );
    expect(cmCalls).toHaveLength(3);
    expect(got.nodes!.filter((n) => n.terwayConfig).map((n) => [n.name, n.terwayConfig])).toEqual([
      ['cn-hangzhou.10.0.0.121', 'np-app-own'],
      ['cn-hangzhou.10.0.1.121', 'np-app-own'],
      ['cn-hangzhou.10.0.1.131', 'np-missing'],
    ]);
    expect(JSON.stringify(got)).not.toContain('fake-secret-never-copied');
  });

  it('does not read per-node configs on a Flannel cluster, and records a dynamic config that does not parse', async () => {
    const flannel = await start(scenarioWithLabel('x', SOURCE));
    const f = await readCluster(kubeConfigFor(flannel.server), SOURCE);
    expect(f.eniConfig).toBeNull();
    expect(f.dynamicEniConfigs).toBeUndefined();
    expect(flannel.calls.filter((c) => c.resource === 'configmaps')).toHaveLength(1);

    const scenario = scenarioWithLabel('np-broken', TARGET);
    scenario.configMaps['kube-system/np-broken'] = { eni_conf: '{"vswitches": ' };
    const kube = await start(scenario);
    const got = await readCluster(kubeConfigFor(kube.server), TARGET);
    expect(got.dynamicEniConfigs).toEqual([]);
    expect(got.errors).toEqual([
      {
        source: 'kube.get.configmaps',
        section: 'eniConfigs',
        clusterId: TARGET,
        kind: 'invalid-response',
        message: expect.stringMatching(/^kube-system\/np-broken key eni_conf: not valid JSON/),
      },
    ]);
  });

  it('treats a labelled ConfigMap without eni_conf like a missing one: no config, no error', async () => {
    const scenario = scenarioWithLabel('np-empty', TARGET);
    scenario.configMaps['kube-system/np-empty'] = { note: 'eni_conf was forgotten' };
    const kube = await start(scenario);
    const got = await readCluster(kubeConfigFor(kube.server), TARGET);
    expect(got.errors).toEqual([]);
    expect(got.dynamicEniConfigs).toEqual([]);
  });

  it('fills the cloud nodes with what the kubelet reports, matching by instance id, then by name', () => {
    const cloud = seed.nodes!.filter((n) => n.clusterId === SOURCE).map(({ osImage: _o, kernelVersion: _k, allocatablePods: _a, ...n }) => ({ ...n, zoneId: '' }));
    const scenario = scenarioFromSnapshot(seed, SOURCE);
    // What reduceNode makes of the fake's nodes, without a server: the same data the client reads.
    const kube = seed.nodes!
      .filter((n) => n.clusterId === SOURCE)
      .map((n, i) => ({
        clusterId: SOURCE,
        name: n.name,
        ...(i === 0 ? {} : { instanceId: n.id }),
        zoneId: n.zoneId,
        instanceType: n.instanceType,
        privateIp: n.privateIp,
        ...(n.osImage ? { osImage: n.osImage } : {}),
        ...(n.kernelVersion ? { kernelVersion: n.kernelVersion } : {}),
        ...(n.allocatablePods !== undefined ? { allocatablePods: n.allocatablePods } : {}),
      }));
    expect(scenario.nodes).toHaveLength(kube.length);
    const merged = mergeKubeNodes(cloud, [
      ...kube,
      { clusterId: SOURCE, name: 'extra', instanceId: 'i-extra', zoneId: 'cn-hangzhou-h', instanceType: 'ecs.g6.large', privateIp: '10.0.0.99' },
      { clusterId: SOURCE, name: 'virtual-kubelet' },
    ]);
    expect(merged.slice(0, cloud.length)).toEqual(seed.nodes!.filter((n) => n.clusterId === SOURCE));
    expect(merged.slice(cloud.length)).toEqual([
      { id: 'i-extra', clusterId: SOURCE, name: 'extra', zoneId: 'cn-hangzhou-h', instanceType: 'ecs.g6.large', privateIp: '10.0.0.99' },
    ]);
  });
});

describe('a terway-config label naming eni-config itself', () => {
  it('reads nothing more: the default merged over itself is the default', async () => {
    const scenario = scenarioWithLabel('eni-config', TARGET);
    const kube = await start(scenario);
    const got = await readCluster(kubeConfigFor(kube.server), TARGET);
    expect(got.errors).toEqual([]);
    expect(got.dynamicEniConfigs).toEqual([]);
    expect(kube.calls.filter((c) => c.resource === 'configmaps')).toHaveLength(1);
  });
});

describe('a DaemonSet the controller has not reported on yet', () => {
  it('is marked observed: false when it has no status, or an older observedGeneration', async () => {
    const scenario = scenarioFromSnapshot(seed, TARGET);
    const [first, second] = scenario.daemonSets!;
    delete (first as { status?: unknown }).status;
    (second!.metadata as Record<string, unknown>).generation = 3;
    (second!.status as Record<string, unknown>).observedGeneration = 2;
    const kube = await start(scenario);
    const got = await readCluster(kubeConfigFor(kube.server), TARGET);
    expect(got.daemonSets!.map((d) => [d.id, d.observed])).toEqual(
      expect.arrayContaining([
        [`${(first!.metadata as { namespace: string }).namespace}/${(first!.metadata as { name: string }).name}`, false],
        [`${(second!.metadata as { namespace: string }).namespace}/${(second!.metadata as { name: string }).name}`, false],
      ]),
    );
    expect(got.daemonSets!.filter((d) => d.observed === undefined)).toHaveLength(got.daemonSets!.length - 2);
  });
});
