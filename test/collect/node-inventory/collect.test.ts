/**
 * inspectNodes end to end: the real SDK clients (alicloud/clients.ts) against fake-cloud's Cloud
 * Assistant APIs, with a virtual clock (no real waiting).
 */
import Credential, { Config as CredentialConfig } from '@alicloud/credentials';
import { afterEach, describe, expect, it } from 'vitest';
import { createClients } from '../../../src/collect/alicloud/clients.js';
import { inspectNodes, NODE_INSPECTION_ACTIONS, type InspectNodesOptions } from '../../../src/collect/node-inventory/collect.js';
import { INVENTORY_SCRIPT } from '../../../src/collect/node-inventory/script.js';
import type { Clock } from '../../../src/collect/retry.js';
import { emptyScenario, FAKE_ACCESS_KEY_ID, FAKE_ACCESS_KEY_SECRET, type ScenarioCloudAssistant } from '../../fake-cloud/scenario.js';
import { startFakeCloud, type FakeCloud, type FakeCloudOptions } from '../../fake-cloud/server.js';

process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
const REGION = 'cn-hangzhou';

const J = (o: unknown) => JSON.stringify(o);
const OUTPUT = [
  J({ kind: 'begin', v: 1 }),
  J({ kind: 'container', runtime: 'docker', id: 'x1', name: 'shop-redis-1', image: 'redis:7', ports: '0.0.0.0:6379->6379/tcp, :::6379->6379/tcp', pod: '', project: 'shop', service: 'redis' }),
  J({ kind: 'socket', tool: 'ss', line: 'tcp LISTEN 0 4096 0.0.0.0:6379 0.0.0.0:* users:(("docker-proxy",pid=10,fd=4))' }),
  J({ kind: 'socket', tool: 'ss', line: 'tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=12,fd=3))' }),
  J({ kind: 'end' }),
].join('\n');

const started: FakeCloud[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.close()));
});

async function setup(agents: Record<string, ScenarioCloudAssistant>, options: FakeCloudOptions = {}) {
  const scenario = { ...emptyScenario(REGION), cloudAssistant: agents };
  const cloud = await startFakeCloud(scenario, options);
  started.push(cloud);
  const CredentialCtor = ((Credential as unknown as { default?: unknown }).default ?? Credential) as new (c: unknown) => unknown;
  const credential = new CredentialCtor(new CredentialConfig({ type: 'access_key', accessKeyId: FAKE_ACCESS_KEY_ID, accessKeySecret: FAKE_ACCESS_KEY_SECRET }));
  const clients = createClients({ region: REGION, endpoints: { ecs: { host: cloud.endpoint, protocol: 'http' } }, timeoutMs: 10_000, credential });
  const slept: number[] = [];
  const clock: Clock = { sleep: async (ms) => void slept.push(ms), random: () => 0 };
  const opts: InspectNodesOptions = { clock, pollIntervalMs: 1000, timeoutMs: 60_000 };
  return { cloud, clients, slept, opts };
}

const actions = (cloud: FakeCloud) => cloud.calls.map((c) => c.action);

describe('inspectNodes', () => {
  it('runs the fixed script once and turns its output into host services', async () => {
    const { cloud, clients, opts } = await setup({ 'i-a': { running: true, output: OUTPUT } });
    const r = await inspectNodes(clients, REGION, ['i-a'], opts);
    expect(r.errors).toEqual([]);
    expect(r.inspected).toEqual(['i-a']);
    expect(r.hostServices).toEqual([{ id: 'i-a#redis/6379/tcp', source: 'node-inventory', nodeId: 'i-a', service: 'redis', hostIp: '', hostPort: 6379, protocol: 'tcp' }]);
    expect(actions(cloud)).toEqual(['DescribeCloudAssistantStatus', 'RunCommand', 'DescribeInvocationResults']);
    const run = cloud.calls.find((c) => c.action === 'RunCommand')!;
    expect(run.params).toMatchObject({ RegionId: REGION, Type: 'RunShellScript', ContentEncoding: 'Base64', RepeatMode: 'Once', Timeout: '60', 'InstanceId.1': 'i-a' });
    expect(cloud.invocations[0]!.script).toBe(INVENTORY_SCRIPT);
    expect(cloud.calls.find((c) => c.action === 'DescribeInvocationResults')!.params).toMatchObject({ ContentEncoding: 'Base64', MaxResults: '50' });
  });

  it('a node without a running agent, or unknown to Cloud Assistant, is a gap and is not run on', async () => {
    const { cloud, clients, opts } = await setup({ 'i-a': { running: true, output: OUTPUT }, 'i-off': { running: false, lastHeartbeatTime: '2025-01-01T10:00:00Z' } });
    const r = await inspectNodes(clients, REGION, ['i-off', 'i-a', 'i-gone'], opts);
    expect(r.inspected).toEqual(['i-a']);
    expect(r.errors).toEqual([
      {
        source: 'ecs.DescribeCloudAssistantStatus',
        section: 'hostServices',
        kind: 'not-found',
        nodeId: 'i-gone',
        message: 'node i-gone: Cloud Assistant does not know this instance (not in the region, or released); not inspected',
      },
      {
        source: 'ecs.DescribeCloudAssistantStatus',
        section: 'hostServices',
        kind: 'unavailable',
        code: 'ClientNotRunning',
        nodeId: 'i-off',
        message: 'node i-off: Cloud Assistant agent is not running, last heartbeat 2025-01-01T10:00:00Z; not inspected',
      },
    ]);
    expect(cloud.invocations.map((i) => i.instanceIds)).toEqual([['i-a']]);
  });

  it('failed, timed-out and non-zero invocations are per-node gaps with the ErrorCode', async () => {
    const { clients, opts } = await setup({
      'i-a': { running: true, output: OUTPUT },
      'i-f': { running: true, status: 'Failed', exitCode: 2, errorCode: 'ExitCodeNonzero', errorInfo: 'the command exited with 2' },
      'i-t': { running: true, status: 'Timeout', errorCode: 'ExecutionTimeout', errorInfo: 'timed out after 60 s' },
    });
    const r = await inspectNodes(clients, REGION, ['i-a', 'i-f', 'i-t'], opts);
    expect(r.inspected).toEqual(['i-a']);
    expect(r.errors.map((e) => [e.source, e.kind, e.code, e.message])).toEqual([
      ['ecs.DescribeInvocationResults', 'unavailable', 'ExitCodeNonzero', 'node i-f: inventory invocation Failed (ExitCodeNonzero, exit code 2): the command exited with 2'],
      ['ecs.DescribeInvocationResults', 'timeout', 'ExecutionTimeout', 'node i-t: inventory invocation Timeout (ExecutionTimeout): timed out after 60 s'],
    ]);
    expect(r.hostServices).toHaveLength(1);
  });

  it('polls with capped backoff through the clock until every node finished', async () => {
    const { cloud, clients, slept, opts } = await setup({ 'i-a': { running: true, output: OUTPUT, pollsBeforeFinish: 5 }, 'i-b': { running: true, output: OUTPUT, pollsBeforeFinish: 1 } });
    const r = await inspectNodes(clients, REGION, ['i-a', 'i-b'], { ...opts, maxPollIntervalMs: 4000 });
    expect(r.errors).toEqual([]);
    expect(r.inspected).toEqual(['i-a', 'i-b']);
    expect(slept).toEqual([1000, 2000, 4000, 4000, 4000, 4000]);
    expect(actions(cloud).filter((a) => a === 'DescribeInvocationResults')).toHaveLength(6);
  });

  it('nodes still running at the timeout are gaps', async () => {
    const { clients, slept, opts } = await setup({ 'i-a': { running: true, output: OUTPUT, pollsBeforeFinish: 100 } });
    const r = await inspectNodes(clients, REGION, ['i-a'], { ...opts, timeoutMs: 10_000 });
    expect(slept.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(r.hostServices).toEqual([]);
    expect(r.errors).toEqual([
      {
        source: 'ecs.DescribeInvocationResults',
        section: 'hostServices',
        kind: 'timeout',
        code: 'PollTimeout',
        nodeId: 'i-a',
        message: 'node i-a: inventory did not finish within 10 s of waiting (last status Running, InvokeId t-fake000001)',
      },
    ]);
  });

  it('batches: 50 a status call, 100 a RunCommand, results paged by 50', async () => {
    const agents: Record<string, ScenarioCloudAssistant> = {};
    const ids = Array.from({ length: 230 }, (_, i) => `i-n${String(i).padStart(4, '0')}`);
    for (const id of ids) agents[id] = { running: true, output: OUTPUT };
    const { cloud, clients, opts } = await setup(agents);
    const r = await inspectNodes(clients, REGION, ids, opts);
    expect(r.errors).toEqual([]);
    expect(r.inspected).toHaveLength(230);
    expect(r.hostServices).toHaveLength(230);
    expect(cloud.calls.filter((c) => c.action === 'DescribeCloudAssistantStatus')).toHaveLength(5);
    expect(cloud.invocations.map((i) => i.instanceIds.length)).toEqual([100, 100, 30]);
    // 100 results at 50 a page: 2 + 2 + 1 calls.
    expect(cloud.calls.filter((c) => c.action === 'DescribeInvocationResults')).toHaveLength(5);
  });

  it('a refused RunCommand is one gap for its batch, with the RAM action to grant', async () => {
    const { clients, opts } = await setup({ 'i-a': { running: true, output: OUTPUT } }, { failures: { RunCommand: { status: 403, code: 'Forbidden.RAM' } } });
    const r = await inspectNodes(clients, REGION, ['i-a'], opts);
    expect(r.hostServices).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ source: 'ecs.RunCommand', section: 'hostServices', kind: 'permission', code: 'Forbidden.RAM', action: 'ecs:RunCommand' });
    expect(r.errors[0]!.message).toMatch(/^RunCommand failed for 1 node\(s\) \(i-a\), not inspected: /);
    expect(NODE_INSPECTION_ACTIONS).toContain('ecs:RunCommand');
  });

  it('retries a throttled poll and decodes a cut-off output as an incomplete inventory', async () => {
    const cut = OUTPUT.split('\n').slice(0, 3).join('\n');
    const { clients, opts } = await setup({ 'i-a': { running: true, output: cut, dropped: 4096 } }, { failures: { DescribeInvocationResults: { status: 400, code: 'Throttling.User', times: 1 } } });
    const r = await inspectNodes(clients, REGION, ['i-a'], opts);
    expect(r.hostServices.map((s) => s.id)).toEqual(['i-a#redis/6379/tcp']);
    expect(r.errors).toEqual([
      {
        source: 'ecs.DescribeInvocationResults',
        section: 'hostServices',
        kind: 'invalid-response',
        code: 'InventoryIncomplete',
        nodeId: 'i-a',
        message: 'node i-a: the output was cut off by Cloud Assistant (4096 bytes dropped); the inventory is incomplete',
      },
    ]);
  });
});
