/**
 * Snapshot v1: everything terway-lint knows about one region's clusters, as plain JSON.
 *
 * Conventions (docs/architecture.md §3):
 * - every section is optional; an absent section was not collected, an empty one was collected and
 *   is empty. Why a section is absent is in `errors[]` or in `meta.notRequested`.
 * - entities carry a stable `id` (cloud id, or `namespace/name` in Kubernetes) and, where they
 *   belong to one cluster, its `clusterId`. Sections are sorted by (clusterId, id).
 * - no secrets: no access keys, tokens, kubeconfigs, Secret data or environment values.
 */

export const SNAPSHOT_SCHEMA_VERSION = 1 as const;

export type ClusterRole = 'source' | 'target' | 'standalone';
export type NetworkPlugin = 'flannel' | 'terway' | 'unknown';
/** How Terway hands out pod IPs on a node pool (reference §1.1). */
export type TerwayMode = 'shared' | 'exclusive' | 'trunk' | 'prefix';

export interface Snapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  meta: SnapshotMeta;
  clusters?: Cluster[];
  nodes?: Node[];
  vswitches?: VSwitch[];
  natGateways?: NatGateway[];
  snatEntries?: SnatEntry[];
  routeTables?: RouteTable[];
  eips?: Eip[];
  instances?: Instance[];
  instanceTypes?: InstanceType[];
  pods?: Pod[];
  networkPolicies?: NetworkPolicy[];
  eniConfigs?: EniConfig[];
  daemonSets?: DaemonSet[];
  hostServices?: HostService[];
  errors: CollectionError[];
}

/** Names of the optional sections, in file order. */
export const SECTION_NAMES = [
  'clusters',
  'nodes',
  'vswitches',
  'natGateways',
  'snatEntries',
  'routeTables',
  'eips',
  'instances',
  'instanceTypes',
  'pods',
  'networkPolicies',
  'eniConfigs',
  'daemonSets',
  'hostServices',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export interface SnapshotMeta {
  toolVersion: string;
  collectedAt: string;
  region: string;
  /** The clusters this snapshot was taken for, and how they pair up. */
  scope: ScopeEntry[];
  /** Sections deliberately not collected because the user did not ask (e.g. hostServices). */
  notRequested?: SectionName[];
  /** Free-form note on where the data came from (e.g. "fixture"). */
  description?: string;
}

export interface ScopeEntry {
  clusterId: string;
  role: ClusterRole;
  /** For a target: the Flannel cluster whose workloads move to it. */
  sourceClusterId?: string;
}

export interface Addon {
  name: string;
  version?: string;
}

export interface NodePool {
  id: string;
  name: string;
  instanceTypes: string[];
  vswitchIds: string[];
  desiredSize: number;
  /** kubelet maxPods when set on the pool. Under Terway it only limits hostNetwork pods. */
  maxPods?: number;
  /** Terway IP mode of the pool; absent means the cluster default (shared ENI). */
  terwayMode?: TerwayMode;
  /**
   * Value of the label `terway-config` the pool gives its nodes (kubernetes_config.labels): the
   * per-node dynamic config they will run (reference §1.4).
   */
  terwayConfig?: string;
}

export interface Cluster {
  id: string;
  name: string;
  region: string;
  networkPlugin: NetworkPlugin;
  addons: Addon[];
  vpcId: string;
  /** Flannel pod CIDR (container_cidr). */
  podCidr?: string;
  serviceCidr?: string;
  /** vSwitches the nodes use. */
  nodeVSwitchIds: string[];
  /** Terway pod vSwitches as ACK reports them; eni-config, when collected, is the authority. */
  podVSwitchIds?: string[];
  nodePools?: NodePool[];
}

export interface NodeAddress {
  type: string;
  address: string;
}

export interface Node {
  /** ECS instance id. */
  id: string;
  clusterId: string;
  name: string;
  nodePoolId?: string;
  zoneId: string;
  instanceType: string;
  privateIp: string;
  osImage?: string;
  kernelVersion?: string;
  /** Pods the kubelet allows (allocatable.pods). */
  allocatablePods?: number;
  /**
   * Value of the node label `terway-config`: the ConfigMap in kube-system whose `eni_conf` Terway
   * merges over kube-system/eni-config on this node (reference §1.4, dynamic per-node config).
   */
  terwayConfig?: string;
}

export interface VSwitch {
  id: string;
  name?: string;
  vpcId: string;
  zoneId: string;
  cidr: string;
  availableIpCount: number;
  routeTableId?: string;
  routeTableType?: 'System' | 'Custom' | string;
}

export interface NatGateway {
  id: string;
  name?: string;
  vpcId: string;
  /** Enhanced or Normal. */
  type: string;
  status: string;
  snatTableIds: string[];
  ips: string[];
}

export interface SnatEntry {
  id: string;
  snatTableId: string;
  natGatewayId: string;
  sourceVSwitchId?: string;
  sourceCidr?: string;
  snatIp: string;
  status: string;
}

export interface RouteEntry {
  destinationCidr: string;
  nextHopType: string;
  nextHopId?: string;
  status?: string;
}

export interface RouteTable {
  id: string;
  vpcId: string;
  type: string;
  vswitchIds: string[];
  entries: RouteEntry[];
}

export interface Eip {
  id: string;
  ip: string;
  /** EcsInstance, Nat, NetworkInterface, … */
  boundType?: string;
  boundId?: string;
  status: string;
}

export interface Instance {
  id: string;
  zoneId: string;
  instanceType: string;
  vswitchId: string;
  privateIp: string;
  publicIp?: string;
  eipAddress?: string;
  osName?: string;
}

export interface InstanceType {
  id: string;
  eniQuantity: number;
  eniPrivateIpAddressQuantity: number;
  eniTotalQuantity: number;
  eniTrunkSupported: boolean;
  eniIpv6AddressQuantity?: number;
}

export interface HostPortBinding {
  containerPort: number;
  hostPort: number;
  protocol: string;
}

/** A pod reduced to what rules need: never a spec, never env or Secret data. */
export interface Pod {
  /** namespace/name */
  id: string;
  clusterId: string;
  nodeName?: string;
  ownerKind?: string;
  hostNetwork: boolean;
  hostPorts: HostPortBinding[];
  phase: string;
}

export interface NetworkPolicy {
  /** namespace/name */
  id: string;
  clusterId: string;
  policyTypes: string[];
}

/**
 * kube-system/eni-config of a Terway cluster, parsed; or a per-node dynamic config (`terwayConfig`
 * set): ConfigMap kube-system/<terwayConfig>'s `eni_conf` merged over the default's (RFC 7396), the
 * other keys taken from eni-config, i.e. what Terway runs with on nodes labelled terway-config=<name>.
 */
export interface EniConfig {
  /** kube-system/eni-config, or kube-system/<terwayConfig> for a dynamic config. */
  id: string;
  clusterId: string;
  /** zone id → pod vSwitch ids */
  vswitches: Record<string, string[]>;
  /** `security_group` and `security_groups` merged, duplicates dropped (Terway's GetSecurityGroups). */
  securityGroups: string[];
  /**
   * Entries of `security_groups` as written, duplicates included, when it is set: what Terway's
   * Config.Validate counts against its limit.
   */
  securityGroupsListed?: number;
  trunk: boolean;
  prefix: boolean;
  ipStack: string;
  /** eniip_virtual_type from 10-terway.conf (veth, ipvlan, datapathv2). */
  datapath?: string;
  /** true when 10-terway.conflist chains the portmap plugin. */
  portmapChain: boolean;
  /** disable_network_policy: "true" in eni-config; absent when the key is not set. */
  networkPolicyDisabled?: boolean;
  /** Set on a dynamic per-node config: the name nodes carry in their `terway-config` label. */
  terwayConfig?: string;
}

/** A DaemonSet in kube-system (the network plugin and its datapath as the cluster runs them). */
export interface DaemonSet {
  /** kube-system/<name> */
  id: string;
  clusterId: string;
  /** Container images (init containers first), e.g. registry…/acs/terway:v1.13.4. */
  images: string[];
  /** status.desiredNumberScheduled: nodes that should run a pod of it. */
  desiredNumberScheduled: number;
  /** status.numberReady */
  numberReady: number;
  /**
   * false when the DaemonSet controller has not reported on the current spec yet (no status, or
   * status.observedGeneration behind metadata.generation): the counts are not the DaemonSet's then.
   */
  observed?: boolean;
}

/** A port published on a node by something that is not a Kubernetes pod. */
export interface HostService {
  /** Stable id: source file + service + port, or node + port. */
  id: string;
  source: 'compose' | 'node-inventory';
  /** ECS instance id of the node it runs on; absent when a compose file is not tied to a node. */
  nodeId?: string;
  /** compose file (relative to the working directory) and the line of the published port. */
  file?: string;
  line?: number;
  service: string;
  hostIp: string;
  hostPort: number;
  protocol: string;
}

export type ErrorKind =
  | 'permission'
  | 'throttled'
  | 'timeout'
  | 'network'
  | 'not-found'
  | 'invalid-response'
  /** The service refused the request as malformed (a 400 that is neither permission nor not-found). */
  | 'invalid-request'
  | 'unavailable';

export interface CollectionError {
  /** Source API, e.g. vpc.DescribeSnatTableEntries or kube.list.pods */
  source: string;
  /** The section left absent or incomplete. */
  section: SectionName;
  /** When the failure concerns one cluster only. */
  clusterId?: string;
  /**
   * When the failure concerns one node only (node inspection): the section is complete for every
   * other node, so rules over it still judge those and report this node as a gap.
   */
  nodeId?: string;
  kind: ErrorKind;
  code?: string;
  requestId?: string;
  message: string;
  /** The permission to grant, e.g. the RAM action vpc:DescribeSnatTableEntries. */
  action?: string;
}
