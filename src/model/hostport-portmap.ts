/**
 * Kubernetes hostPort under Terway (reference §1.5 (5), §1.1): Flannel serves hostPort itself; Terway
 * only through a custom CNI chain with the portmap plugin (`10-terway.conflist`), and exclusive-ENI
 * node pools take no custom CNI chain at all.
 */
import type { HostPortBinding, NodePool, Pod, TerwayMode } from '../snapshot/types.js';
import { needsPodIp } from './workloads.js';
import { counterpartPool } from './pool-pairing.js';

/** A pod whose hostPort the CNI has to serve: it publishes host ports, is not hostNetwork, is not finished. */
export function publishesHostPort(pod: Pick<Pod, 'hostNetwork' | 'phase' | 'hostPorts'>): boolean {
  return needsPodIp(pod) && pod.hostPorts.length > 0;
}

/** "8080/TCP", or "8080/TCP -> 80" when the container port differs. Protocol upper-cased, TCP when empty. */
export function formatHostPort(b: HostPortBinding): string {
  const protocol = (b.protocol || 'TCP').toUpperCase();
  return b.containerPort && b.containerPort !== b.hostPort ? `${b.hostPort}/${protocol} -> ${b.containerPort}` : `${b.hostPort}/${protocol}`;
}

/** The pod's host ports, printed and sorted by port then protocol, without duplicates. */
export function formatHostPorts(bindings: readonly HostPortBinding[]): string[] {
  const sorted = [...bindings].sort(
    (a, b) => a.hostPort - b.hostPort || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0),
  );
  return [...new Set(sorted.map(formatHostPort))];
}

export interface LandingPool {
  /** The target node pool the pod runs on or will land on; undefined when it is not known or there is none. */
  pool?: NodePool;
  /** Terway mode the pod gets there; undefined when it cannot be told. */
  mode?: TerwayMode;
}

/**
 * Where a pod gets its Terway network in the target: a target pod on its own node's pool; a pod
 * moving from the Flannel source on the target pool of the same name as its source pool (how pools
 * are paired across a blue/green pair, as nodePoolCapacity pairs them). A pool without `terwayMode`
 * runs the cluster default, shared ENI; so does a target node outside any pool. When the target has
 * no exclusive pool, every pod gets a non-exclusive mode wherever it lands.
 *
 * `nodePool`: the pool of the node the pod runs on today, in its own cluster; null when that node is
 * in no pool, undefined when the node or its pool is not known.
 */
export function landingPoolOf(args: {
  moving: boolean;
  nodePool: NodePool | null | undefined;
  /** The pools nodePool is one of (the Flannel source's when moving). */
  ownPools?: readonly NodePool[] | undefined;
  targetPools: readonly NodePool[] | undefined;
}): LandingPool {
  const { moving, nodePool, ownPools, targetPools } = args;
  const pool = moving ? (nodePool ? counterpartPool(nodePool, ownPools, targetPools) : undefined) : (nodePool ?? undefined);
  if (pool) return { pool, mode: pool.terwayMode ?? 'shared' };
  if (!moving && nodePool === null) return { mode: 'shared' };
  if (targetPools && !targetPools.some((p) => p.terwayMode === 'exclusive')) return { mode: 'shared' };
  return {};
}

export type HostPortUnderTerway = 'works' | 'no-portmap' | 'exclusive-eni' | 'unknown';

/**
 * Whether a pod's hostPort answers under Terway. Exclusive ENI wins over a missing portmap: adding
 * portmap would not fix it. Shared, trunk and prefix modes all run on shared ENIs and take the chain.
 * `poolMode` undefined: the pool the pod lands on is not known.
 */
export function hostPortUnderTerway(portmapChain: boolean, poolMode: TerwayMode | undefined): HostPortUnderTerway {
  if (poolMode === 'exclusive') return 'exclusive-eni';
  if (!portmapChain) return 'no-portmap';
  return poolMode === undefined ? 'unknown' : 'works';
}
