/**
 * The official v7 SDK clients, configured once: credentials from the default chain (or given),
 * region, per-service endpoint overrides, and both timeouts (reference §3 items 1–3, 8, 9).
 */
import Cs from '@alicloud/cs20151215';
import Ecs from '@alicloud/ecs20140526';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import Vpc from '@alicloud/vpc20160428';
import Credential from '@alicloud/credentials';

export type Service = 'cs' | 'vpc' | 'ecs';

export interface Endpoint {
  /** host[:port], without a scheme (the SDK takes the scheme from `protocol`). */
  host: string;
  protocol: 'http' | 'https';
}

export interface ClientOptions {
  region: string;
  endpoints: Partial<Record<Service, Endpoint>>;
  timeoutMs: number;
  /** A credentials-chain client; the SDK uses none unless one is given. */
  credential: unknown;
}

// The packages are CommonJS: under ESM the default import is the module object, the client `.default`.
type ClientClass = new (config?: unknown) => unknown;
const classOf = (mod: unknown): ClientClass => ((mod as { default?: ClientClass }).default ?? mod) as ClientClass;

/** Parses `URL` of --endpoint SERVICE=URL: the scheme sets the protocol. */
export function parseEndpointUrl(url: string): Endpoint | undefined {
  const m = /^(https?):\/\/([^/\s]+)\/?$/.exec(url.trim());
  return m ? { protocol: m[1] as 'http' | 'https', host: m[2]! } : undefined;
}

export interface AlicloudClients {
  cs: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- SDK clients are typed per call site
  vpc: any;
  ecs: any;
}

export function createClients(options: ClientOptions): AlicloudClients {
  const config = (service: Service) =>
    new $OpenApiUtil.Config({
      credential: options.credential as never,
      regionId: options.region,
      readTimeout: options.timeoutMs,
      connectTimeout: options.timeoutMs,
      ...(options.endpoints[service] ? { endpoint: options.endpoints[service]!.host, protocol: options.endpoints[service]!.protocol } : {}),
    });
  return {
    cs: new (classOf(Cs))(config('cs')),
    vpc: new (classOf(Vpc))(config('vpc')),
    ecs: new (classOf(Ecs))(config('ecs')),
  };
}

/** The default credentials chain (env, OIDC/RRSA, aliyun CLI profile, credentials file, ECS RAM role). */
export function defaultCredential(): unknown {
  return new (classOf(Credential) as unknown as new () => unknown)();
}
