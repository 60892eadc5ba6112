/**
 * The live-collection entry for the CLI: credentials check, real SDK clients, a real clock, and
 * progress. Kept apart from collect.ts so that stays testable with any api.
 */
import { UsageError } from '../errors.js';
import type { Snapshot } from '../snapshot/types.js';
import { alicloudApi } from './alicloud/api.js';
import { createClients, defaultCredential, type Endpoint, type Service } from './alicloud/clients.js';
import { collectSnapshot, type CollectStats } from './collect.js';
import type { ComposeProblem } from './compose/read.js';
import { addWorkloads, type WorkloadOptions } from './workloads.js';
import { inspectNodes } from './node-inventory/index.js';
import { normalizeSnapshot } from '../snapshot/write.js';
import { DEFAULT_RETRY } from './retry.js';

export interface LiveOptions {
  region: string;
  clusterIds: string[];
  sourceClusterId?: string;
  endpoints: Partial<Record<Service, Endpoint>>;
  timeoutMs: number;
  concurrency: number;
  toolVersion: string;
  now: Date;
  onCall?: (source: string, calls: number) => void;
  workloads: WorkloadOptions;
  /** Opt-in: run the fixed read-only inventory script on the nodes through Cloud Assistant. */
  inspectNodes: boolean;
}

const CREDENTIAL_SOURCES =
  'ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET, OIDC (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE), the aliyun CLI profile in ~/.aliyun/config.json (--profile or ALIBABA_CLOUD_PROFILE), ~/.alibabacloud/credentials, and the ECS RAM role';

export async function collectLive(opts: LiveOptions): Promise<{ snapshot: Snapshot; stats: CollectStats; composeProblems: ComposeProblem[] }> {
  const credential = defaultCredential() as { getCredential(): Promise<unknown> };
  try {
    await credential.getCredential();
  } catch {
    // The chain's own message can be long and name files; the sources tried are what helps.
    throw new UsageError(`no Alibaba Cloud credentials found; tried ${CREDENTIAL_SOURCES}. Set one of them, or run 'aliyun configure'`);
  }
  const clients = createClients({ region: opts.region, endpoints: opts.endpoints, timeoutMs: opts.timeoutMs, credential });
  const api = alicloudApi(clients, opts.region);
  const clock = { sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)), random: Math.random };
  const cloud = await collectSnapshot(api, {
    region: opts.region,
    clusterIds: opts.clusterIds,
    ...(opts.sourceClusterId ? { sourceClusterId: opts.sourceClusterId } : {}),
    concurrency: opts.concurrency,
    retry: DEFAULT_RETRY,
    retryBudget: 200,
    clock,
    toolVersion: opts.toolVersion,
    collectedAt: opts.now.toISOString(),
    ...(opts.onCall ? { onCall: opts.onCall } : {}),
  });
  const { snapshot, composeProblems } = await addWorkloads(cloud.snapshot, api, opts.workloads, clock);
  if (!opts.inspectNodes) return { snapshot, stats: cloud.stats, composeProblems };
  const nodes = snapshot.nodes ?? [];
  const inventory = await inspectNodes(clients, opts.region, nodes.map((n) => n.id), { clock, pollIntervalMs: 2000, timeoutMs: 120_000 });
  const clusterOf = new Map(nodes.map((n) => [n.id, n.clusterId]));
  const inspected: Snapshot = {
    ...snapshot,
    hostServices: [...(snapshot.hostServices ?? []), ...inventory.hostServices],
    // A node's gap belongs to its cluster.
    errors: [
      ...snapshot.errors,
      ...inventory.errors.map((e) => {
        const clusterId = e.nodeId ? clusterOf.get(e.nodeId) : undefined;
        return clusterId ? { ...e, clusterId } : e;
      }),
    ],
    meta: { ...snapshot.meta, notRequested: (snapshot.meta.notRequested ?? []).filter((s) => s !== 'hostServices') },
  };
  return { snapshot: normalizeSnapshot(inspected), stats: cloud.stats, composeProblems };
}
