/**
 * Kubernetes objects reduced to what rules need, one object at a time as pages stream in: never a
 * whole spec, never env values, never Secret data.
 */
import type { V1DaemonSet, V1NetworkPolicy, V1Node, V1Pod } from '@kubernetes/client-node';
import type { DaemonSet, HostPortBinding, NetworkPolicy, Node, Pod } from '../../snapshot/types.js';
import { TERWAY_CONFIG_LABEL } from '../labels.js';

/**
 * A node as the Kubernetes API describes it. It is merged with the cloud's nodes (`mergeKubeNodes`)
 * on `instanceId` (= the cloud Node.id, from spec.providerID) or, failing that, on `name` (= the
 * cloud Node.name, the ACK node name such as `cn-hangzhou.10.0.0.21`). Every field but the two
 * names may be missing on a hand-built or non-ACK node.
 */
export interface KubeNode {
  clusterId: string;
  /** metadata.name */
  name: string;
  /** ECS instance id taken from spec.providerID (ACK: `cn-hangzhou.i-xxxx`). */
  instanceId?: string;
  /** spec.providerID as the node reports it. */
  providerId?: string;
  /** label topology.kubernetes.io/zone (failure-domain.beta.kubernetes.io/zone on old nodes). */
  zoneId?: string;
  /** label node.kubernetes.io/instance-type (beta.kubernetes.io/instance-type on old nodes). */
  instanceType?: string;
  /** label alibabacloud.com/nodepool-id (ACK). */
  nodePoolId?: string;
  /** status.addresses InternalIP. */
  privateIp?: string;
  /** status.nodeInfo.kernelVersion */
  kernelVersion?: string;
  /** status.nodeInfo.osImage */
  osImage?: string;
  /** status.allocatable.pods */
  allocatablePods?: number;
  /** label terway-config: the node's dynamic Terway config (a ConfigMap in kube-system). */
  terwayConfig?: string;
}

export const NODEPOOL_LABEL = 'alibabacloud.com/nodepool-id';

/** `cn-hangzhou.i-bp1…` (ACK), `alicloud://cn-hangzhou.i-bp1…`, or a bare `i-bp1…`. */
export function instanceIdOf(providerId: string | undefined): string | undefined {
  if (!providerId) return undefined;
  const m = /(?:^|[./])(i-[A-Za-z0-9]+)$/.exec(providerId.trim());
  return m?.[1];
}

export function reduceNode(n: V1Node, clusterId: string): KubeNode | undefined {
  const name = n.metadata?.name;
  if (!name) return undefined;
  const labels = n.metadata?.labels ?? {};
  const providerId = n.spec?.providerID || undefined;
  const instanceId = instanceIdOf(providerId);
  const zoneId = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'];
  const instanceType = labels['node.kubernetes.io/instance-type'] ?? labels['beta.kubernetes.io/instance-type'];
  const nodePoolId = labels[NODEPOOL_LABEL];
  const privateIp = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  const info = n.status?.nodeInfo;
  const pods = n.status?.allocatable?.['pods'];
  const allocatablePods = pods !== undefined && /^\d+$/.test(pods.trim()) ? Number(pods.trim()) : undefined;
  const terwayConfig = labels[TERWAY_CONFIG_LABEL]?.trim();
  return {
    clusterId,
    name,
    ...(instanceId ? { instanceId } : {}),
    ...(providerId ? { providerId } : {}),
    ...(zoneId ? { zoneId } : {}),
    ...(instanceType ? { instanceType } : {}),
    ...(nodePoolId ? { nodePoolId } : {}),
    ...(privateIp ? { privateIp } : {}),
    ...(info?.kernelVersion ? { kernelVersion: info.kernelVersion } : {}),
    ...(info?.osImage ? { osImage: info.osImage } : {}),
    ...(allocatablePods !== undefined ? { allocatablePods } : {}),
    ...(terwayConfig ? { terwayConfig } : {}),
  };
}

export function reducePod(p: V1Pod, clusterId: string): Pod | undefined {
  const name = p.metadata?.name;
  if (!name) return undefined;
  const hostPorts: HostPortBinding[] = [];
  for (const c of [...(p.spec?.initContainers ?? []), ...(p.spec?.containers ?? [])]) {
    for (const port of c.ports ?? []) {
      if (port.hostPort !== undefined && port.hostPort !== null && port.hostPort > 0) {
        hostPorts.push({ containerPort: port.containerPort, hostPort: port.hostPort, protocol: port.protocol ?? 'TCP' });
      }
    }
  }
  const ownerKind = p.metadata?.ownerReferences?.[0]?.kind;
  const nodeName = p.spec?.nodeName;
  return {
    id: `${p.metadata?.namespace ?? 'default'}/${name}`,
    clusterId,
    ...(nodeName ? { nodeName } : {}),
    ...(ownerKind ? { ownerKind } : {}),
    hostNetwork: p.spec?.hostNetwork === true,
    hostPorts,
    phase: p.status?.phase ?? 'Unknown',
  };
}

export function reduceNetworkPolicy(np: V1NetworkPolicy, clusterId: string): NetworkPolicy | undefined {
  const name = np.metadata?.name;
  if (!name) return undefined;
  // The API server defaults policyTypes (Ingress, plus Egress when egress rules exist); a client
  // may still see it unset on old servers, so apply the same default.
  const types = np.spec?.policyTypes?.length ? [...np.spec.policyTypes] : ['Ingress', ...(np.spec?.egress?.length ? ['Egress'] : [])];
  return { id: `${np.metadata?.namespace ?? 'default'}/${name}`, clusterId, policyTypes: types };
}

/** A DaemonSet reduced to its images and rollout counts: no pod template, no env. */
export function reduceDaemonSet(ds: V1DaemonSet, clusterId: string): DaemonSet | undefined {
  const name = ds.metadata?.name;
  if (!name) return undefined;
  const spec = ds.spec?.template?.spec;
  const images = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => c.image ?? '').filter((i) => i !== '');
  const generation = ds.metadata?.generation;
  const observedGeneration = ds.status?.observedGeneration;
  const observed = ds.status !== undefined && (generation === undefined || (observedGeneration !== undefined && observedGeneration >= generation));
  return {
    id: `${ds.metadata?.namespace ?? 'kube-system'}/${name}`,
    clusterId,
    images,
    desiredNumberScheduled: ds.status?.desiredNumberScheduled ?? 0,
    numberReady: ds.status?.numberReady ?? 0,
    ...(observed ? {} : { observed: false }),
  };
}

/** A kube node turned into a snapshot Node, when it carries everything a Node requires. */
export function kubeNodeToNode(k: KubeNode): Node | undefined {
  if (!k.instanceId || !k.zoneId || !k.instanceType || !k.privateIp) return undefined;
  return {
    id: k.instanceId,
    clusterId: k.clusterId,
    name: k.name,
    ...(k.nodePoolId ? { nodePoolId: k.nodePoolId } : {}),
    zoneId: k.zoneId,
    instanceType: k.instanceType,
    privateIp: k.privateIp,
    ...(k.osImage ? { osImage: k.osImage } : {}),
    ...(k.kernelVersion ? { kernelVersion: k.kernelVersion } : {}),
    ...(k.allocatablePods !== undefined ? { allocatablePods: k.allocatablePods } : {}),
    ...(k.terwayConfig ? { terwayConfig: k.terwayConfig } : {}),
  };
}

/**
 * The cloud's nodes completed from the cluster's view: a cloud node matched by instance id (else by
 * name, same cluster) takes kernelVersion, osImage and allocatablePods from Kubernetes (what the
 * kubelet reports), and zoneId, nodePoolId, instanceType, privateIp only where the cloud left them
 * empty. Kube nodes with no cloud counterpart are added when they carry a full Node's fields.
 */
export function mergeKubeNodes(cloud: readonly Node[], kube: readonly KubeNode[]): Node[] {
  const byId = new Map<string, KubeNode>();
  const byName = new Map<string, KubeNode>();
  for (const k of kube) {
    if (k.instanceId) byId.set(`${k.clusterId}\u0000${k.instanceId}`, k);
    byName.set(`${k.clusterId}\u0000${k.name}`, k);
  }
  const used = new Set<KubeNode>();
  const out: Node[] = cloud.map((n) => {
    const k = byId.get(`${n.clusterId}\u0000${n.id}`) ?? byName.get(`${n.clusterId}\u0000${n.name}`);
    if (!k) return n;
    used.add(k);
    return {
      ...n,
      ...(!n.zoneId && k.zoneId ? { zoneId: k.zoneId } : {}),
      ...(!n.instanceType && k.instanceType ? { instanceType: k.instanceType } : {}),
      ...(!n.privateIp && k.privateIp ? { privateIp: k.privateIp } : {}),
      ...(!n.nodePoolId && k.nodePoolId ? { nodePoolId: k.nodePoolId } : {}),
      ...(k.osImage ? { osImage: k.osImage } : {}),
      ...(k.kernelVersion ? { kernelVersion: k.kernelVersion } : {}),
      ...(k.allocatablePods !== undefined ? { allocatablePods: k.allocatablePods } : {}),
      ...(k.terwayConfig ? { terwayConfig: k.terwayConfig } : {}),
    };
  });
  for (const k of kube) {
    if (used.has(k)) continue;
    const n = kubeNodeToNode(k);
    if (n) out.push(n);
  }
  return out;
}
