/**
 * Opt-in node inspection (--inspect-nodes) through Cloud Assistant (reference §2.3):
 *   1. DescribeCloudAssistantStatus, InstanceId.N in batches of 50: nodes without a running agent
 *      (or Windows nodes) are per-node gaps and are not run on.
 *   2. RunCommand, InstanceId.N in batches of up to 100: the fixed read-only inventory script
 *      (script.ts), Type RunShellScript, CommandContent base64 + ContentEncoding Base64, RepeatMode
 *      Once, KeepCommand false. Nothing else is ever run on a node.
 *   3. DescribeInvocationResults per InvokeId (MaxResults 50, NextToken), polled with capped
 *      exponential backoff through the injected clock until every node finished or timeoutMs of
 *      waiting passed; Output is base64 (ContentEncoding Base64) and parsed by parse.ts.
 * Failed / timed-out / non-zero invocations are per-node gaps carrying the Cloud Assistant ErrorCode.
 * Every call goes through withRetry (retry.ts) like the rest of the collector.
 */
import * as EcsModels from '@alicloud/ecs20140526';
import type { CollectionError, ErrorKind, HostService } from '../../snapshot/types.js';
import type { AlicloudClients } from '../alicloud/clients.js';
import { classifyError } from '../classify.js';
import { batches } from '../paging.js';
import { ramActionOf } from '../ram-actions.js';
import { DEFAULT_RETRY, withRetry, type Clock, type RetryBudget, type RetryPolicy } from '../retry.js';
import { parseInventory } from './parse.js';
import { inventoryCommandContent } from './script.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- SDK response models, read field by field */
const ecs = EcsModels as any;

/** RAM actions --inspect-nodes needs on top of the read-only set. RunCommand executes on nodes. */
import { NODE_INSPECTION_ACTIONS } from '../ram-actions.js';
export { NODE_INSPECTION_ACTIONS };

export const NODE_INSPECTION_LIMITS = {
  /** DescribeCloudAssistantStatus InstanceId.N per call (its MaxResults maximum). */
  statusBatch: 50,
  /** RunCommand InstanceId.N: 1–100. */
  runBatch: 100,
  /** DescribeInvocationResults MaxResults maximum. */
  resultsPage: 50,
} as const;

/** The name the command runs under in the Cloud Assistant console. */
export const NODE_INVENTORY_COMMAND_NAME = 'terway-lint-node-inventory';

export interface InspectNodesOptions {
  clock: Clock;
  /** First wait between result polls; doubles each round up to maxPollIntervalMs. */
  pollIntervalMs: number;
  /** Total waiting for results (sum of the poll waits); nodes not finished by then are gaps. */
  timeoutMs: number;
  /** Cap of the poll backoff; default 8 × pollIntervalMs. */
  maxPollIntervalMs?: number;
  /** RunCommand Timeout in seconds (the script's run time on the node); default 60. */
  commandTimeoutSeconds?: number;
  retry?: RetryPolicy;
  /** Retries shared by all calls of the inspection; default 50. */
  retryBudget?: number;
  /** Called after every API call. */
  onCall?: (source: string, calls: number) => void;
}

export interface InspectNodesResult {
  hostServices: HostService[];
  errors: CollectionError[];
  /** Instances whose inventory was read completely or in part, sorted. */
  inspected: string[];
}

const TERMINAL = new Set(['Success', 'Failed', 'Error', 'Timeout', 'Cancelled', 'Terminated', 'Invalid', 'Aborted', 'Stopped']);
const TIMEOUT_CODES = new Set(['ExecutionTimeout', 'DeliveryTimeout', 'InstanceNotRunningTimeout']);

const list = <T>(v: T[] | undefined | null): T[] => (Array.isArray(v) ? v : []);
const firstLine = (err: unknown): string => String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 500);

export async function inspectNodes(clients: AlicloudClients, region: string, instanceIds: readonly string[], options: InspectNodesOptions): Promise<InspectNodesResult> {
  const ids = [...new Set(instanceIds)].sort();
  const errors: CollectionError[] = [];
  const hostServices: HostService[] = [];
  const inspected: string[] = [];
  const budget: RetryBudget = { remaining: options.retryBudget ?? 50 };
  const policy = options.retry ?? DEFAULT_RETRY;
  let calls = 0;

  const call = async <T>(source: string, fn: () => Promise<T>): Promise<T> =>
    withRetry(
      async () => {
        calls++;
        options.onCall?.(source, calls);
        return fn();
      },
      policy,
      budget,
      options.clock,
    );

  const nodeGap = (source: string, instanceId: string, kind: ErrorKind, message: string, code?: string) =>
    errors.push({ source, section: 'hostServices', nodeId: instanceId, kind, ...(code ? { code } : {}), message: `node ${instanceId}: ${message}` });

  const callFailed = (source: string, err: unknown, affected: readonly string[], what: string) => {
    const c = classifyError(err);
    const shown = affected.length <= 5 ? affected.join(', ') : `${affected.slice(0, 5).join(', ')} and ${affected.length - 5} more`;
    errors.push({
      source,
      section: 'hostServices',
      kind: c.kind,
      ...(c.code ? { code: c.code } : {}),
      ...(c.requestId ? { requestId: c.requestId } : {}),
      message: `${what} failed for ${affected.length} node(s) (${shown}), not inspected: ${firstLine(err)}`,
      ...(c.kind === 'permission' ? { action: ramActionOf(source) } : {}),
    });
  };

  // 1. Which nodes have a running Cloud Assistant agent.
  const ready: string[] = [];
  const STATUS = 'ecs.DescribeCloudAssistantStatus';
  for (const batch of batches(ids, NODE_INSPECTION_LIMITS.statusBatch)) {
    try {
      const seen = new Map<string, any>();
      let nextToken: string | undefined;
      do {
        const res: any = await call(STATUS, () =>
          clients.ecs.describeCloudAssistantStatus(
            new ecs.DescribeCloudAssistantStatusRequest({ regionId: region, instanceId: batch, ...(nextToken ? { nextToken } : {}) }),
          ),
        );
        for (const s of list<any>(res.body?.instanceCloudAssistantStatusSet?.instanceCloudAssistantStatus)) if (s?.instanceId) seen.set(s.instanceId, s);
        const next = res.body?.nextToken;
        nextToken = typeof next === 'string' && next !== '' && next !== nextToken ? next : undefined;
      } while (nextToken);
      for (const id of batch) {
        const s = seen.get(id);
        if (!s) nodeGap(STATUS, id, 'not-found', 'Cloud Assistant does not know this instance (not in the region, or released); not inspected');
        else if (String(s.cloudAssistantStatus) !== 'true') {
          const hb = typeof s.lastHeartbeatTime === 'string' && s.lastHeartbeatTime ? `, last heartbeat ${s.lastHeartbeatTime}` : '';
          nodeGap(STATUS, id, 'unavailable', `Cloud Assistant agent is not running${hb}; not inspected`, 'ClientNotRunning');
        } else if (typeof s.OSType === 'string' && s.OSType.toLowerCase() === 'windows') {
          nodeGap(STATUS, id, 'invalid-request', 'Windows node: the inventory script is a shell script; not inspected', 'CommandNotApplicable');
        } else ready.push(id);
      }
    } catch (err) {
      callFailed(STATUS, err, batch, 'DescribeCloudAssistantStatus');
    }
  }

  // 2. Run the script, up to 100 nodes a call.
  const RUN = 'ecs.RunCommand';
  const content = inventoryCommandContent();
  const invocations: { invokeId: string; pending: Set<string> }[] = [];
  for (const batch of batches(ready, NODE_INSPECTION_LIMITS.runBatch)) {
    try {
      const res: any = await call(RUN, () =>
        clients.ecs.runCommand(
          new ecs.RunCommandRequest({
            regionId: region,
            type: 'RunShellScript',
            commandContent: content,
            contentEncoding: 'Base64',
            instanceId: batch,
            timeout: options.commandTimeoutSeconds ?? 60,
            repeatMode: 'Once',
            keepCommand: false,
            name: NODE_INVENTORY_COMMAND_NAME,
            description: 'terway-lint --inspect-nodes: read-only inventory of host ports (containers outside Kubernetes, listening sockets)',
          }),
        ),
      );
      const invokeId = res.body?.invokeId;
      if (typeof invokeId !== 'string' || invokeId === '') throw Object.assign(new Error('RunCommand answered without an InvokeId'), { name: 'InvalidResponse' });
      invocations.push({ invokeId, pending: new Set(batch) });
    } catch (err) {
      callFailed(RUN, err, batch, 'RunCommand');
    }
  }

  // 3. Poll results with capped backoff until every node finished or the time is up.
  const RESULTS = 'ecs.DescribeInvocationResults';
  const lastStatus = new Map<string, string>();
  const finish = (inv: { pending: Set<string> }, r: any) => {
    const id: string = r.instanceId;
    inv.pending.delete(id);
    const status = String(r.invocationStatus ?? '');
    const exitCode = typeof r.exitCode === 'number' ? r.exitCode : undefined;
    const output = typeof r.output === 'string' ? Buffer.from(r.output, 'base64').toString('utf8') : '';
    if (status === 'Success' && (exitCode === undefined || exitCode === 0)) {
      const parsed = parseInventory(id, output, typeof r.dropped === 'number' ? r.dropped : 0);
      hostServices.push(...parsed.hostServices);
      inspected.push(id);
      for (const p of parsed.problems) if (p.severity === 'gap') nodeGap(RESULTS, id, 'invalid-response', p.message, 'InventoryIncomplete');
      return;
    }
    const code = (typeof r.errorCode === 'string' && r.errorCode) || (exitCode !== undefined && exitCode !== 0 ? 'ExitCodeNonzero' : status || 'Failed');
    const info = typeof r.errorInfo === 'string' && r.errorInfo ? `: ${r.errorInfo}` : '';
    const exit = exitCode !== undefined && exitCode !== 0 ? `, exit code ${exitCode}` : '';
    const kind: ErrorKind = status === 'Timeout' || TIMEOUT_CODES.has(code) ? 'timeout' : 'unavailable';
    nodeGap(RESULTS, id, kind, `inventory invocation ${status || 'failed'} (${code}${exit})${info}`, code);
  };

  const cap = options.maxPollIntervalMs ?? options.pollIntervalMs * 8;
  let waited = 0;
  for (let round = 0; invocations.some((i) => i.pending.size > 0); round++) {
    const wait = Math.min(cap, options.pollIntervalMs * 2 ** Math.min(round, 30), Math.max(0, options.timeoutMs - waited));
    if (waited >= options.timeoutMs) break;
    await options.clock.sleep(wait);
    waited += wait;
    for (const inv of invocations) {
      if (inv.pending.size === 0) continue;
      try {
        let nextToken: string | undefined;
        do {
          const res: any = await call(RESULTS, () =>
            clients.ecs.describeInvocationResults(
              new ecs.DescribeInvocationResultsRequest({
                regionId: region,
                invokeId: inv.invokeId,
                contentEncoding: 'Base64',
                maxResults: NODE_INSPECTION_LIMITS.resultsPage,
                ...(nextToken ? { nextToken } : {}),
              }),
            ),
          );
          const inv2 = res.body?.invocation;
          for (const r of list<any>(inv2?.invocationResults?.invocationResult)) {
            if (!r?.instanceId || !inv.pending.has(r.instanceId)) continue;
            const status = String(r.invocationStatus ?? '');
            lastStatus.set(r.instanceId, status || String(r.invokeRecordStatus ?? ''));
            const recordDone = r.invokeRecordStatus === 'Finished' || r.invokeRecordStatus === 'Failed' || r.invokeRecordStatus === 'Stopped';
            if (TERMINAL.has(status) || (recordDone && status !== 'Running' && status !== 'Pending')) finish(inv, r);
          }
          const next = inv2?.nextToken;
          nextToken = typeof next === 'string' && next !== '' && next !== nextToken ? next : undefined;
        } while (nextToken);
      } catch (err) {
        callFailed(RESULTS, err, [...inv.pending].sort(), `DescribeInvocationResults (InvokeId ${inv.invokeId})`);
        inv.pending.clear();
      }
    }
  }
  for (const inv of invocations) {
    for (const id of [...inv.pending].sort()) {
      nodeGap(
        RESULTS,
        id,
        'timeout',
        `inventory did not finish within ${Math.round(options.timeoutMs / 1000)} s of waiting (last status ${lastStatus.get(id) || 'unknown'}, InvokeId ${inv.invokeId})`,
        'PollTimeout',
      );
    }
  }

  hostServices.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  errors.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  return { hostServices, errors, inspected: inspected.sort() };
}
