// Regenerates the example snapshots in fixtures/snapshots/: seed-incident.json, ready.json (the same
// estate, fixed) and the scenarios derived from ready (see scenarios below).
// Run: node scripts/build-example-fixtures.mjs   (the output is committed; tests read the files)
import { writeFileSync } from 'node:fs';

const REGION = 'cn-hangzhou';
const VPC = 'vpc-bp1shop0001';
const SOURCE = 'c-flannel0shop01';
const TARGET = 'c-terway00shop01';

const zoneH = 'cn-hangzhou-h';
const zoneI = 'cn-hangzhou-i';

function node(clusterId, id, pool, zone, ip, type, extra = {}) {
  return {
    id, clusterId, name: `${REGION}.${ip}`, nodePoolId: pool, zoneId: zone, instanceType: type, privateIp: ip,
    osImage: 'Alibaba Cloud Linux 3.2104 LTS 64 bit', kernelVersion: '5.10.134-16.3.al8.x86_64', allocatablePods: extra.allocatablePods ?? 256,
  };
}

function daemonSet(clusterId, name, images, nodes) {
  return { id: `kube-system/${name}`, clusterId, images, desiredNumberScheduled: nodes, numberReady: nodes };
}

/** 'cn-hangzhou.10.0.0.11' → '10-0-0-11': pod names unique per cluster. */
const ipOf = (nodeName) => nodeName.slice(REGION.length + 1).replaceAll('.', '-');

function podsOn(clusterId, nodeName, count, prefix) {
  const pods = [];
  for (let i = 0; i < count; i++) {
    pods.push({ id: `${prefix}/${prefix}-${ipOf(nodeName)}-${String(i).padStart(2, '0')}`, clusterId, nodeName, ownerKind: 'ReplicaSet', hostNetwork: false, hostPorts: [], phase: 'Running' });
  }
  for (const ds of ['kube-proxy-worker', 'node-exporter']) {
    pods.push({ id: `kube-system/${ds}-${ipOf(nodeName)}`, clusterId, nodeName, ownerKind: 'DaemonSet', hostNetwork: true, hostPorts: [], phase: 'Running' });
  }
  pods.push({ id: `batch/report-${ipOf(nodeName)}`, clusterId, nodeName, ownerKind: 'Job', hostNetwork: false, hostPorts: [], phase: 'Succeeded' });
  return pods;
}

function estate({ fixed }) {
  const sourceNodes = [
    node(SOURCE, 'i-bp1fweb000001', 'np-src-web', zoneH, '10.0.0.11', 'ecs.g6.large'),
    node(SOURCE, 'i-bp1fweb000002', 'np-src-web', zoneI, '10.0.1.11', 'ecs.g6.large'),
    node(SOURCE, 'i-bp1fapp000001', 'np-src-app', zoneH, '10.0.0.21', 'ecs.g6.2xlarge'),
    node(SOURCE, 'i-bp1fapp000002', 'np-src-app', zoneI, '10.0.1.21', 'ecs.g6.2xlarge'),
    node(SOURCE, 'i-bp1fcore00001', 'np-src-core', zoneH, '10.0.0.31', 'ecs.g7.4xlarge'),
  ];
  const targetNodes = [
    node(TARGET, 'i-bp1tapp000001', 'np-tw-app', zoneH, '10.0.0.121', fixed ? 'ecs.g7.2xlarge' : 'ecs.c6.xlarge'),
    node(TARGET, 'i-bp1tapp000002', 'np-tw-app', zoneI, '10.0.1.121', fixed ? 'ecs.g7.2xlarge' : 'ecs.c6.xlarge'),
    node(TARGET, 'i-bp1tcore00001', 'np-tw-core', zoneI, '10.0.1.131', 'ecs.g7.4xlarge'),
  ];
  const sourceCounts = { '10.0.0.11': 14, '10.0.1.11': 12, '10.0.0.21': 58, '10.0.1.21': 51, '10.0.0.31': 40 };
  const targetCounts = { '10.0.0.121': 20, '10.0.1.121': 18, '10.0.1.131': 25 };
  const pods = [
    ...sourceNodes.flatMap((n) => podsOn(SOURCE, n.name, sourceCounts[n.privateIp], 'shop')),
    ...targetNodes.flatMap((n) => podsOn(TARGET, n.name, targetCounts[n.privateIp], 'shop')),
  ];
  const vswitch = (id, name, zone, cidr, free, rt = 'vtb-bp1shopsys01', rtType = 'System') => ({ id, name, vpcId: VPC, zoneId: zone, cidr, availableIpCount: free, routeTableId: rt, routeTableType: rtType });
  const snat = (id, vsw, cidr) => ({ id, snatTableId: 'stb-bp1shop0001', natGatewayId: 'ngw-bp1shop0001', ...(vsw ? { sourceVSwitchId: vsw } : {}), sourceCidr: cidr, snatIp: '47.98.10.20', status: 'Available' });
  const instance = (n, eip) => ({ id: n.id, zoneId: n.zoneId, instanceType: n.instanceType, vswitchId: n.zoneId === zoneH ? 'vsw-bp1nodeh0001' : 'vsw-bp1nodei0001', privateIp: n.privateIp, eipAddress: eip, osName: 'Alibaba Cloud Linux 3.2104 LTS 64 bit' });
  const allNodes = [...sourceNodes, ...targetNodes];
  const eips = allNodes.map((n, i) => ({ id: `eip-bp1node${String(i + 1).padStart(5, '0')}`, ip: `47.98.20.${i + 11}`, boundType: 'EcsInstance', boundId: n.id, status: 'InUse' }));
  eips.push({ id: 'eip-bp1natgw0001', ip: '47.98.10.20', boundType: 'Nat', boundId: 'ngw-bp1shop0001', status: 'InUse' });

  const snapshot = {
    schemaVersion: 1,
    meta: {
      toolVersion: '0.1.0',
      collectedAt: '2026-11-20T08:30:00Z',
      region: REGION,
      description: fixed
        ? 'The seed-incident estate with every problem fixed: SNAT for vsw-bp1podh20002, redis moved into the cluster, node pools on instance types with enough ENIs.'
        : 'Flannel→Terway cutover incident: pod vSwitch added later without SNAT, docker-compose redis publishing 6379 on a Terway node, node pools on instance types whose ENIs cap pods far below today\'s load.',
      scope: [
        { clusterId: SOURCE, role: 'source' },
        { clusterId: TARGET, role: 'target', sourceClusterId: SOURCE },
      ],
    },
    clusters: [
      {
        id: SOURCE, name: 'shop-prod', region: REGION, networkPlugin: 'flannel', addons: [{ name: 'flannel', version: 'v0.25.7.1-4d6b7a8-aliyun' }],
        vpcId: VPC, podCidr: '172.20.0.0/16', serviceCidr: '192.168.0.0/16', nodeVSwitchIds: ['vsw-bp1nodeh0001', 'vsw-bp1nodei0001'],
        nodePools: [
          { id: 'np-src-app', name: 'app', instanceTypes: ['ecs.g6.2xlarge'], vswitchIds: ['vsw-bp1nodeh0001', 'vsw-bp1nodei0001'], desiredSize: 2, maxPods: 128 },
          { id: 'np-src-core', name: 'core', instanceTypes: ['ecs.g7.4xlarge'], vswitchIds: ['vsw-bp1nodeh0001'], desiredSize: 1, maxPods: 128 },
          { id: 'np-src-web', name: 'web', instanceTypes: ['ecs.g6.large'], vswitchIds: ['vsw-bp1nodeh0001', 'vsw-bp1nodei0001'], desiredSize: 2, maxPods: 64 },
        ],
      },
      {
        id: TARGET, name: 'shop-prod-terway', region: REGION, networkPlugin: 'terway', addons: [{ name: 'terway-eniip', version: 'v1.17.2' }],
        vpcId: VPC, serviceCidr: '192.168.0.0/16', nodeVSwitchIds: ['vsw-bp1nodeh0001', 'vsw-bp1nodei0001'],
        podVSwitchIds: ['vsw-bp1podh10001', 'vsw-bp1podi10001'],
        nodePools: [
          { id: 'np-tw-app', name: 'app', instanceTypes: [fixed ? 'ecs.g7.2xlarge' : 'ecs.c6.xlarge'], vswitchIds: ['vsw-bp1nodeh0001', 'vsw-bp1nodei0001'], desiredSize: 2 },
          { id: 'np-tw-core', name: 'core', instanceTypes: ['ecs.g7.4xlarge'], vswitchIds: ['vsw-bp1nodei0001'], desiredSize: 1 },
          { id: 'np-tw-web', name: 'web', instanceTypes: [fixed ? 'ecs.g7.xlarge' : 'ecs.g6.large'], vswitchIds: ['vsw-bp1nodeh0001', 'vsw-bp1nodei0001'], desiredSize: 2 },
        ],
      },
    ],
    nodes: allNodes,
    vswitches: [
      vswitch('vsw-bp1nodeh0001', 'shop-node-h', zoneH, '10.0.0.0/24', 231),
      vswitch('vsw-bp1nodei0001', 'shop-node-i', zoneI, '10.0.1.0/24', 236),
      vswitch('vsw-bp1podh10001', 'shop-pod-h1', zoneH, '10.0.32.0/19', 5342),
      vswitch('vsw-bp1podh20002', 'shop-pod-h2', zoneH, '10.0.64.0/19', 8187),
      vswitch('vsw-bp1podi10001', 'shop-pod-i1', zoneI, '10.0.128.0/19', 7790),
    ],
    natGateways: [
      { id: 'ngw-bp1shop0001', name: 'shop-egress', vpcId: VPC, type: 'Enhanced', status: 'Available', snatTableIds: ['stb-bp1shop0001'], ips: ['47.98.10.20'] },
    ],
    snatEntries: [
      snat('snat-bp1nodeh0001', 'vsw-bp1nodeh0001', '10.0.0.0/24'),
      snat('snat-bp1nodei0001', 'vsw-bp1nodei0001', '10.0.1.0/24'),
      snat('snat-bp1podh10001', 'vsw-bp1podh10001', '10.0.32.0/19'),
      snat('snat-bp1podi0cidr', undefined, '10.0.128.0/18'),
      ...(fixed ? [snat('snat-bp1podh20002', 'vsw-bp1podh20002', '10.0.64.0/19')] : []),
    ],
    routeTables: [
      {
        id: 'vtb-bp1shopsys01', vpcId: VPC, type: 'System',
        vswitchIds: ['vsw-bp1nodeh0001', 'vsw-bp1nodei0001', 'vsw-bp1podh10001', 'vsw-bp1podh20002', 'vsw-bp1podi10001'],
        entries: [
          { destinationCidr: '0.0.0.0/0', nextHopType: 'NatGateway', nextHopId: 'ngw-bp1shop0001', status: 'Available' },
          ...sourceNodes.map((n, i) => ({ destinationCidr: `172.20.${i}.0/24`, nextHopType: 'Instance', nextHopId: n.id, status: 'Available' })),
        ],
      },
    ],
    eips,
    instances: allNodes.map((n) => instance(n, eips.find((e) => e.boundId === n.id).ip)),
    instanceTypes: [
      { id: 'ecs.c6.xlarge', eniQuantity: 4, eniPrivateIpAddressQuantity: 15, eniTotalQuantity: 4, eniTrunkSupported: false, eniIpv6AddressQuantity: 1 },
      { id: 'ecs.g6.2xlarge', eniQuantity: 4, eniPrivateIpAddressQuantity: 10, eniTotalQuantity: 4, eniTrunkSupported: false, eniIpv6AddressQuantity: 1 },
      { id: 'ecs.g6.large', eniQuantity: 2, eniPrivateIpAddressQuantity: 6, eniTotalQuantity: 2, eniTrunkSupported: false, eniIpv6AddressQuantity: 1 },
      { id: 'ecs.g7.2xlarge', eniQuantity: 6, eniPrivateIpAddressQuantity: 15, eniTotalQuantity: 38, eniTrunkSupported: true, eniIpv6AddressQuantity: 15 },
      { id: 'ecs.g7.4xlarge', eniQuantity: 8, eniPrivateIpAddressQuantity: 30, eniTotalQuantity: 48, eniTrunkSupported: true, eniIpv6AddressQuantity: 30 },
      { id: 'ecs.g7.xlarge', eniQuantity: 4, eniPrivateIpAddressQuantity: 15, eniTotalQuantity: 22, eniTrunkSupported: true, eniIpv6AddressQuantity: 15 },
    ],
    pods,
    networkPolicies: [],
    eniConfigs: [
      {
        id: 'kube-system/eni-config', clusterId: TARGET,
        vswitches: { [zoneH]: ['vsw-bp1podh10001', 'vsw-bp1podh20002'], [zoneI]: ['vsw-bp1podi10001'] },
        securityGroups: ['sg-bp1shoppods01'], trunk: false, prefix: false, ipStack: 'ipv4', datapath: 'veth', portmapChain: false,
      },
    ],
    daemonSets: [
      daemonSet(SOURCE, 'kube-flannel-ds', ['registry-cn-hangzhou-vpc.ack.aliyuncs.com/acs/flannel:v0.15.1.22-20a397e6-aliyun'], sourceNodes.length),
      daemonSet(SOURCE, 'kube-proxy-worker', ['registry-cn-hangzhou-vpc.ack.aliyuncs.com/acs/kube-proxy:v1.30.1-aliyun.1'], sourceNodes.length),
      daemonSet(TARGET, 'terway-eniip', ['registry-cn-hangzhou-vpc.ack.aliyuncs.com/acs/terway:v1.13.4', 'registry-cn-hangzhou-vpc.ack.aliyuncs.com/acs/terway:v1.13.4'], targetNodes.length),
      daemonSet(TARGET, 'kube-proxy-worker', ['registry-cn-hangzhou-vpc.ack.aliyuncs.com/acs/kube-proxy:v1.30.1-aliyun.1'], targetNodes.length),
    ],
    hostServices: [
      ...(fixed ? [] : [{ id: 'fixtures/compose/redis/docker-compose.yml#redis/6379/tcp', source: 'compose', nodeId: 'i-bp1tapp000001', file: 'fixtures/compose/redis/docker-compose.yml', line: 8, service: 'redis', hostIp: '0.0.0.0', hostPort: 6379, protocol: 'tcp' }]),
      { id: 'fixtures/compose/redis/docker-compose.yml#redis-exporter/9121/tcp', source: 'compose', nodeId: 'i-bp1tapp000001', file: 'fixtures/compose/redis/docker-compose.yml', line: 14, service: 'redis-exporter', hostIp: '127.0.0.1', hostPort: 9121, protocol: 'tcp' },
    ],
    errors: [],
  };
  const byId = (a, b) => ((a.clusterId ?? '') + '\0' + a.id < (b.clusterId ?? '') + '\0' + b.id ? -1 : 1);
  for (const key of Object.keys(snapshot)) if (Array.isArray(snapshot[key]) && key !== 'errors') snapshot[key].sort(byId);
  return snapshot;
}

function sorted(snapshot) {
  const byId = (a, b) => ((a.clusterId ?? '') + '\0' + a.id < (b.clusterId ?? '') + '\0' + b.id ? -1 : 1);
  for (const key of Object.keys(snapshot)) if (Array.isArray(snapshot[key]) && key !== 'errors') snapshot[key].sort(byId);
  return snapshot;
}

/**
 * The ready estate at the scale where collectors that stop early miss things: 320 more vSwitches
 * with their SNAT entries, and one more pod vSwitch, last in id order (page 7 at 50 a page), added
 * to eni-config without SNAT.
 */
function pageScale() {
  const s = estate({ fixed: true });
  s.meta.description = 'The ready estate with 320 more vSwitches and SNAT entries; the last pod vSwitch by id has no SNAT entry.';
  for (let i = 0; i < 320; i++) {
    const id = `vsw-bp1fill${String(i).padStart(5, '0')}`;
    const cidr = `10.${1 + Math.floor(i / 64)}.${(i % 64) * 4}.0/22`;
    s.vswitches.push({ id, name: `other-${i}`, vpcId: VPC, zoneId: i % 2 ? zoneI : zoneH, cidr, availableIpCount: 1000, routeTableId: 'vtb-bp1shopsys01', routeTableType: 'System' });
    s.snatEntries.push({ id: `snat-bp1fill${String(i).padStart(5, '0')}`, snatTableId: 'stb-bp1shop0001', natGatewayId: 'ngw-bp1shop0001', sourceVSwitchId: id, sourceCidr: cidr, snatIp: '47.98.10.20', status: 'Available' });
  }
  s.vswitches.push({ id: 'vsw-bp1zzpodlast1', name: 'shop-pod-h3', vpcId: VPC, zoneId: zoneH, cidr: '10.0.192.0/19', availableIpCount: 8189, routeTableId: 'vtb-bp1shopsys01', routeTableType: 'System' });
  s.eniConfigs[0].vswitches[zoneH].push('vsw-bp1zzpodlast1');
  s.routeTables[0].vswitchIds.push('vsw-bp1zzpodlast1');
  return sorted(s);
}

/** The ready pair with Terway's other IP modes: trunk on a type without trunk ENIs, exclusive and prefix pools. */
function modes() {
  const s = estate({ fixed: true });
  s.meta.description = 'The ready pair with trunk enabled in eni-config, an exclusive-ENI core pool and a prefix-mode web pool; the app pool stays on a type without trunk ENIs.';
  const target = s.clusters.find((c) => c.id === TARGET);
  target.nodePools.find((p) => p.id === 'np-tw-app').instanceTypes = ['ecs.c6.xlarge'];
  target.nodePools.find((p) => p.id === 'np-tw-app').desiredSize = 3;
  target.nodePools.find((p) => p.id === 'np-tw-core').terwayMode = 'exclusive';
  target.nodePools.find((p) => p.id === 'np-tw-web').terwayMode = 'prefix';
  s.eniConfigs[0].trunk = true;
  return sorted(s);
}

/** The ready pair with NetworkPolicies in the Flannel source (never enforced there) and in the target. */
function networkPolicies() {
  const s = estate({ fixed: true });
  s.meta.description = 'The ready pair with NetworkPolicies in the Flannel source, which Terway will start enforcing, and an exclusive-ENI pool in the target that cannot enforce them.';
  s.networkPolicies = [
    { id: 'shop/deny-all-ingress', clusterId: SOURCE, policyTypes: ['Ingress'] },
    { id: 'shop/allow-web-to-app', clusterId: SOURCE, policyTypes: ['Ingress'] },
    { id: 'payments/egress-psp-only', clusterId: SOURCE, policyTypes: ['Egress'] },
    { id: 'shop/deny-all-ingress', clusterId: TARGET, policyTypes: ['Ingress'] },
  ];
  s.clusters.find((c) => c.id === TARGET).nodePools.find((p) => p.id === 'np-tw-core').terwayMode = 'exclusive';
  s.clusters.find((c) => c.id === TARGET).nodePools.find((p) => p.id === 'np-tw-core').desiredSize = 6;
  return sorted(s);
}

const out = new URL('../fixtures/snapshots/', import.meta.url);
const write = (name, snapshot) => writeFileSync(new URL(name, out), `${JSON.stringify(snapshot, null, 2)}\n`);
write('seed-incident.json', estate({ fixed: false }));
write('ready.json', estate({ fixed: true }));
write('scenario-page-scale.json', pageScale());
write('scenario-ip-modes.json', modes());
write('scenario-network-policies.json', networkPolicies());
