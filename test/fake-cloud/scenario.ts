/**
 * fake-cloud scenario: the cloud state the fake server answers from, kept in the exact wire shapes
 * of the v7 SDK models (reference/alicloud-and-terway.md §2): CS in snake_case, VPC and ECS in
 * PascalCase with their wrapper objects (`VSwitches.VSwitch[]` is built by the server; each record
 * here is one array item). A record is what the real service puts on the wire for one resource, so
 * the server can page, filter and serialise it without knowing what a collector will make of it.
 *
 * `scenarioFromSnapshot` builds a scenario from a terway-lint snapshot. The collectors must turn the
 * answers back into the same snapshot sections; the mapping, field by field, is documented on each
 * builder below. Where the real layout is not documented we chose one and say why.
 *
 * Where Terway pod vSwitch ids live (reference §8 calls the layout unverified):
 *   DescribeClusterDetail `parameters.PodVswitchIds`, a JSON-array string: '["vsw-a","vsw-b"]'.
 *   A Flannel cluster carries '[]'. Evidence: a real DescribeClusterDetail body of a Flannel
 *   cluster (cloud-barista/cb-spider debug output) has `PodVswitchIds: []` in `parameters`, and two
 *   independent clients read Terway pod vSwitches from exactly there:
 *   aliyun/terraform-provider-alicloud (resource_alicloud_cs_kubernetes.go,
 *   `json.Unmarshal(object.Parameters["PodVswitchIds"])`) and rancher/ali-operator
 *   (`cluster.Parameters["PodVswitchIds"]`, skipping "" and "[]"). The addon list
 *   (ListClusterAddonInstances: name/version/state only, no config in the SDK model) and the addon
 *   `config` strings in `meta_data` carry no vSwitch ids here: nothing shows ACK puts them there.
 *   A collector maps "[]" (and a missing key) to an absent `podVSwitchIds`.
 *
 * Not expressible through these APIs, so lost on the round trip: `nodePools[].terwayMode`, and the
 * Kubernetes-sourced node fields `osImage`, `kernelVersion`, `allocatablePods`; the sections pods,
 * networkPolicies, eniConfigs, hostServices; `errors` and `meta` other than the region.
 */
import type {
  Cluster,
  Eip,
  Instance,
  InstanceType,
  NatGateway,
  Node,
  NodePool,
  RouteTable,
  Snapshot,
  SnatEntry,
  VSwitch,
} from '../../src/snapshot/types.js';

// ---------------------------------------------------------------------------------------------
// Wire records: CS (ACK), version 2015-12-15, snake_case
// ---------------------------------------------------------------------------------------------

/** DescribeClusterDetail body (GET /clusters/{id}); DescribeClustersV1 items are the same minus the detail-only keys. */
export interface WireClusterDetail {
  cluster_id: string;
  name: string;
  region_id: string;
  /** running, initial, failed, … */
  state: string;
  /** Kubernetes | ManagedKubernetes | ExternalKubernetes */
  cluster_type: string;
  cluster_spec?: string;
  profile?: string;
  current_version?: string;
  init_version?: string;
  vpc_id: string;
  /** The node vSwitches. */
  vswitch_ids: string[];
  security_group_id?: string;
  /** Flannel pod CIDR; absent for Terway. */
  container_cidr?: string;
  service_cidr?: string;
  /** Detail only (Flannel). */
  node_cidr_mask?: string;
  ip_stack?: string;
  proxy_mode?: string;
  network_mode?: string;
  /** A JSON string: {"Addons":[{"name","version","config"?}], …}. */
  meta_data: string;
  /** Detail only; map<string,string>. `PodVswitchIds` is a JSON-array string (see the file comment). */
  parameters?: Record<string, string>;
  size?: number;
  zone_id?: string;
  resource_group_id?: string;
  created?: string;
  updated?: string;
  tags?: { key: string; value: string }[];
}

/** Keys of DescribeClusterDetail that DescribeClustersV1 items do not carry. */
export const DETAIL_ONLY_KEYS = ['parameters', 'node_cidr_mask'] as const;

/** ListClusterAddonInstances item (GET /clusters/{id}/addon_instances). */
export interface WireAddonInstance {
  name: string;
  version?: string;
  /** active, … */
  state?: string;
}

/** DescribeClusterNodePools item (GET /clusters/{id}/nodepools). */
export interface WireNodePool {
  nodepool_info: {
    nodepool_id: string;
    name: string;
    type?: string;
    is_default?: boolean;
    region_id?: string;
  };
  scaling_group: {
    instance_types: string[];
    vswitch_ids: string[];
    desired_size?: number;
    security_group_id?: string;
    security_group_ids?: string[];
    image_type?: string;
    platform?: string;
  };
  kubernetes_config?: { runtime?: string; runtime_version?: string; labels?: { key: string; value: string }[] };
  node_config?: { kubelet_configuration?: { maxPods?: number } };
  status?: { total_nodes?: number; serving_nodes?: number; state?: string };
}

/** DescribeClusterNodes item (GET /clusters/{id}/nodes). */
export interface WireClusterNode {
  instance_id: string;
  node_name: string;
  host_name?: string;
  /** [0] is the node's private IP. */
  ip_address: string[];
  instance_type: string;
  instance_type_family?: string;
  nodepool_id?: string;
  instance_role?: string;
  /** "true" when the node is Ready. */
  node_status?: string;
  /** running, removing, initial, failed (the `state` filter). */
  state?: string;
  source?: string;
  is_aliyun_node?: boolean;
  image_id?: string;
  creation_time?: string;
}

export interface ScenarioCluster {
  detail: WireClusterDetail;
  addons: WireAddonInstance[];
  nodePools: WireNodePool[];
  nodes: WireClusterNode[];
  /** What DescribeClusterUserKubeconfig returns (e.g. pointing at a fake Kubernetes API). */
  kubeconfig?: string;
}

// ---------------------------------------------------------------------------------------------
// Wire records: VPC, version 2016-04-28, PascalCase
// ---------------------------------------------------------------------------------------------

/** DescribeVSwitches `VSwitches.VSwitch[]` item. */
export interface WireVSwitch {
  VSwitchId: string;
  VSwitchName?: string;
  VpcId: string;
  ZoneId: string;
  CidrBlock: string;
  AvailableIpAddressCount: number;
  /** Pending | Available */
  Status: string;
  IsDefault?: boolean;
  RouteTable?: { RouteTableId: string; RouteTableType: string };
  CreationTime?: string;
}

/** DescribeNatGateways `NatGateways.NatGateway[]` item. */
export interface WireNatGateway {
  NatGatewayId: string;
  Name?: string;
  VpcId: string;
  /** Enhanced | Normal */
  NatType: string;
  NetworkType?: string;
  Spec?: string;
  /** Creating | Available | Modifying | Deleting | Converting */
  Status: string;
  BusinessStatus?: string;
  RegionId?: string;
  EipBindMode?: string;
  SnatTableIds: { SnatTableId: string[] };
  ForwardTableIds?: { ForwardTableId: string[] };
  IpLists: {
    IpList: {
      IpAddress: string;
      AllocationId?: string;
      UsingStatus?: string;
      SnatEntryEnabled?: boolean;
      PrivateIpAddress?: string;
    }[];
  };
}

/** DescribeSnatTableEntries `SnatTableEntries.SnatTableEntry[]` item; listed by its SnatTableId. */
export interface WireSnatEntry {
  SnatEntryId: string;
  SnatEntryName?: string;
  SnatTableId: string;
  NatGatewayId: string;
  SourceVSwitchId?: string;
  SourceCIDR?: string;
  SnatIp: string;
  /** Pending | Available | Deleting */
  Status: string;
  NetworkInterfaceId?: string;
  EipAffinity?: string;
}

/** DescribeRouteTableList `RouterTableList.RouterTableListType[]` item. */
export interface WireRouteTable {
  RouteTableId: string;
  RouteTableName?: string;
  /** System | Custom */
  RouteTableType: string;
  VpcId: string;
  RouterId?: string;
  RouterType?: string;
  AssociateType?: string;
  Status?: string;
  VSwitchIds: { VSwitchId: string[] };
  CreationTime?: string;
}

/** DescribeRouteEntryList `RouteEntrys.RouteEntry[]` item (sic, "Entrys"); listed by its RouteTableId. */
export interface WireRouteEntry {
  RouteEntryId: string;
  RouteEntryName?: string;
  RouteTableId: string;
  DestinationCidrBlock: string;
  /** Custom | System | BGP | CEN | ECR (the RouteEntryType filter) */
  Type: string;
  Status?: string;
  IpVersion?: string;
  Origin?: string;
  NextHops: { NextHop: { NextHopType: string; NextHopId?: string; Enabled?: number; Weight?: number }[] };
}

/** DescribeEipAddresses `EipAddresses.EipAddress[]` item. */
export interface WireEip {
  AllocationId: string;
  IpAddress: string;
  /** The bound resource's id and type (EcsInstance, Nat, NetworkInterface, …); empty when unbound. */
  InstanceId?: string;
  InstanceType?: string;
  /** Associating | Unassociating | InUse | Available | Releasing */
  Status: string;
  RegionId?: string;
  Bandwidth?: string;
  InternetChargeType?: string;
  Name?: string;
}

// ---------------------------------------------------------------------------------------------
// Wire records: ECS, version 2014-05-26, PascalCase
// ---------------------------------------------------------------------------------------------

/** DescribeInstances `Instances.Instance[]` item. */
export interface WireInstance {
  InstanceId: string;
  InstanceName?: string;
  HostName?: string;
  InstanceType: string;
  InstanceTypeFamily?: string;
  ZoneId: string;
  RegionId: string;
  /** Running | Stopped | … */
  Status: string;
  OSName?: string;
  OSType?: string;
  InstanceNetworkType?: string;
  VpcAttributes: {
    VpcId: string;
    VSwitchId: string;
    PrivateIpAddress: { IpAddress: string[] };
    NatIpAddress?: string;
  };
  /** Always present; an empty list when the instance has no fixed public IP. */
  PublicIpAddress: { IpAddress: string[] };
  /** Always present, as on the real wire; empty strings when no EIP is bound. */
  EipAddress: { AllocationId: string; IpAddress: string; Bandwidth?: number; InternetChargeType?: string };
  SecurityGroupIds?: { SecurityGroupId: string[] };
}

/** DescribeInstanceTypes `InstanceTypes.InstanceType[]` item. */
export interface WireInstanceType {
  InstanceTypeId: string;
  InstanceTypeFamily?: string;
  CpuCoreCount?: number;
  MemorySize?: number;
  EniQuantity: number;
  EniPrivateIpAddressQuantity: number;
  EniTotalQuantity: number;
  EniTrunkSupported: boolean;
  EniIpv6AddressQuantity?: number;
}

// ---------------------------------------------------------------------------------------------
// The scenario
// ---------------------------------------------------------------------------------------------

export interface FakeCloudScenario {
  /** The AccessKey id every request must be signed with (the `Credential=` of the authorization header). */
  accessKeyId: string;
  /** When set, the ACS3-HMAC-SHA256 signature is verified too (400 SignatureDoesNotMatch otherwise). */
  accessKeySecret?: string;
  /** The region the resources live in; list calls for another RegionId answer empty lists. */
  regionId: string;
  clusters: ScenarioCluster[];
  vswitches: WireVSwitch[];
  natGateways: WireNatGateway[];
  snatEntries: WireSnatEntry[];
  routeTables: WireRouteTable[];
  routeEntries: WireRouteEntry[];
  eips: WireEip[];
  instances: WireInstance[];
  instanceTypes: WireInstanceType[];
  /** Cloud Assistant per instance id (DescribeCloudAssistantStatus / RunCommand / DescribeInvocationResults). Absent: the instance is unknown to Cloud Assistant. */
  cloudAssistant?: Record<string, ScenarioCloudAssistant>;
}

/**
 * One instance as Cloud Assistant sees it, and how a RunCommand on it ends. The fake answers any
 * script with `output` (base64-encoded on the way out, as DescribeInvocationResults does by default).
 */
export interface ScenarioCloudAssistant {
  /** CloudAssistantStatus "true"/"false". */
  running: boolean;
  /** Default 'Linux'. */
  osType?: string;
  lastHeartbeatTime?: string;
  /** What the script prints (plain text). */
  output?: string;
  /** Final InvocationStatus; default 'Success' (running agent) or 'Failed' with ClientNotRunning. */
  status?: string;
  /** Default 0 on Success, otherwise unset unless given. */
  exitCode?: number;
  errorCode?: string;
  errorInfo?: string;
  /** Bytes Cloud Assistant reports as cut off (Dropped). */
  dropped?: number;
  /** DescribeInvocationResults polls answering Running before the final status; default 0. */
  pollsBeforeFinish?: number;
}

/** Test credentials. Never real: the fake accepts nothing else unless a scenario says so. */
export const FAKE_ACCESS_KEY_ID = 'LTAI5tFakeCloudTestKey01';
export const FAKE_ACCESS_KEY_SECRET = 'fake-cloud-test-secret-not-real';

export function emptyScenario(regionId = 'cn-hangzhou'): FakeCloudScenario {
  return {
    accessKeyId: FAKE_ACCESS_KEY_ID,
    accessKeySecret: FAKE_ACCESS_KEY_SECRET,
    regionId,
    clusters: [],
    vswitches: [],
    natGateways: [],
    snatEntries: [],
    routeTables: [],
    routeEntries: [],
    eips: [],
    instances: [],
    instanceTypes: [],
  };
}

export interface FromSnapshotOptions {
  accessKeyId?: string;
  /** `null` turns signature verification off. */
  accessKeySecret?: string | null;
}

/** Addon names that mean Terway (reference §1.6). */
const TERWAY_ADDONS = new Set(['terway-eniip', 'terway-eni', 'terway', 'terway-controlplane']);

/**
 * Builds a scenario from a snapshot. Field by field (snapshot → wire the collector reads):
 *
 * clusters (DescribeClustersV1 / DescribeClusterDetail, ListClusterAddonInstances):
 *   id → cluster_id; name → name; region → region_id; vpcId → vpc_id;
 *   nodeVSwitchIds → vswitch_ids; podCidr → container_cidr (absent when undefined);
 *   serviceCidr → service_cidr; podVSwitchIds → parameters.PodVswitchIds (JSON-array string, '[]'
 *   when absent or empty); addons → ListClusterAddonInstances addons[{name, version, state:"active"}]
 *   and the same list in meta_data.Addons[{name, version}]; networkPlugin is not on the wire: it
 *   follows from the addon names (flannel vs terway-eniip/terway-eni/terway).
 * nodePools (DescribeClusterNodePools): id → nodepool_info.nodepool_id; name → nodepool_info.name;
 *   instanceTypes → scaling_group.instance_types; vswitchIds → scaling_group.vswitch_ids;
 *   desiredSize → scaling_group.desired_size; maxPods → node_config.kubelet_configuration.maxPods
 *   (node_config absent when undefined); terwayConfig → kubernetes_config.labels terway-config;
 *   terwayMode exclusive → label k8s.aliyun.com/exclusive-mode-eni-type=eniOnly, other modes are lost
 *   (prefix comes back from the dynamic config, read from Kubernetes). A cluster without
 *   `nodePools` answers [].
 * nodes (DescribeClusterNodes): id → instance_id; name → node_name; privateIp → ip_address[0];
 *   instanceType → instance_type; nodePoolId → nodepool_id; clusterId: the cluster asked for;
 *   zoneId: from the instance (DescribeInstances ZoneId), so every node needs its instance.
 * vswitches: id → VSwitchId; name → VSwitchName; vpcId → VpcId; zoneId → ZoneId; cidr → CidrBlock;
 *   availableIpCount → AvailableIpAddressCount; routeTableId/routeTableType → RouteTable{…}.
 * natGateways: id → NatGatewayId; name → Name; vpcId → VpcId; type → NatType; status → Status;
 *   snatTableIds → SnatTableIds.SnatTableId[]; ips → IpLists.IpList[].IpAddress.
 * snatEntries: id → SnatEntryId; snatTableId → SnatTableId; natGatewayId → NatGatewayId;
 *   sourceVSwitchId → SourceVSwitchId; sourceCidr → SourceCIDR; snatIp → SnatIp; status → Status.
 * routeTables (DescribeRouteTableList + DescribeRouteEntryList): id → RouteTableId; vpcId → VpcId;
 *   type → RouteTableType; vswitchIds → VSwitchIds.VSwitchId[]; entries → route entries in order:
 *   destinationCidr → DestinationCidrBlock, nextHopType/nextHopId → NextHops.NextHop[0],
 *   status → Status.
 * eips: id → AllocationId; ip → IpAddress; boundType → InstanceType; boundId → InstanceId;
 *   status → Status.
 * instances: id → InstanceId; zoneId → ZoneId; instanceType → InstanceType;
 *   vswitchId → VpcAttributes.VSwitchId; privateIp → VpcAttributes.PrivateIpAddress.IpAddress[0];
 *   publicIp → PublicIpAddress.IpAddress[0] ([] when absent); eipAddress → EipAddress.IpAddress
 *   ("" when absent, as the real API answers); osName → OSName.
 * instanceTypes: id → InstanceTypeId; eniQuantity → EniQuantity; eniPrivateIpAddressQuantity →
 *   EniPrivateIpAddressQuantity; eniTotalQuantity → EniTotalQuantity; eniTrunkSupported →
 *   EniTrunkSupported; eniIpv6AddressQuantity → EniIpv6AddressQuantity.
 */
export function scenarioFromSnapshot(snapshot: Snapshot, options: FromSnapshotOptions = {}): FakeCloudScenario {
  const regionId = snapshot.meta.region;
  const vswitchVpc = new Map((snapshot.vswitches ?? []).map((v) => [v.id, v.vpcId]));
  const nodeCluster = new Map<string, Cluster>();
  const clusters = snapshot.clusters ?? [];
  for (const n of snapshot.nodes ?? []) {
    const c = clusters.find((x) => x.id === n.clusterId);
    if (c) nodeCluster.set(n.id, c);
  }
  const eipByIp = new Map((snapshot.eips ?? []).map((e) => [e.ip, e]));
  const secret = options.accessKeySecret === undefined ? FAKE_ACCESS_KEY_SECRET : options.accessKeySecret;

  const scenario: FakeCloudScenario = {
    accessKeyId: options.accessKeyId ?? FAKE_ACCESS_KEY_ID,
    ...(secret === null ? {} : { accessKeySecret: secret }),
    regionId,
    clusters: clusters.map((c) =>
      wireCluster(
        c,
        (snapshot.nodes ?? []).filter((n) => n.clusterId === c.id),
      ),
    ),
    vswitches: (snapshot.vswitches ?? []).map(wireVSwitch),
    natGateways: (snapshot.natGateways ?? []).map((g) => wireNatGateway(g, regionId, eipByIp)),
    snatEntries: (snapshot.snatEntries ?? []).map(wireSnatEntry),
    routeTables: (snapshot.routeTables ?? []).map(wireRouteTable),
    routeEntries: (snapshot.routeTables ?? []).flatMap(wireRouteEntries),
    eips: (snapshot.eips ?? []).map((e) => wireEip(e, regionId)),
    instances: (snapshot.instances ?? []).map((i) =>
      wireInstance(i, regionId, vswitchVpc.get(i.vswitchId) ?? nodeCluster.get(i.id)?.vpcId ?? '', eipByIp),
    ),
    instanceTypes: (snapshot.instanceTypes ?? []).map(wireInstanceType),
  };
  return scenario;
}

export function wireCluster(c: Cluster, nodes: Node[]): ScenarioCluster {
  const addons: WireAddonInstance[] = c.addons.map((a) => ({
    name: a.name,
    ...(a.version === undefined ? {} : { version: a.version }),
    state: 'active',
  }));
  const isTerway = c.addons.some((a) => TERWAY_ADDONS.has(a.name));
  const metaData = {
    Addons: c.addons.map((a) => ({ name: a.name, ...(a.version === undefined ? {} : { version: a.version }) })),
    IPStack: 'ipv4',
    ...(c.serviceCidr === undefined ? {} : { ServiceCIDR: c.serviceCidr }),
    VSwitchIds: c.nodeVSwitchIds,
  };
  const parameters: Record<string, string> = {
    ClusterId: c.id,
    VpcId: c.vpcId,
    WorkerVSwitchIds: c.nodeVSwitchIds.join(','),
    PodVswitchIds: JSON.stringify(c.podVSwitchIds ?? []),
    IPStack: 'ipv4',
  };
  if (c.podCidr !== undefined) parameters.ContainerCIDR = c.podCidr;
  if (c.serviceCidr !== undefined) parameters.ServiceCIDR = c.serviceCidr;

  const detail: WireClusterDetail = {
    cluster_id: c.id,
    name: c.name,
    region_id: c.region,
    state: 'running',
    cluster_type: 'ManagedKubernetes',
    cluster_spec: 'ack.pro.small',
    profile: 'Default',
    current_version: '1.31.1-aliyun.1',
    init_version: '1.31.1-aliyun.1',
    vpc_id: c.vpcId,
    vswitch_ids: [...c.nodeVSwitchIds],
    ...(c.podCidr === undefined ? {} : { container_cidr: c.podCidr }),
    ...(c.serviceCidr === undefined ? {} : { service_cidr: c.serviceCidr }),
    ...(isTerway || c.podCidr === undefined ? {} : { node_cidr_mask: '26' }),
    ip_stack: 'ipv4',
    proxy_mode: 'ipvs',
    network_mode: 'vpc',
    meta_data: JSON.stringify(metaData),
    parameters,
    size: nodes.length,
    resource_group_id: 'rg-acfmfakecloud01',
    created: '2026-01-05T10:00:00+08:00',
    updated: '2026-11-01T10:00:00+08:00',
    tags: [{ key: 'ack.aliyun.com', value: c.id }],
  };
  return {
    detail,
    addons,
    nodePools: (c.nodePools ?? []).map((p) => wireNodePool(p, c.region, nodes)),
    nodes: nodes.map(wireClusterNode),
  };
}

export function wireNodePool(p: NodePool, regionId: string, nodes: Node[]): WireNodePool {
  const inPool = nodes.filter((n) => n.nodePoolId === p.id).length;
  return {
    nodepool_info: { nodepool_id: p.id, name: p.name, type: 'ess', is_default: false, region_id: regionId },
    scaling_group: {
      instance_types: [...p.instanceTypes],
      vswitch_ids: [...p.vswitchIds],
      desired_size: p.desiredSize,
      image_type: 'AliyunLinux3',
      platform: 'AliyunLinux',
    },
    kubernetes_config: {
      runtime: 'containerd',
      runtime_version: '1.6.28',
      labels: [
        ...(p.terwayConfig ? [{ key: 'terway-config', value: p.terwayConfig }] : []),
        ...(p.terwayMode === 'exclusive' ? [{ key: 'k8s.aliyun.com/exclusive-mode-eni-type', value: 'eniOnly' }] : []),
      ],
    },
    ...(p.maxPods === undefined ? {} : { node_config: { kubelet_configuration: { maxPods: p.maxPods } } }),
    status: { total_nodes: inPool, serving_nodes: inPool, state: 'active' },
  };
}

export function wireClusterNode(n: Node): WireClusterNode {
  return {
    instance_id: n.id,
    node_name: n.name,
    host_name: n.name,
    ip_address: [n.privateIp],
    instance_type: n.instanceType,
    instance_type_family: family(n.instanceType),
    ...(n.nodePoolId === undefined ? {} : { nodepool_id: n.nodePoolId }),
    instance_role: 'Worker',
    node_status: 'true',
    state: 'running',
    source: 'ess_attach',
    is_aliyun_node: true,
  };
}

export function wireVSwitch(v: VSwitch): WireVSwitch {
  return {
    VSwitchId: v.id,
    ...(v.name === undefined ? {} : { VSwitchName: v.name }),
    VpcId: v.vpcId,
    ZoneId: v.zoneId,
    CidrBlock: v.cidr,
    AvailableIpAddressCount: v.availableIpCount,
    Status: 'Available',
    IsDefault: false,
    ...(v.routeTableId === undefined
      ? {}
      : { RouteTable: { RouteTableId: v.routeTableId, RouteTableType: v.routeTableType ?? 'System' } }),
  };
}

export function wireNatGateway(g: NatGateway, regionId: string, eipByIp: Map<string, Eip> = new Map()): WireNatGateway {
  return {
    NatGatewayId: g.id,
    ...(g.name === undefined ? {} : { Name: g.name }),
    VpcId: g.vpcId,
    NatType: g.type,
    NetworkType: 'internet',
    Spec: '',
    Status: g.status,
    BusinessStatus: 'Normal',
    RegionId: regionId,
    EipBindMode: 'MULTI_BINDED',
    SnatTableIds: { SnatTableId: [...g.snatTableIds] },
    ForwardTableIds: { ForwardTableId: [] },
    IpLists: {
      IpList: g.ips.map((ip) => {
        const eip = eipByIp.get(ip);
        return {
          IpAddress: ip,
          ...(eip ? { AllocationId: eip.id } : {}),
          UsingStatus: 'UsedBySnatTable',
          SnatEntryEnabled: true,
        };
      }),
    },
  };
}

export function wireSnatEntry(s: SnatEntry): WireSnatEntry {
  return {
    SnatEntryId: s.id,
    SnatTableId: s.snatTableId,
    NatGatewayId: s.natGatewayId,
    ...(s.sourceVSwitchId === undefined ? {} : { SourceVSwitchId: s.sourceVSwitchId }),
    ...(s.sourceCidr === undefined ? {} : { SourceCIDR: s.sourceCidr }),
    SnatIp: s.snatIp,
    Status: s.status,
  };
}

export function wireRouteTable(t: RouteTable): WireRouteTable {
  return {
    RouteTableId: t.id,
    RouteTableType: t.type,
    VpcId: t.vpcId,
    RouterId: `vrt-${t.vpcId.replace(/^vpc-/, '')}`,
    RouterType: 'VRouter',
    AssociateType: 'VSwitch',
    Status: 'Available',
    VSwitchIds: { VSwitchId: [...t.vswitchIds] },
  };
}

/** Route entries get synthetic ids `rte-<table suffix>-<index>`; the snapshot has none. */
export function wireRouteEntries(t: RouteTable): WireRouteEntry[] {
  const suffix = t.id.replace(/^vtb-/, '');
  return t.entries.map((e, i) => ({
    RouteEntryId: `rte-${suffix}-${String(i + 1).padStart(4, '0')}`,
    RouteTableId: t.id,
    DestinationCidrBlock: e.destinationCidr,
    Type: e.nextHopType === 'local' ? 'System' : 'Custom',
    ...(e.status === undefined ? {} : { Status: e.status }),
    IpVersion: 'ipv4',
    Origin: 'RouteEntryType',
    NextHops: {
      NextHop: [{ NextHopType: e.nextHopType, ...(e.nextHopId === undefined ? {} : { NextHopId: e.nextHopId }), Enabled: 1, Weight: 100 }],
    },
  }));
}

export function wireEip(e: Eip, regionId: string): WireEip {
  return {
    AllocationId: e.id,
    IpAddress: e.ip,
    ...(e.boundId === undefined ? {} : { InstanceId: e.boundId }),
    ...(e.boundType === undefined ? {} : { InstanceType: e.boundType }),
    Status: e.status,
    RegionId: regionId,
    Bandwidth: '5',
    InternetChargeType: 'PayByTraffic',
  };
}

export function wireInstance(i: Instance, regionId: string, vpcId: string, eipByIp: Map<string, Eip> = new Map()): WireInstance {
  const eip = i.eipAddress === undefined ? undefined : eipByIp.get(i.eipAddress);
  return {
    InstanceId: i.id,
    InstanceName: `node-${i.id}`,
    HostName: `iZ${i.id.replace(/^i-/, '')}Z`,
    InstanceType: i.instanceType,
    InstanceTypeFamily: family(i.instanceType),
    ZoneId: i.zoneId,
    RegionId: regionId,
    Status: 'Running',
    ...(i.osName === undefined ? {} : { OSName: i.osName }),
    OSType: 'linux',
    InstanceNetworkType: 'vpc',
    VpcAttributes: {
      VpcId: vpcId,
      VSwitchId: i.vswitchId,
      PrivateIpAddress: { IpAddress: [i.privateIp] },
      NatIpAddress: '',
    },
    PublicIpAddress: { IpAddress: i.publicIp === undefined ? [] : [i.publicIp] },
    EipAddress: {
      AllocationId: eip?.id ?? '',
      IpAddress: i.eipAddress ?? '',
      ...(i.eipAddress === undefined ? {} : { Bandwidth: 5, InternetChargeType: 'PayByTraffic' }),
    },
  };
}

export function wireInstanceType(t: InstanceType): WireInstanceType {
  return {
    InstanceTypeId: t.id,
    InstanceTypeFamily: family(t.id),
    EniQuantity: t.eniQuantity,
    EniPrivateIpAddressQuantity: t.eniPrivateIpAddressQuantity,
    EniTotalQuantity: t.eniTotalQuantity,
    EniTrunkSupported: t.eniTrunkSupported,
    ...(t.eniIpv6AddressQuantity === undefined ? {} : { EniIpv6AddressQuantity: t.eniIpv6AddressQuantity }),
  };
}

/** ecs.g6.large → ecs.g6 */
function family(instanceType: string): string {
  const parts = instanceType.split('.');
  return parts.length >= 3 ? parts.slice(0, -1).join('.') : instanceType;
}

// ---------------------------------------------------------------------------------------------
// Padding: filler resources placed before the real ones, so the interesting ones land on the
// last page (320 vSwitches in a VPC → the real ones on page 7 of 50).
// ---------------------------------------------------------------------------------------------

export interface PadOptions {
  /** Total vSwitches per VPC that has any. */
  vswitches?: number;
  /** Total NAT gateways per VPC that has any; each filler gets its own empty SNAT table. */
  natGateways?: number;
  /** Total entries per SNAT table (every table of every NAT gateway, fillers' included). */
  snatEntries?: number;
  /** Total route tables per VPC that has any. */
  routeTables?: number;
  /** Total entries per route table that has any. */
  routeEntries?: number;
  /** Total EIPs in the region (unbound fillers). */
  eips?: number;
  /** Total nodes per cluster that has any; each filler node gets an ECS instance. */
  nodes?: number;
  /** Total ECS instances in the region (fillers that are no cluster's node). */
  instances?: number;
  /** Total clusters in the region (Flannel fillers without nodes, in a VPC of their own). */
  clusters?: number;
  /** Total instance types in the catalogue. */
  instanceTypes?: number;
}

/**
 * Returns a copy of the scenario with filler resources added in front of the real ones. Fillers
 * are harmless to the rules: filler vSwitches and SNAT sources sit in 198.18.0.0/15 (the benchmark
 * range), filler route entries point 198.19.x.0/24 at the VPC's first NAT gateway or nowhere, filler
 * nodes copy the first real node's pool, zone, vSwitch and instance type. Ids contain "filler".
 */
export function padScenario(scenario: FakeCloudScenario, pad: PadOptions): FakeCloudScenario {
  const s: FakeCloudScenario = structuredClone(scenario);
  const vpcs = unique(s.vswitches.map((v) => v.VpcId));

  if (pad.vswitches !== undefined) {
    let k = 0;
    for (const vpc of vpcs) {
      const real = s.vswitches.filter((v) => v.VpcId === vpc);
      const first = real[0]!;
      const fillers: WireVSwitch[] = [];
      for (let i = real.length; i < pad.vswitches; i++, k++) {
        fillers.push({
          VSwitchId: `vsw-filler${pad6(k)}`,
          VSwitchName: `filler-${k}`,
          VpcId: vpc,
          ZoneId: first.ZoneId,
          CidrBlock: cidr28(k),
          AvailableIpAddressCount: 11,
          Status: 'Available',
          IsDefault: false,
          ...(first.RouteTable ? { RouteTable: { ...first.RouteTable } } : {}),
        });
      }
      s.vswitches = [...fillers, ...s.vswitches];
    }
  }

  if (pad.natGateways !== undefined) {
    let k = 0;
    const natVpcs = unique(s.natGateways.map((g) => g.VpcId));
    for (const vpc of natVpcs) {
      const real = s.natGateways.filter((g) => g.VpcId === vpc);
      const fillers: WireNatGateway[] = [];
      for (let i = real.length; i < pad.natGateways; i++, k++) {
        fillers.push({
          NatGatewayId: `ngw-filler${pad6(k)}`,
          Name: `filler-${k}`,
          VpcId: vpc,
          NatType: 'Enhanced',
          NetworkType: 'internet',
          Status: 'Available',
          RegionId: s.regionId,
          SnatTableIds: { SnatTableId: [`stb-filler${pad6(k)}`] },
          ForwardTableIds: { ForwardTableId: [] },
          IpLists: { IpList: [] },
        });
      }
      s.natGateways = [...fillers, ...s.natGateways];
    }
  }

  if (pad.snatEntries !== undefined) {
    let k = 0;
    const fillers: WireSnatEntry[] = [];
    for (const g of s.natGateways) {
      for (const table of g.SnatTableIds.SnatTableId) {
        const have = s.snatEntries.filter((e) => e.SnatTableId === table).length;
        for (let i = have; i < pad.snatEntries; i++, k++) {
          fillers.push({
            SnatEntryId: `snat-filler${pad6(k)}`,
            SnatTableId: table,
            NatGatewayId: g.NatGatewayId,
            SourceCIDR: `${ip(RANGE.snat + k)}/32`,
            SnatIp: g.IpLists.IpList[0]?.IpAddress ?? '203.0.113.1',
            Status: 'Available',
          });
        }
      }
    }
    s.snatEntries = [...fillers, ...s.snatEntries];
  }

  if (pad.routeTables !== undefined) {
    let k = 0;
    const rtVpcs = unique(s.routeTables.map((t) => t.VpcId));
    for (const vpc of rtVpcs) {
      const real = s.routeTables.filter((t) => t.VpcId === vpc);
      const fillers: WireRouteTable[] = [];
      for (let i = real.length; i < pad.routeTables; i++, k++) {
        fillers.push({
          RouteTableId: `vtb-filler${pad6(k)}`,
          RouteTableType: 'Custom',
          VpcId: vpc,
          RouterId: real[0]?.RouterId ?? `vrt-${vpc}`,
          RouterType: 'VRouter',
          AssociateType: 'VSwitch',
          Status: 'Available',
          VSwitchIds: { VSwitchId: [] },
        });
      }
      s.routeTables = [...fillers, ...s.routeTables];
    }
  }

  if (pad.routeEntries !== undefined) {
    let k = 0;
    const fillers: WireRouteEntry[] = [];
    for (const t of s.routeTables) {
      const have = s.routeEntries.filter((e) => e.RouteTableId === t.RouteTableId).length;
      if (have === 0) continue;
      for (let i = have; i < pad.routeEntries; i++, k++) {
        fillers.push({
          RouteEntryId: `rte-filler${pad6(k)}`,
          RouteTableId: t.RouteTableId,
          DestinationCidrBlock: `${ip(RANGE.route + k)}/32`,
          Type: 'Custom',
          Status: 'Available',
          IpVersion: 'ipv4',
          NextHops: { NextHop: [{ NextHopType: 'HaVip', NextHopId: `havip-filler${pad6(k)}`, Enabled: 1 }] },
        });
      }
    }
    s.routeEntries = [...fillers, ...s.routeEntries];
  }

  if (pad.eips !== undefined) {
    const fillers: WireEip[] = [];
    for (let k = 0; s.eips.length + fillers.length < pad.eips; k++) {
      fillers.push({
        AllocationId: `eip-filler${pad6(k)}`,
        IpAddress: documentationIp(k),
        Status: 'Available',
        RegionId: s.regionId,
        Bandwidth: '1',
      });
    }
    s.eips = [...fillers, ...s.eips];
  }

  if (pad.nodes !== undefined) {
    let k = 0;
    for (const c of s.clusters) {
      const first = c.nodes[0];
      if (!first) continue;
      const firstInstance = s.instances.find((i) => i.InstanceId === first.instance_id);
      const nodes: WireClusterNode[] = [];
      const instances: WireInstance[] = [];
      for (let i = c.nodes.length; i < pad.nodes; i++, k++) {
        const id = `i-filler${pad6(k)}`;
        const privateIp = ip(RANGE.node + k);
        nodes.push({ ...first, instance_id: id, node_name: `filler-${k}`, host_name: `filler-${k}`, ip_address: [privateIp] });
        if (firstInstance) {
          instances.push({
            ...structuredClone(firstInstance),
            InstanceId: id,
            InstanceName: `filler-${k}`,
            HostName: `filler-${k}`,
            VpcAttributes: { ...firstInstance.VpcAttributes, PrivateIpAddress: { IpAddress: [privateIp] } },
            PublicIpAddress: { IpAddress: [] },
            EipAddress: { AllocationId: '', IpAddress: '' },
          });
        }
      }
      c.nodes = [...nodes, ...c.nodes];
      c.detail.size = c.nodes.length;
      s.instances = [...instances, ...s.instances];
    }
  }

  if (pad.instances !== undefined) {
    const template = s.instances[0];
    const fillers: WireInstance[] = [];
    for (let k = 0; template && s.instances.length + fillers.length < pad.instances; k++) {
      fillers.push({
        ...structuredClone(template),
        InstanceId: `i-fillerx${pad6(k)}`,
        InstanceName: `filler-x-${k}`,
        HostName: `filler-x-${k}`,
        VpcAttributes: { ...template.VpcAttributes, PrivateIpAddress: { IpAddress: [ip(RANGE.instance + k)] } },
        PublicIpAddress: { IpAddress: [] },
        EipAddress: { AllocationId: '', IpAddress: '' },
      });
    }
    s.instances = [...fillers, ...s.instances];
  }

  if (pad.clusters !== undefined) {
    const fillers: ScenarioCluster[] = [];
    for (let k = 0; s.clusters.length + fillers.length < pad.clusters; k++) {
      const id = `c-filler${pad6(k)}`;
      fillers.push({
        detail: {
          cluster_id: id,
          name: `filler-${k}`,
          region_id: s.regionId,
          state: 'running',
          cluster_type: 'ManagedKubernetes',
          cluster_spec: 'ack.standard',
          profile: 'Default',
          vpc_id: `vpc-filler${pad6(k)}`,
          vswitch_ids: [],
          container_cidr: '172.30.0.0/16',
          service_cidr: '192.168.0.0/16',
          meta_data: JSON.stringify({ Addons: [{ name: 'flannel', version: 'v0.25.7.1-4d6b7a8-aliyun' }] }),
          parameters: { PodVswitchIds: '[]' },
          size: 0,
        },
        addons: [{ name: 'flannel', version: 'v0.25.7.1-4d6b7a8-aliyun', state: 'active' }],
        nodePools: [],
        nodes: [],
      });
    }
    s.clusters = [...fillers, ...s.clusters];
  }

  if (pad.instanceTypes !== undefined) {
    const fillers: WireInstanceType[] = [];
    for (let k = 0; s.instanceTypes.length + fillers.length < pad.instanceTypes; k++) {
      fillers.push({
        InstanceTypeId: `ecs.filler${k}.large`,
        InstanceTypeFamily: `ecs.filler${k}`,
        EniQuantity: 3,
        EniPrivateIpAddressQuantity: 10,
        EniTotalQuantity: 3,
        EniTrunkSupported: false,
        EniIpv6AddressQuantity: 1,
      });
    }
    s.instanceTypes = [...fillers, ...s.instanceTypes];
  }

  return s;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function pad6(n: number): string {
  return String(n).padStart(6, '0');
}

function ip(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/**
 * Filler address ranges, all inside 198.18.0.0/15 (RFC 2544, benchmarking) so they never meet a
 * scenario's real 10.x/172.x/192.168.x blocks: vSwitch /28s in 198.18.0.0/17, filler node IPs from
 * 198.18.128.0, other filler instances from 198.18.192.0, SNAT sources from 198.19.0.0, route
 * destinations from 198.19.128.0.
 */
const RANGE = { vswitch: 0xc6120000, node: 0xc6128000, instance: 0xc612c000, snat: 0xc6130000, route: 0xc6138000 };

/** The k-th /28 in 198.18.0.0/17. */
function cidr28(k: number): string {
  if (k >= 2048) throw new Error('padScenario: at most 2048 filler vSwitches');
  return `${ip(RANGE.vswitch + k * 16)}/28`;
}

/** Public-looking filler EIPs from the documentation ranges (RFC 5737): at most 762. */
function documentationIp(k: number): string {
  const nets = ['203.0.113', '198.51.100', '192.0.2'];
  const net = nets[Math.floor(k / 254)];
  if (!net) throw new Error('padScenario: at most 762 filler EIPs');
  return `${net}.${(k % 254) + 1}`;
}
