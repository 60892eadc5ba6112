/**
 * fake-cloud: an HTTP server on 127.0.0.1 that speaks the wire protocol of the v7 Alibaba Cloud SDKs
 * (reference/alicloud-and-terway.md §2–§4), so the real SDK clients can be tested against it.
 *
 * - One server for all three services. RPC (ECS 2014-05-26, VPC 2016-04-28): `POST /`, parameters
 *   in the query string, the API in header `x-acs-action`, the version in `x-acs-version`. ROA (CS
 *   2015-12-15): routed on method + path.
 * - Authorization: `ACS3-HMAC-SHA256 Credential=<AK>,SignedHeaders=…,Signature=…` must name the
 *   scenario's AccessKey id (404 InvalidAccessKeyId.NotFound, as the real gateway answers); with a
 *   scenario secret the signature is verified (400 SignatureDoesNotMatch).
 * - Real paging with the documented maxima (PAGE_LIMITS): too large a page size is a 400
 *   InvalidParameter `The specified parameter "PageSize" is not valid.`, except DescribeInstances
 *   MaxResults, which the ECS docs say is clamped to 10..100 rather than refused.
 * - Error envelope `{RequestId, HostId, Code, Message, Recommend}`, header `x-acs-request-id`.
 * - Faults: latency, seeded throttling (400 Throttling.User + `x-acs-retry-after` in ms), per-API
 *   failures, malformed bodies, hangs. Every call is logged in `calls`.
 *
 * No SDK import here: the server only knows the wire.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  DETAIL_ONLY_KEYS,
  type FakeCloudScenario,
  type ScenarioCluster,
  type WireClusterNode,
  type WireInstance,
} from './scenario.js';

export type CloudService = 'cs' | 'vpc' | 'ecs';

/** The APIs the fake implements, by service. */
export const FAKE_CLOUD_APIS = {
  cs: ['DescribeClustersV1', 'DescribeClusterDetail', 'ListClusterAddonInstances', 'DescribeClusterNodePools', 'DescribeClusterNodes', 'DescribeClusterUserKubeconfig'],
  vpc: [
    'DescribeVSwitches',
    'DescribeNatGateways',
    'DescribeSnatTableEntries',
    'DescribeRouteTableList',
    'DescribeRouteEntryList',
    'DescribeEipAddresses',
  ],
  ecs: ['DescribeInstances', 'DescribeInstanceTypes', 'DescribeCloudAssistantStatus', 'RunCommand', 'DescribeInvocationResults'],
} as const satisfies Record<CloudService, readonly string[]>;
export type FakeCloudApi = (typeof FAKE_CLOUD_APIS)[CloudService][number];

export const API_VERSIONS: Record<CloudService, string> = { cs: '2015-12-15', vpc: '2016-04-28', ecs: '2014-05-26' };

/** Page-size parameter, default and maximum per paged API (SDK model docs, reference §2). */
export interface PageLimit {
  param: string;
  default: number;
  max: number;
  /** `clamp`: out-of-range values are silently clamped (documented for DescribeInstances MaxResults). */
  overMax: 'reject' | 'clamp';
  /** Paged by NextToken instead of page number. */
  token: boolean;
}

export const PAGE_LIMITS: Record<string, PageLimit> = {
  // The DescribeClustersV1 maximum is not documented (reference §8); 100 is our assumption.
  DescribeClustersV1: { param: 'page_size', default: 10, max: 100, overMax: 'reject', token: false },
  DescribeClusterNodes: { param: 'pageSize', default: 10, max: 100, overMax: 'reject', token: false },
  DescribeVSwitches: { param: 'PageSize', default: 10, max: 50, overMax: 'reject', token: false },
  DescribeNatGateways: { param: 'PageSize', default: 10, max: 50, overMax: 'reject', token: false },
  DescribeSnatTableEntries: { param: 'PageSize', default: 10, max: 50, overMax: 'reject', token: false },
  DescribeRouteTableList: { param: 'PageSize', default: 10, max: 50, overMax: 'reject', token: false },
  DescribeRouteEntryList: { param: 'MaxResult', default: 10, max: 100, overMax: 'reject', token: true },
  DescribeEipAddresses: { param: 'PageSize', default: 10, max: 100, overMax: 'reject', token: false },
  DescribeInstances: { param: 'MaxResults', default: 10, max: 100, overMax: 'clamp', token: true },
  DescribeInstanceTypes: { param: 'MaxResults', default: 1600, max: 1600, overMax: 'reject', token: true },
  DescribeInvocationResults: { param: 'MaxResults', default: 10, max: 50, overMax: 'reject', token: true },
};

/** Legacy page-number paging of DescribeInstances ("about to be deprecated"): PageSize 1..100. */
export const DESCRIBE_INSTANCES_PAGE_SIZE_MAX = 100;

const DESCRIBE_INSTANCES_LEGACY_LIMIT: PageLimit = { param: 'PageSize', default: 10, max: DESCRIBE_INSTANCES_PAGE_SIZE_MAX, overMax: 'reject', token: false };

/** Id batches per call. */
export const BATCH_LIMITS = {
  /** DescribeInstances `InstanceIds`: a JSON-array string of up to 100 ids. */
  DescribeInstances: 100,
  /** DescribeInstanceTypes `InstanceTypes.N`: 1..10. */
  DescribeInstanceTypes: 10,
  /** DescribeCloudAssistantStatus `InstanceId.N`: up to 50 (its MaxResults maximum). */
  DescribeCloudAssistantStatus: 50,
  /** RunCommand `InstanceId.N`: 1..100. */
  RunCommand: 100,
} as const;

/** RunCommand `CommandContent`: at most 24 KB after base64 (reference §2.3). */
export const RUN_COMMAND_CONTENT_MAX = 24 * 1024;

/** One RunCommand the fake accepted. */
export interface FakeInvocation {
  invokeId: string;
  commandId: string;
  instanceIds: string[];
  /** The script, decoded when ContentEncoding was Base64. */
  script: string;
  params: Record<string, string>;
  /** DescribeInvocationResults calls answered so far for this invocation. */
  polls: number;
}

export interface CallRecord {
  /** 1-based arrival order. */
  seq: number;
  service: CloudService | 'unknown';
  /** The API name (for CS resolved from the route), or the x-acs-action header when unknown. */
  action: string;
  method: string;
  /** The raw path, e.g. /clusters/c-1/nodes or / for RPC. */
  path: string;
  /** ROA route template, e.g. `GET /clusters/{ClusterId}/nodes`. */
  route?: string;
  /** ROA path parameters, e.g. { ClusterId: 'c-1' }. */
  pathParams: Record<string, string>;
  /** Decoded query (and form body) parameters. */
  params: Record<string, string>;
  /** The page asked for: page number, or the NextToken ('' on the first call). */
  page?: number | string;
  /** The page size asked for (after defaults). */
  pageSize?: number;
  accessKeyId?: string;
  /** `x-acs-retry-attempts` sent by the SDK's own retry, when any. */
  retryAttempt?: number;
  requestId: string;
  /** 0 while the call is in flight. */
  status: number;
  /** Error code for 4xx/5xx answers. */
  code?: string;
  outcome: 'pending' | 'ok' | 'error' | 'throttled' | 'malformed';
  /** How many calls (this one included) were in flight when it arrived. */
  inFlightAtArrival: number;
}

/** What a failure predicate sees. */
export interface CallInfo {
  action: string;
  service: CloudService;
  params: Record<string, string>;
  pathParams: Record<string, string>;
}

export interface FailureSpec {
  status: number;
  code: string;
  message?: string;
  /** Fail only the first N matching calls; unlimited when absent. */
  times?: number;
  /** Fail only the calls this returns true for (e.g. one SNAT table). */
  when?: (call: CallInfo) => boolean;
}

export type MalformedKind = 'not-json' | 'wrong-shape';

export interface FakeCloudOptions {
  /** Delay before every answer (errors included). */
  latencyMs?: number;
  /** Answer a seeded fraction of calls with 400 Throttling.User. */
  throttle?: {
    /** 0..1 */
    rate: number;
    seed?: number;
    /** `x-acs-retry-after`, in milliseconds. Default 20. */
    retryAfterMs?: number;
    /** Only these APIs; all when absent. */
    actions?: string[];
    /** Error code; default Throttling.User. */
    code?: string;
    /** HTTP status; default 400. */
    status?: number;
  };
  /** Per-API failures, keyed by API name (DescribeSnatTableEntries) or ROA route template (GET /clusters/{ClusterId}/nodes). */
  failures?: Record<string, FailureSpec>;
  /** Per-API malformed 200 answers: `true`/`not-json` = a body that is not JSON; `wrong-shape` = an object where the SDK model wants an array. */
  malformed?: Record<string, true | MalformedKind>;
  /** Per-API extra delay in ms before answering (use a value above the client's read timeout). */
  hang?: Record<string, number>;
  /** Override page maxima, e.g. { DescribeClustersV1: 20 }. */
  pageMax?: Partial<Record<string, number>>;
  /** Error body style for CS (ROA) service errors; `lowercase` = {code, message, requestId}. Default `pascal`. */
  roaErrorStyle?: 'pascal' | 'lowercase';
}

export interface FakeCloud {
  port: number;
  /** "127.0.0.1:PORT", for `Config.endpoint` with `protocol: 'http'`. */
  endpoint: string;
  calls: CallRecord[];
  /** RunCommand invocations, in order. */
  invocations: FakeInvocation[];
  /** Calls in flight now, and the most ever in flight at once. */
  stats(): { inFlight: number; maxInFlight: number };
  close(): Promise<void>;
}

class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

function invalidParameter(name: string): ApiError {
  return new ApiError(400, 'InvalidParameter', `The specified parameter "${name}" is not valid.`);
}

function missingParameter(name: string): ApiError {
  return new ApiError(400, name === 'RegionId' ? 'MissingRegionId' : `Missing${name}`, `${name} is mandatory for this action.`);
}

interface Resolved {
  service: CloudService;
  action: string;
  route?: string;
  pathParams: Record<string, string>;
}

const ROA_ROUTES: { route: string; pattern: RegExp; action: string; keys: string[] }[] = [
  { route: 'GET /api/v1/clusters', pattern: /^\/api\/v1\/clusters\/?$/, action: 'DescribeClustersV1', keys: [] },
  { route: 'GET /clusters/{ClusterId}', pattern: /^\/clusters\/([^/]+)\/?$/, action: 'DescribeClusterDetail', keys: ['ClusterId'] },
  {
    route: 'GET /clusters/{ClusterId}/addon_instances',
    pattern: /^\/clusters\/([^/]+)\/addon_instances\/?$/,
    action: 'ListClusterAddonInstances',
    keys: ['ClusterId'],
  },
  {
    route: 'GET /clusters/{ClusterId}/nodepools',
    pattern: /^\/clusters\/([^/]+)\/nodepools\/?$/,
    action: 'DescribeClusterNodePools',
    keys: ['ClusterId'],
  },
  { route: 'GET /clusters/{ClusterId}/nodes', pattern: /^\/clusters\/([^/]+)\/nodes\/?$/, action: 'DescribeClusterNodes', keys: ['ClusterId'] },
  {
    route: 'GET /k8s/{ClusterId}/user_config',
    pattern: /^\/k8s\/([^/]+)\/user_config\/?$/,
    action: 'DescribeClusterUserKubeconfig',
    keys: ['ClusterId'],
  },
];

const HOSTS: Record<CloudService, (region: string) => string> = {
  cs: (r) => `cs.${r}.aliyuncs.com`,
  vpc: (r) => `vpc.${r}.aliyuncs.com`,
  ecs: (r) => `ecs.${r}.aliyuncs.com`,
};
const PRODUCT: Record<CloudService, string> = { cs: 'CS', vpc: 'Vpc', ecs: 'Ecs' };

/** mulberry32: small, seeded, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The SDK's query encoding for signing (openapi-core `encode`). */
function encodeRfc3986(s: string): string {
  return encodeURIComponent(s)
    .replace(/!/g, '%21')
    .replace(/'/g, '%27')
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\*/g, '%2A');
}

const AUTH_RE = /^ACS3-HMAC-SHA256 Credential=([^,]*),SignedHeaders=([^,]*),Signature=([0-9a-f]+)$/;

function verifySignature(req: IncomingMessage, rawPath: string, query: Record<string, string>, secret: string): boolean {
  const m = AUTH_RE.exec(String(req.headers.authorization ?? ''));
  if (!m) return false;
  const signed = m[2]!.split(';');
  const canonicalHeaders = signed.map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`).join('');
  const canonicalQuery = Object.keys(query)
    .sort()
    .map((k) => `${k}=${encodeRfc3986(query[k]!)}`)
    .join('&');
  const canonicalUri = rawPath.replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~');
  const payloadHash = String(req.headers['x-acs-content-sha256'] ?? '');
  const canonicalRequest = [req.method, canonicalUri, canonicalQuery, canonicalHeaders, signed.join(';'), payloadHash].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
  const expected = createHmac('sha256', secret).update(stringToSign).digest('hex');
  return expected === m[3];
}

function requestIdFor(seq: number): string {
  const hex = seq.toString(16).toUpperCase().padStart(12, '0');
  return `FA4EC10D-0000-4000-8000-${hex}`;
}

function delay(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    timers.add(t);
  });
}

/** Replaces the first array found (breadth-first) with an object, so the SDK cast throws `type of X is mismatch`. */
function breakShape(body: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const queue: Record<string, unknown>[] = [copy];
  while (queue.length) {
    const o = queue.shift()!;
    for (const [k, v] of Object.entries(o)) {
      if (Array.isArray(v)) {
        o[k] = { broken: v.length };
        return copy;
      }
      if (v && typeof v === 'object') queue.push(v as Record<string, unknown>);
    }
  }
  return { unexpected: copy };
}

/** Parses a positive integer parameter; absent → undefined. */
function intParam(params: Record<string, string>, name: string): number | undefined {
  const raw = params[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw invalidParameter(name);
  return Number(raw);
}

function encodeToken(action: string, offset: number): string {
  return Buffer.from(`${action}:${offset}`).toString('base64url');
}

function decodeToken(action: string, token: string, paramName = 'NextToken'): number {
  const text = Buffer.from(token, 'base64url').toString();
  const m = /^([A-Za-z0-9]+):(\d+)$/.exec(text);
  if (!m || m[1] !== action) throw invalidParameter(paramName);
  return Number(m[2]);
}

function csv(v: string | undefined): string[] | undefined {
  if (v === undefined || v === '') return undefined;
  return v.split(',').map((x) => x.trim()).filter(Boolean);
}

/** Flattened RPC list parameters: `InstanceTypes.1`, `InstanceTypes.2`, … */
function indexedList(params: Record<string, string>, prefix: string): string[] {
  const out: [number, string][] = [];
  for (const [k, v] of Object.entries(params)) {
    const m = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)$`).exec(k);
    if (m) out.push([Number(m[1]), v]);
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

interface Page<T> {
  items: T[];
  pageNumber: number;
  pageSize: number;
  total: number;
}

/** Where an RPC list keeps its items: `['VSwitches', 'VSwitch']` → `VSwitches: { VSwitch: [...] }`. */
type Wrapper = readonly [outer: string, inner: string];

function wrap<T>([outer, inner]: Wrapper, items: T[]): Record<string, Record<string, T[]>> {
  return { [outer]: { [inner]: items } };
}

/** How a ROA list names its items, its page object and its page-number parameter. */
interface RoaKeys {
  list: string;
  page: string;
  numberParam: string;
}

interface Handled {
  body: unknown;
  page?: number | string;
  pageSize?: number;
}

export async function startFakeCloud(scenario: FakeCloudScenario, options: FakeCloudOptions = {}): Promise<FakeCloud> {
  const calls: CallRecord[] = [];
  const invocations: FakeInvocation[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const failureCounts = new Map<string, number>();
  const throttleRng = prng(options.throttle?.seed ?? 1);
  let seq = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let closed = false;

  const limitOf = (action: string): PageLimit => {
    const base = PAGE_LIMITS[action]!;
    const max = options.pageMax?.[action];
    return max === undefined ? base : { ...base, max };
  };

  function pageNumbered<T>(limit: PageLimit, items: T[], params: Record<string, string>, numberParam: string): Page<T> {
    const pageNumber = intParam(params, numberParam) ?? 1;
    if (pageNumber < 1) throw invalidParameter(numberParam);
    let pageSize = intParam(params, limit.param) ?? limit.default;
    if (pageSize < 1) throw invalidParameter(limit.param);
    if (pageSize > limit.max) {
      if (limit.overMax === 'reject') throw invalidParameter(limit.param);
      pageSize = limit.max;
    }
    const start = (pageNumber - 1) * pageSize;
    return { items: items.slice(start, start + pageSize), pageNumber, pageSize, total: items.length };
  }

  function pageTokened<T>(
    action: string,
    items: T[],
    params: Record<string, string>,
  ): { items: T[]; nextToken: string; pageSize: number; token: string } {
    const limit = limitOf(action);
    const token = params.NextToken ?? '';
    const offset = token === '' ? 0 : decodeToken(action, token);
    let pageSize = intParam(params, limit.param) ?? limit.default;
    if (limit.overMax === 'clamp') {
      // ECS DescribeInstances: "less than 10 → 10; greater than 100 → 100".
      pageSize = Math.min(limit.max, Math.max(limit.default, pageSize));
    } else {
      if (pageSize < 1 || pageSize > limit.max) throw invalidParameter(limit.param);
    }
    const slice = items.slice(offset, offset + pageSize);
    const next = offset + pageSize < items.length ? encodeToken(action, offset + pageSize) : '';
    return { items: slice, nextToken: next, pageSize, token };
  }

  /** RPC PageNumber/PageSize list: `{RequestId, TotalCount, PageNumber, PageSize, <Outer>: {<Inner>: [...]}}`. */
  function numberedList<T>(action: string, list: T[], params: Record<string, string>, requestId: string, wrapper: Wrapper, limit = limitOf(action)): Handled {
    const p = pageNumbered(limit, list, params, 'PageNumber');
    return {
      body: { RequestId: requestId, TotalCount: p.total, PageNumber: p.pageNumber, PageSize: p.pageSize, ...wrap(wrapper, p.items) },
      page: p.pageNumber,
      pageSize: p.pageSize,
    };
  }

  /** RPC NextToken/MaxResults list: `{RequestId, NextToken, TotalCount, <Outer>: {<Inner>: [...]}}`, TotalCount only where the API has one. */
  function tokenedList<T>(action: string, list: T[], params: Record<string, string>, requestId: string, wrapper: Wrapper, withTotal = true): Handled {
    const p = pageTokened(action, list, params);
    return {
      body: { RequestId: requestId, NextToken: p.nextToken, ...(withTotal ? { TotalCount: list.length } : {}), ...wrap(wrapper, p.items) },
      page: p.token,
      pageSize: p.pageSize,
    };
  }

  /** ROA list: `{<list>: [...], <page>: {page_number, page_size, total_count}}`. */
  function roaList<T>(action: string, list: T[], params: Record<string, string>, keys: RoaKeys): Handled {
    const p = pageNumbered(limitOf(action), list, params, keys.numberParam);
    return {
      body: { [keys.list]: p.items, [keys.page]: { page_number: p.pageNumber, page_size: p.pageSize, total_count: p.total } },
      page: p.pageNumber,
      pageSize: p.pageSize,
    };
  }

  function requireRegion(params: Record<string, string>): boolean {
    const region = params.RegionId;
    if (region === undefined || region === '') throw missingParameter('RegionId');
    return region === scenario.regionId;
  }

  function clusterOr404(id: string): ScenarioCluster {
    const c = scenario.clusters.find((x) => x.detail.cluster_id === id);
    if (!c) throw new ApiError(404, 'ErrorClusterNotFound', `The specified cluster ${id} does not exist.`);
    return c;
  }

  function eq(value: string | undefined, actual: string | undefined): boolean {
    return value === undefined || value === '' || value === actual;
  }

  /** Every filter parameter named matches its field: `{ VpcId: v.VpcId, EipAddress: e.IpAddress }`. */
  function matches(params: Record<string, string>, fields: Record<string, string | undefined>): boolean {
    return Object.entries(fields).every(([name, actual]) => eq(params[name], actual));
  }

  /** A regional list: the items kept, or none when RegionId names another region. */
  function inRegion<T>(params: Record<string, string>, items: T[], keep: (item: T) => boolean): T[] {
    return requireRegion(params) ? items.filter(keep) : [];
  }

  const handlers: Record<string, (params: Record<string, string>, pathParams: Record<string, string>, requestId: string) => Handled> = {
    // ------------------------------------------------------------------ CS (ROA)
    DescribeClustersV1(params) {
      const list = scenario.clusters
        .map((c) => c.detail)
        .filter((d) =>
          matches(params, { cluster_id: d.cluster_id, name: d.name, cluster_type: d.cluster_type, cluster_spec: d.cluster_spec, profile: d.profile, region_id: d.region_id }),
        )
        .map((d) => {
          const item = structuredClone(d) as unknown as Record<string, unknown>;
          for (const k of DETAIL_ONLY_KEYS) delete item[k];
          return item;
        });
      return roaList('DescribeClustersV1', list, params, { list: 'clusters', page: 'page_info', numberParam: 'page_number' });
    },
    DescribeClusterDetail(_params, pathParams) {
      return { body: clusterOr404(pathParams.ClusterId!).detail };
    },
    DescribeClusterUserKubeconfig(_params, pathParams) {
      const c = clusterOr404(pathParams.ClusterId!);
      // A scenario without a kubeconfig for the cluster answers like a cluster whose API is not reachable.
      if (!c.kubeconfig) throw new ApiError(400, 'ErrorQueryKubeConfig', 'kubeconfig is not available for this cluster');
      return { body: { config: c.kubeconfig, expiration: '2099-01-01T00:00:00Z' } };
    },
    ListClusterAddonInstances(_params, pathParams) {
      return { body: { addons: clusterOr404(pathParams.ClusterId!).addons } };
    },
    DescribeClusterNodePools(params, pathParams) {
      const pools = clusterOr404(pathParams.ClusterId!).nodePools.filter((p) => eq(params.NodepoolName, p.nodepool_info.name));
      return { body: { nodepools: pools } };
    },
    DescribeClusterNodes(params, pathParams) {
      const c = clusterOr404(pathParams.ClusterId!);
      const ids = csv(params.instanceIds);
      const names = csv(params.nodeNames);
      const ips = csv(params.nodeIps);
      const state = params.state && params.state !== 'all' ? params.state : undefined;
      const nodes = c.nodes.filter(
        (n: WireClusterNode) =>
          eq(params.nodepool_id, n.nodepool_id) &&
          (!ids || ids.includes(n.instance_id)) &&
          (!names || names.includes(n.node_name)) &&
          (!ips || n.ip_address.some((ip) => ips.includes(ip))) &&
          (!state || n.state === state),
      );
      return roaList('DescribeClusterNodes', nodes, params, { list: 'nodes', page: 'page', numberParam: 'pageNumber' });
    },

    // ------------------------------------------------------------------ VPC (RPC)
    DescribeVSwitches(params, _pp, requestId) {
      const list = inRegion(
        params,
        scenario.vswitches,
        (v) =>
          matches(params, { VpcId: v.VpcId, VSwitchId: v.VSwitchId, ZoneId: v.ZoneId, VSwitchName: v.VSwitchName, RouteTableId: v.RouteTable?.RouteTableId }) &&
          (params.IsDefault === undefined || params.IsDefault === String(v.IsDefault ?? false)),
      );
      return numberedList('DescribeVSwitches', list, params, requestId, ['VSwitches', 'VSwitch']);
    },
    DescribeNatGateways(params, _pp, requestId) {
      const list = inRegion(params, scenario.natGateways, (g) =>
        matches(params, { VpcId: g.VpcId, NatGatewayId: g.NatGatewayId, NatType: g.NatType, NetworkType: g.NetworkType, Status: g.Status, Name: g.Name }),
      );
      return numberedList('DescribeNatGateways', list, params, requestId, ['NatGateways', 'NatGateway']);
    },
    DescribeSnatTableEntries(params, _pp, requestId) {
      const list = inRegion(params, scenario.snatEntries, (e) =>
        matches(params, { SnatTableId: e.SnatTableId, NatGatewayId: e.NatGatewayId, SnatEntryId: e.SnatEntryId, SourceVSwitchId: e.SourceVSwitchId, SourceCIDR: e.SourceCIDR, SnatIp: e.SnatIp, SnatEntryName: e.SnatEntryName }),
      );
      if (!params.SnatTableId && !params.NatGatewayId) throw missingParameter('SnatTableId');
      return numberedList('DescribeSnatTableEntries', list, params, requestId, ['SnatTableEntries', 'SnatTableEntry']);
    },
    DescribeRouteTableList(params, _pp, requestId) {
      const list = inRegion(params, scenario.routeTables, (t) =>
        matches(params, { VpcId: t.VpcId, RouteTableId: t.RouteTableId, RouteTableType: t.RouteTableType, RouterId: t.RouterId, RouterType: t.RouterType, RouteTableName: t.RouteTableName }),
      );
      return numberedList('DescribeRouteTableList', list, params, requestId, ['RouterTableList', 'RouterTableListType']);
    },
    DescribeRouteEntryList(params, _pp, requestId) {
      const list = inRegion(
        params,
        scenario.routeEntries,
        (e) =>
          e.RouteTableId === params.RouteTableId &&
          matches(params, { RouteEntryId: e.RouteEntryId, RouteEntryType: e.Type, DestinationCidrBlock: e.DestinationCidrBlock, IpVersion: e.IpVersion }) &&
          (params.NextHopType === undefined || e.NextHops.NextHop.some((h) => h.NextHopType === params.NextHopType)) &&
          (params.NextHopId === undefined || e.NextHops.NextHop.some((h) => h.NextHopId === params.NextHopId)),
      );
      if (!params.RouteTableId) throw missingParameter('RouteTableId');
      return tokenedList('DescribeRouteEntryList', list, params, requestId, ['RouteEntrys', 'RouteEntry']);
    },
    DescribeEipAddresses(params, _pp, requestId) {
      const list = inRegion(params, scenario.eips, (e) =>
        matches(params, { AllocationId: e.AllocationId, EipAddress: e.IpAddress, AssociatedInstanceType: e.InstanceType, AssociatedInstanceId: e.InstanceId, Status: e.Status, EipName: e.Name }),
      );
      return numberedList('DescribeEipAddresses', list, params, requestId, ['EipAddresses', 'EipAddress']);
    },

    // ------------------------------------------------------------------ ECS (RPC)
    DescribeInstances(params, _pp, requestId) {
      const here = requireRegion(params);
      let ids: string[] | undefined;
      if (params.InstanceIds !== undefined && params.InstanceIds !== '') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(params.InstanceIds);
        } catch {
          throw new ApiError(400, 'InvalidInstanceIds.Malformed', 'The specified parameter "InstanceIds" is not valid.');
        }
        if (!Array.isArray(parsed) || parsed.some((x) => typeof x !== 'string')) {
          throw new ApiError(400, 'InvalidInstanceIds.Malformed', 'The specified parameter "InstanceIds" is not valid.');
        }
        if (parsed.length > BATCH_LIMITS.DescribeInstances) throw invalidParameter('InstanceIds');
        ids = parsed as string[];
      }
      const list = here
        ? scenario.instances.filter(
            (i: WireInstance) =>
              (!ids || ids.includes(i.InstanceId)) &&
              matches(params, { VpcId: i.VpcAttributes.VpcId, VSwitchId: i.VpcAttributes.VSwitchId, ZoneId: i.ZoneId, InstanceType: i.InstanceType, InstanceTypeFamily: i.InstanceTypeFamily, Status: i.Status }),
          )
        : [];
      // NextToken + MaxResults unless the caller uses only the legacy PageNumber/PageSize.
      const legacy =
        params.NextToken === undefined && params.MaxResults === undefined && (params.PageNumber !== undefined || params.PageSize !== undefined);
      if (!legacy) return tokenedList('DescribeInstances', list, params, requestId, ['Instances', 'Instance']);
      // Both are parsed before either is range-checked: PageNumber=0 with a malformed PageSize names PageSize.
      intParam(params, 'PageNumber');
      intParam(params, 'PageSize');
      return numberedList('DescribeInstances', list, params, requestId, ['Instances', 'Instance'], DESCRIBE_INSTANCES_LEGACY_LIMIT);
    },
    DescribeInstanceTypes(params, _pp, requestId) {
      const wanted = indexedList(params, 'InstanceTypes');
      if (wanted.length > BATCH_LIMITS.DescribeInstanceTypes) throw invalidParameter('InstanceTypes');
      const families = indexedList(params, 'InstanceTypeFamilies');
      const list = scenario.instanceTypes.filter(
        (t) =>
          (wanted.length === 0 || wanted.includes(t.InstanceTypeId)) &&
          eq(params.InstanceTypeFamily, t.InstanceTypeFamily) &&
          (families.length === 0 || families.includes(t.InstanceTypeFamily ?? '')),
      );
      return tokenedList('DescribeInstanceTypes', list, params, requestId, ['InstanceTypes', 'InstanceType'], false);
    },

    // ------------------------------------------------------------------ ECS Cloud Assistant (RPC)
    DescribeCloudAssistantStatus(params, _pp, requestId) {
      const here = requireRegion(params);
      const wanted = indexedList(params, 'InstanceId');
      if (wanted.length > BATCH_LIMITS.DescribeCloudAssistantStatus) throw invalidParameter('InstanceId');
      const agents = here ? (scenario.cloudAssistant ?? {}) : {};
      const ids = (wanted.length > 0 ? wanted : Object.keys(agents).sort()).filter((id) => agents[id] !== undefined);
      const set = ids.map((id) => {
        const a = agents[id]!;
        return {
          InstanceId: id,
          CloudAssistantStatus: a.running ? 'true' : 'false',
          CloudAssistantVersion: '2.2.3.857',
          OSType: a.osType ?? 'Linux',
          LastHeartbeatTime: a.lastHeartbeatTime ?? '2025-01-01T00:00:00Z',
          SupportSessionManager: true,
          ActiveTaskCount: 0,
          InvocationCount: 0,
        };
      });
      return {
        body: { RequestId: requestId, TotalCount: set.length, PageNumber: 1, PageSize: set.length, NextToken: '', InstanceCloudAssistantStatusSet: { InstanceCloudAssistantStatus: set } },
      };
    },
    RunCommand(params, _pp, requestId) {
      requireRegion(params);
      if (!params.Type) throw missingParameter('Type');
      if (params.CommandContent === undefined || params.CommandContent === '') throw missingParameter('CommandContent');
      const ids = indexedList(params, 'InstanceId');
      if (ids.length < 1 || ids.length > BATCH_LIMITS.RunCommand) throw invalidParameter('InstanceId');
      if (!['RunShellScript', 'RunBatScript', 'RunPowerShellScript'].includes(params.Type)) throw invalidParameter('Type');
      const encoding = params.ContentEncoding ?? 'PlainText';
      let script = params.CommandContent;
      if (encoding === 'Base64') {
        if (params.CommandContent.length > RUN_COMMAND_CONTENT_MAX) throw new ApiError(400, 'InvalidCmdContent.Length', 'The CommandContent exceeds 24 KB after base64 encoding.');
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(params.CommandContent)) throw new ApiError(400, 'InvalidParameter.CommandContent', 'The CommandContent is not valid base64.');
        script = Buffer.from(params.CommandContent, 'base64').toString('utf8');
      } else if (encoding !== 'PlainText') {
        throw invalidParameter('ContentEncoding');
      }
      const n = invocations.length + 1;
      const inv: FakeInvocation = { invokeId: `t-fake${String(n).padStart(6, '0')}`, commandId: `c-fake${String(n).padStart(6, '0')}`, instanceIds: ids, script, params, polls: 0 };
      invocations.push(inv);
      return { body: { RequestId: requestId, CommandId: inv.commandId, InvokeId: inv.invokeId } };
    },
    DescribeInvocationResults(params, _pp, requestId) {
      requireRegion(params);
      const inv = invocations.find((i) => i.invokeId === params.InvokeId);
      if (params.InvokeId && !inv) throw new ApiError(404, 'InvalidInvokeId.NotFound', 'The specified InvokeId does not exist.');
      const encoding = params.ContentEncoding ?? 'Base64';
      if (encoding !== 'Base64' && encoding !== 'PlainText') throw invalidParameter('ContentEncoding');
      const all = inv ? [inv] : invocations;
      // A poll is the first page of a round; later pages of the same round do not advance time.
      if (inv && (params.NextToken ?? '') === '') inv.polls += 1;
      const results = all.flatMap((i) =>
        i.instanceIds
          .filter((id) => eq(params.InstanceId, id))
          .map((id) => {
            const a = scenario.cloudAssistant?.[id];
            const done = a !== undefined && i.polls > (a.pollsBeforeFinish ?? 0);
            const base = { InstanceId: id, InvokeId: i.invokeId, CommandId: i.commandId, StartTime: '2025-01-01T00:00:00Z' };
            if (!a || !a.running) {
              return { ...base, InvocationStatus: 'Failed', InvokeRecordStatus: 'Finished', ErrorCode: a ? 'ClientNotRunning' : 'InstanceNotExists', ErrorInfo: 'the Cloud Assistant agent is not running', Output: '', Dropped: 0 };
            }
            if (!done) return { ...base, InvocationStatus: 'Running', InvokeRecordStatus: 'Running', Output: '', Dropped: 0 };
            const status = a.status ?? 'Success';
            const text = a.output ?? '';
            const output = encoding === 'Base64' ? Buffer.from(text, 'utf8').toString('base64') : text;
            return {
              ...base,
              InvocationStatus: status,
              InvokeRecordStatus: 'Finished',
              ...(a.exitCode !== undefined ? { ExitCode: a.exitCode } : status === 'Success' ? { ExitCode: 0 } : {}),
              ...(a.errorCode ? { ErrorCode: a.errorCode } : {}),
              ...(a.errorInfo ? { ErrorInfo: a.errorInfo } : {}),
              Output: output,
              Dropped: a.dropped ?? 0,
              FinishedTime: '2025-01-01T00:00:05Z',
            };
          }),
      );
      const p = pageTokened('DescribeInvocationResults', results, params);
      return {
        body: {
          RequestId: requestId,
          Invocation: { TotalCount: results.length, PageSize: p.pageSize, NextToken: p.nextToken, InvocationResults: { InvocationResult: p.items } },
        },
        page: p.token,
        pageSize: p.pageSize,
      };
    },
  };

  function resolve(req: IncomingMessage, rawPath: string): Resolved | ApiError {
    const method = req.method ?? 'GET';
    const action = String(req.headers['x-acs-action'] ?? '');
    const version = String(req.headers['x-acs-version'] ?? '');
    if (method === 'POST' && (rawPath === '/' || rawPath === '')) {
      const service = (Object.keys(API_VERSIONS) as CloudService[]).find((s) => s !== 'cs' && API_VERSIONS[s] === version);
      if (!action) return new ApiError(400, 'MissingAction', 'Action is mandatory for this request.');
      if (!service) return new ApiError(400, 'InvalidVersion', `Specified parameter Version is not valid: "${version}".`);
      if (!(FAKE_CLOUD_APIS[service] as readonly string[]).includes(action)) {
        return new ApiError(404, 'InvalidAction.NotFound', `Specified api "${action}" is not found, please check your url and method.`);
      }
      return { service, action, pathParams: {} };
    }
    for (const r of ROA_ROUTES) {
      const m = r.pattern.exec(rawPath);
      if (!m) continue;
      if (method !== 'GET') {
        return new ApiError(404, 'InvalidAction.NotFound', `Specified api is not found, please check your url and method: ${method} ${rawPath}.`);
      }
      if (version !== API_VERSIONS.cs) return new ApiError(400, 'InvalidVersion', `Specified parameter Version is not valid: "${version}".`);
      const pathParams: Record<string, string> = {};
      r.keys.forEach((k, i) => (pathParams[k] = decodeURIComponent(m[i + 1]!)));
      return { service: 'cs', action: r.action, route: r.route, pathParams };
    }
    return new ApiError(404, 'InvalidAction.NotFound', `Specified api is not found, please check your url and method: ${method} ${rawPath}.`);
  }

  function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  }

  function errorBody(service: CloudService | 'unknown', err: ApiError, requestId: string): string {
    const svc: CloudService = service === 'unknown' ? 'ecs' : service;
    if (svc === 'cs' && options.roaErrorStyle === 'lowercase') {
      return JSON.stringify({ code: err.code, message: err.message, requestId, status: err.status });
    }
    return JSON.stringify({
      RequestId: requestId,
      HostId: HOSTS[svc](scenario.regionId),
      Code: err.code,
      Message: err.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=${PRODUCT[svc]}&requestId=${requestId}`,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bodyText = Buffer.concat(chunks).toString('utf8');

    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const query: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(q === -1 ? '' : url.slice(q + 1))) query[k] = v;
    const params: Record<string, string> = { ...query };
    if (bodyText && String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(bodyText)) params[k] = v;
    }

    seq += 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const requestId = requestIdFor(seq);
    const resolved = resolve(req, rawPath);
    const auth = AUTH_RE.exec(String(req.headers.authorization ?? ''));
    const retryHeader = req.headers['x-acs-retry-attempts'];
    const record: CallRecord = {
      seq,
      service: resolved instanceof ApiError ? 'unknown' : resolved.service,
      action: resolved instanceof ApiError ? String(req.headers['x-acs-action'] ?? '') : resolved.action,
      method: req.method ?? '',
      path: rawPath,
      ...(resolved instanceof ApiError || !resolved.route ? {} : { route: resolved.route }),
      pathParams: resolved instanceof ApiError ? {} : resolved.pathParams,
      params,
      ...(auth ? { accessKeyId: auth[1]! } : {}),
      ...(retryHeader === undefined ? {} : { retryAttempt: Number(retryHeader) }),
      requestId,
      status: 0,
      outcome: 'pending',
      inFlightAtArrival: inFlight,
    };
    calls.push(record);

    const baseHeaders: Record<string, string> = { 'x-acs-request-id': requestId };
    const finish = (status: number, body: string, outcome: CallRecord['outcome'], headers: Record<string, string> = {}, code?: string) => {
      record.status = status;
      record.outcome = outcome;
      if (code !== undefined) record.code = code;
      send(res, status, body, { ...baseHeaders, ...headers });
    };
    const fail = (err: ApiError, outcome: CallRecord['outcome'] = 'error') =>
      finish(err.status, errorBody(record.service, err, requestId), outcome, err.headers, err.code);

    try {
      const action = record.action;
      await delay((options.latencyMs ?? 0) + (options.hang?.[action] ?? 0), timers);
      if (closed) return;
      if (resolved instanceof ApiError) return fail(resolved);

      // Gateway: authentication.
      if (!auth) {
        return fail(new ApiError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.'));
      }
      if (auth[1] !== scenario.accessKeyId) {
        return fail(new ApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'));
      }
      if (scenario.accessKeySecret !== undefined && !verifySignature(req, rawPath, query, scenario.accessKeySecret)) {
        return fail(new ApiError(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.'));
      }

      // Gateway: flow control.
      const t = options.throttle;
      if (t && t.rate > 0 && (!t.actions || t.actions.includes(action)) && throttleRng() < t.rate) {
        const err = new ApiError(t.status ?? 400, t.code ?? 'Throttling.User', 'Request was denied due to user flow control.', {
          'x-acs-retry-after': String(t.retryAfterMs ?? 20),
        });
        return fail(err, 'throttled');
      }

      // Injected failures.
      const call: CallInfo = { action, service: resolved.service, params, pathParams: resolved.pathParams };
      for (const key of [action, resolved.route]) {
        if (!key) continue;
        const f = options.failures?.[key];
        if (!f || (f.when && !f.when(call))) continue;
        const used = failureCounts.get(key) ?? 0;
        if (f.times !== undefined && used >= f.times) continue;
        failureCounts.set(key, used + 1);
        return fail(new ApiError(f.status, f.code, f.message ?? defaultMessage(f.code, action)));
      }

      const handled = handlers[action]!(params, resolved.pathParams, requestId);
      if (handled.page !== undefined) record.page = handled.page;
      if (handled.pageSize !== undefined) record.pageSize = handled.pageSize;

      const bad = options.malformed?.[action];
      if (bad === true || bad === 'not-json') {
        return finish(200, '<html><body>502 Bad Gateway</body></html>', 'malformed', { 'content-type': 'text/html' });
      }
      if (bad === 'wrong-shape') {
        return finish(200, JSON.stringify(breakShape(handled.body)), 'malformed');
      }
      return finish(200, JSON.stringify(handled.body), 'ok');
    } catch (e) {
      if (e instanceof ApiError) return fail(e);
      return fail(new ApiError(500, 'InternalError', `fake-cloud: ${(e as Error).message}`));
    } finally {
      inFlight -= 1;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ Code: 'InternalError', Message: String(e) }), {});
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    endpoint: `127.0.0.1:${port}`,
    calls,
    invocations,
    stats: () => ({ inFlight, maxInFlight }),
    close: () =>
      new Promise<void>((resolveClose) => {
        closed = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        for (const s of sockets) s.destroy();
        server.close(() => resolveClose());
      }),
  };
}

function defaultMessage(code: string, action: string): string {
  if (code === 'Forbidden.RAM') return `User not authorized to operate on the specified resource, or this API doesn't support RAM. Action: ${action}`;
  if (code === 'InternalError') return 'The request processing has failed due to some unknown error, exception or failure.';
  if (code === 'ServiceUnavailable') return 'The request has failed due to a temporary failure of the server.';
  if (code.startsWith('Throttling')) return 'Request was denied due to user flow control.';
  return `fake-cloud injected ${code}`;
}
