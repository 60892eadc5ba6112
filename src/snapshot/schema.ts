/**
 * JSON Schema (draft-07) of snapshot v1. Kept beside types.ts; test/snapshot/schema.test.ts checks
 * that the fixtures validate and that every section in SECTION_NAMES is described here.
 */

const str = { type: 'string' } as const;
const nonEmpty = { type: 'string', minLength: 1 } as const;
const int = { type: 'integer', minimum: 0 } as const;
const bool = { type: 'boolean' } as const;
const strList = { type: 'array', items: str } as const;

function entity(required: string[], properties: Record<string, object>) {
  return {
    type: 'object',
    additionalProperties: false,
    required,
    properties,
  } as const;
}

const nodePool = entity(['id', 'name', 'instanceTypes', 'vswitchIds', 'desiredSize'], {
  id: nonEmpty,
  name: str,
  instanceTypes: strList,
  vswitchIds: strList,
  desiredSize: int,
  maxPods: int,
  terwayMode: { enum: ['shared', 'exclusive', 'trunk', 'prefix'] },
  terwayConfig: nonEmpty,
});

const cluster = entity(['id', 'name', 'region', 'networkPlugin', 'addons', 'vpcId', 'nodeVSwitchIds'], {
  id: nonEmpty,
  name: str,
  region: str,
  networkPlugin: { enum: ['flannel', 'terway', 'unknown'] },
  addons: {
    type: 'array',
    items: entity(['name'], { name: nonEmpty, version: str }),
  },
  vpcId: str,
  podCidr: str,
  serviceCidr: str,
  nodeVSwitchIds: strList,
  podVSwitchIds: strList,
  nodePools: { type: 'array', items: nodePool },
});

const node = entity(['id', 'clusterId', 'name', 'zoneId', 'instanceType', 'privateIp'], {
  id: nonEmpty,
  clusterId: nonEmpty,
  name: str,
  nodePoolId: str,
  zoneId: str,
  instanceType: str,
  privateIp: str,
  osImage: str,
  kernelVersion: str,
  allocatablePods: int,
  terwayConfig: str,
});

const vswitch = entity(['id', 'vpcId', 'zoneId', 'cidr', 'availableIpCount'], {
  id: nonEmpty,
  name: str,
  vpcId: str,
  zoneId: str,
  cidr: str,
  availableIpCount: int,
  routeTableId: str,
  routeTableType: str,
});

const natGateway = entity(['id', 'vpcId', 'type', 'status', 'snatTableIds', 'ips'], {
  id: nonEmpty,
  name: str,
  vpcId: str,
  type: str,
  status: str,
  snatTableIds: strList,
  ips: strList,
});

const snatEntry = entity(['id', 'snatTableId', 'natGatewayId', 'snatIp', 'status'], {
  id: nonEmpty,
  snatTableId: str,
  natGatewayId: str,
  sourceVSwitchId: str,
  sourceCidr: str,
  snatIp: str,
  status: str,
});

const routeTable = entity(['id', 'vpcId', 'type', 'vswitchIds', 'entries'], {
  id: nonEmpty,
  vpcId: str,
  type: str,
  vswitchIds: strList,
  entries: {
    type: 'array',
    items: entity(['destinationCidr', 'nextHopType'], {
      destinationCidr: str,
      nextHopType: str,
      nextHopId: str,
      status: str,
    }),
  },
});

const eip = entity(['id', 'ip', 'status'], {
  id: nonEmpty,
  ip: str,
  boundType: str,
  boundId: str,
  status: str,
});

const instance = entity(['id', 'zoneId', 'instanceType', 'vswitchId', 'privateIp'], {
  id: nonEmpty,
  zoneId: str,
  instanceType: str,
  vswitchId: str,
  privateIp: str,
  publicIp: str,
  eipAddress: str,
  osName: str,
});

const instanceType = entity(
  ['id', 'eniQuantity', 'eniPrivateIpAddressQuantity', 'eniTotalQuantity', 'eniTrunkSupported'],
  {
    id: nonEmpty,
    eniQuantity: int,
    eniPrivateIpAddressQuantity: int,
    eniTotalQuantity: int,
    eniTrunkSupported: bool,
    eniIpv6AddressQuantity: int,
  },
);

const pod = entity(['id', 'clusterId', 'hostNetwork', 'hostPorts', 'phase'], {
  id: nonEmpty,
  clusterId: nonEmpty,
  nodeName: str,
  ownerKind: str,
  hostNetwork: bool,
  hostPorts: {
    type: 'array',
    items: entity(['containerPort', 'hostPort', 'protocol'], {
      containerPort: int,
      hostPort: int,
      protocol: str,
    }),
  },
  phase: str,
});

const networkPolicy = entity(['id', 'clusterId', 'policyTypes'], {
  id: nonEmpty,
  clusterId: nonEmpty,
  policyTypes: strList,
});

const eniConfig = entity(
  ['id', 'clusterId', 'vswitches', 'securityGroups', 'trunk', 'prefix', 'ipStack', 'portmapChain'],
  {
    id: nonEmpty,
    clusterId: nonEmpty,
    vswitches: { type: 'object', additionalProperties: strList },
    securityGroups: strList,
    securityGroupsListed: int,
    trunk: bool,
    prefix: bool,
    ipStack: str,
    datapath: str,
    portmapChain: bool,
    networkPolicyDisabled: bool,
    terwayConfig: nonEmpty,
  },
);

const daemonSet = entity(['id', 'clusterId', 'images', 'desiredNumberScheduled', 'numberReady'], {
  id: nonEmpty,
  clusterId: nonEmpty,
  images: strList,
  desiredNumberScheduled: { type: 'integer', minimum: 0 },
  numberReady: { type: 'integer', minimum: 0 },
  observed: bool,
});

const hostService = entity(['id', 'source', 'service', 'hostIp', 'hostPort', 'protocol'], {
  id: nonEmpty,
  source: { enum: ['compose', 'node-inventory'] },
  nodeId: str,
  file: str,
  line: { type: 'integer', minimum: 1 },
  service: str,
  hostIp: str,
  hostPort: { type: 'integer', minimum: 0, maximum: 65535 },
  protocol: str,
});

const collectionError = entity(['source', 'section', 'kind', 'message'], {
  source: nonEmpty,
  section: { enum: [] as string[] }, // filled below from SECTION_NAMES
  clusterId: str,
  nodeId: str,
  kind: { enum: ['permission', 'throttled', 'timeout', 'network', 'not-found', 'invalid-response', 'invalid-request', 'unavailable'] },
  code: str,
  requestId: str,
  message: str,
  action: str,
});

export const sectionSchemas = {
  clusters: cluster,
  nodes: node,
  vswitches: vswitch,
  natGateways: natGateway,
  snatEntries: snatEntry,
  routeTables: routeTable,
  eips: eip,
  instances: instance,
  instanceTypes: instanceType,
  pods: pod,
  networkPolicies: networkPolicy,
  eniConfigs: eniConfig,
  daemonSets: daemonSet,
  hostServices: hostService,
} as const;

const sectionNames = Object.keys(sectionSchemas);
(collectionError.properties.section as { enum: string[] }).enum = sectionNames;

export const snapshotSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://terway-lint.dev/schemas/snapshot-v1.json',
  title: 'terway-lint snapshot v1',
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'meta', 'errors'],
  properties: {
    schemaVersion: { const: 1 },
    meta: entity(['toolVersion', 'collectedAt', 'region', 'scope'], {
      toolVersion: str,
      collectedAt: str,
      region: str,
      description: str,
      scope: {
        type: 'array',
        items: entity(['clusterId', 'role'], {
          clusterId: nonEmpty,
          role: { enum: ['source', 'target', 'standalone'] },
          sourceClusterId: str,
        }),
      },
      notRequested: { type: 'array', items: { enum: sectionNames } },
    }),
    ...Object.fromEntries(
      Object.entries(sectionSchemas).map(([name, item]) => [name, { type: 'array', items: item }]),
    ),
    errors: { type: 'array', items: collectionError },
  },
} as const;
