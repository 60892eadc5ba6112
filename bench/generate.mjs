#!/usr/bin/env node
/**
 * Synthetic snapshot v1 for benchmarks: one Terway target cluster and the Flannel source cluster it
 * replaces, in one VPC, at any number of nodes. Deterministic for a seed (own PRNG, no Math.random,
 * fixed collectedAt), so two runs with the same arguments write byte-identical files.
 *
 *   node bench/generate.mjs --nodes 500 --out bench/out/snapshot-500.json [--seed 1]
 *        [--pods-per-node 40] [--vswitches 400] [--snat-entries 2000] [--instance-types 60]
 *
 * Plain JavaScript on purpose: it must run without a build, and nothing in src/ depends on it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const REGION = 'cn-hangzhou';
const ZONES = ['b', 'g', 'h', 'i', 'j', 'k'].map((z) => `${REGION}-${z}`);
const POOLS_PER_CLUSTER = 20;
const NAT_GATEWAYS = 20;
const NAMESPACES = 120;
const OS_IMAGE = 'Alibaba Cloud Linux 3.2104 U10 (OpenAnolis Edition)';
const KERNEL = '5.10.134-16.3.al8.x86_64';
const OS_NAME = 'Alibaba Cloud Linux 3.2104 LTS 64位';

/** mulberry32: small, fast, good enough to spread synthetic data; never Math.random. */
function prng(seed) {
  let a = hashSeed(seed);
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  /** k distinct elements, in random order (partial Fisher–Yates on a copy). */
  const sample = (list, k) => {
    const copy = [...list];
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, k);
  };
  return { next, int, pick, chance, sample };
}

function hashSeed(seed) {
  const text = String(seed ?? 1);
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function ipToString(n) {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function byClusterThenId(a, b) {
  const ca = a.clusterId ?? '';
  const cb = b.clusterId ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * @param {{ nodes: number, podsPerNode?: number, vswitches?: number, snatEntries?: number,
 *           instanceTypes?: number, networkPolicies?: number, hostServices?: number, seed?: number|string }} options
 */
export function generateSnapshot({
  nodes,
  podsPerNode = 40,
  vswitches = 400,
  snatEntries = 2000,
  instanceTypes = 60,
  networkPolicies = 300,
  hostServices = 36,
  seed = 1,
}) {
  if (!Number.isInteger(nodes) || nodes < 2) throw new Error(`nodes must be an integer ≥ 2, got ${nodes}`);
  if (vswitches < 2 * ZONES.length * 2) throw new Error(`vswitches must be ≥ ${4 * ZONES.length}`);
  const r = prng(seed);
  const used = new Set();
  const alnum = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const hex = '0123456789abcdef';
  /** Cloud-style id (vsw-…, i-…), unique within the snapshot. */
  const id = (prefix, length = 20, alphabet = alnum) => {
    for (;;) {
      let s = prefix;
      for (let i = 0; i < length; i++) s += alphabet[Math.floor(r.next() * alphabet.length)];
      if (!used.has(s)) {
        used.add(s);
        return s;
      }
    }
  };

  // ── clusters and the VPC ────────────────────────────────────────────────────────────────────
  const vpcId = id('vpc-', 21);
  const targetId = id('c', 32, hex);
  const sourceId = id('c', 32, hex);
  const securityGroup = id('sg-', 20);

  // ── instance types: families × sizes, ENI limits growing with size ─────────────────────────
  const families = ['g7', 'c7', 'r7', 'g8i', 'c8i', 'r8i', 'g6', 'c6', 'r6', 'hfg7', 'hfc7', 'hfr7', 'g6e', 'c6e', 'r6e'];
  const sizes = [
    // [suffix, eniQuantity range, eniPrivateIpAddressQuantity range]
    ['large', [2, 3], [6, 10]],
    ['xlarge', [3, 4], [10, 15]],
    ['2xlarge', [4, 6], [15, 20]],
    ['4xlarge', [6, 8], [20, 30]],
    ['8xlarge', [8, 10], [30, 40]],
    ['16xlarge', [10, 15], [40, 50]],
  ];
  const types = [];
  for (let i = 0; types.length < instanceTypes; i++) {
    const family = families[Math.floor(i / sizes.length) % families.length];
    const generation = Math.floor(i / (sizes.length * families.length));
    const [size, eniRange, ipRange] = sizes[i % sizes.length];
    const eniQuantity = r.int(eniRange[0], eniRange[1]);
    const trunk = !family.startsWith('g6') && !family.startsWith('c6') && !family.startsWith('r6') && r.chance(0.8);
    const type = {
      id: `ecs.${family}${generation ? `v${generation + 1}` : ''}.${size}`,
      eniQuantity,
      eniPrivateIpAddressQuantity: r.int(ipRange[0], ipRange[1]),
      eniTotalQuantity: trunk ? eniQuantity + r.int(4, 60) : eniQuantity,
      eniTrunkSupported: trunk,
    };
    if (r.chance(0.7)) type.eniIpv6AddressQuantity = type.eniPrivateIpAddressQuantity;
    types.push(type);
  }

  // ── vSwitches: non-overlapping 10.x blocks, /19../22, spread over the zones ────────────────
  // Roles: the first 10 per zone are node vSwitches (5 per cluster per zone), then half of all
  // vSwitches are Terway pod vSwitches, the rest belong to other workloads in the VPC.
  const vsws = [];
  let cursor = 10 << 24;
  const nodeVswCount = 10 * ZONES.length;
  for (let i = 0; i < vswitches; i++) {
    // Node vSwitches are /19 so that a big pool fits even at tens of thousands of nodes.
    const prefix = i < nodeVswCount ? 19 : r.int(19, 22);
    const size = 2 ** (32 - prefix);
    cursor = Math.ceil(cursor / size) * size;
    const network = cursor >>> 0;
    cursor += size;
    if (cursor > (11 << 24)) throw new Error('too many vSwitches for 10.0.0.0/8');
    const zoneId = ZONES[i % ZONES.length];
    vsws.push({
      entity: {
        id: id('vsw-', 21),
        name: '',
        vpcId,
        zoneId,
        cidr: `${ipToString(network)}/${prefix}`,
        availableIpCount: 0,
      },
      network,
      size,
      nextHost: 10, // first addresses are reserved by the VPC; start a little above
    });
  }
  const nodeVsw = { [sourceId]: {}, [targetId]: {} };
  ZONES.forEach((z) => {
    nodeVsw[sourceId][z] = [];
    nodeVsw[targetId][z] = [];
  });
  vsws.slice(0, nodeVswCount).forEach((v, i) => {
    const cluster = Math.floor(i / ZONES.length) % 2 === 0 ? sourceId : targetId;
    nodeVsw[cluster][v.entity.zoneId].push(v);
    v.entity.name = `${cluster === sourceId ? 'flannel' : 'terway'}-node-${v.entity.zoneId.slice(-1)}-${i}`;
  });
  const podVsws = vsws.slice(nodeVswCount, nodeVswCount + Math.floor(vswitches / 2));
  podVsws.forEach((v, i) => (v.entity.name = `terway-pod-${v.entity.zoneId.slice(-1)}-${i}`));
  vsws.slice(nodeVswCount + podVsws.length).forEach((v, i) => (v.entity.name = `app-${i}`));

  // ── node pools: same names in both clusters, so the target's pool pairs with the source's ──
  const poolNames = Array.from({ length: POOLS_PER_CLUSTER }, (_, i) => `pool-${String(i).padStart(2, '0')}`);
  const poolsOf = (clusterId, terway) =>
    poolNames.map((name) => {
      const zones = r.sample(ZONES, r.int(2, 3)).sort();
      const poolTypes = new Set();
      const want = r.int(1, 3);
      while (poolTypes.size < want) poolTypes.add(r.pick(types).id);
      const pool = {
        id: id('np', 32, hex),
        name,
        instanceTypes: [...poolTypes].sort(),
        vswitchIds: zones.map((z) => r.pick(nodeVsw[clusterId][z]).entity.id),
        desiredSize: 0,
        zones,
      };
      if (!terway) pool.maxPods = r.pick([64, 110, 128, 256]);
      else {
        const roll = r.next();
        if (roll < 0.25) pool.terwayMode = 'trunk';
        else if (roll < 0.32) pool.terwayMode = 'prefix';
        else if (roll < 0.36) pool.terwayMode = 'exclusive';
        else if (roll < 0.5) pool.terwayMode = 'shared';
        if (r.chance(0.3)) pool.maxPods = r.pick([64, 110]);
      }
      return pool;
    });
  const sourcePools = poolsOf(sourceId, false);
  const targetPools = poolsOf(targetId, true);
  const vswById = new Map(vsws.map((v) => [v.entity.id, v]));
  const typeById = new Map(types.map((t) => [t.id, t]));

  // ── nodes and their ECS instances ───────────────────────────────────────────────────────────
  const nodeList = [];
  const instances = [];
  const sourceNodes = Math.floor(nodes / 2);
  const addNodes = (clusterId, pools, count, terway) => {
    for (let i = 0; i < count; i++) {
      // Skewed spread: some pools are much bigger than others, as in real estates.
      const pool = pools[Math.min(pools.length - 1, Math.floor(pools.length * r.next() ** 1.6))];
      pool.desiredSize++;
      // A full vSwitch spills over to the pool's next one.
      const first = r.int(0, pool.vswitchIds.length - 1);
      const vsw = pool.vswitchIds
        .map((_, k) => vswById.get(pool.vswitchIds[(first + k) % pool.vswitchIds.length]))
        .find((v) => v.nextHost < v.size - 4);
      if (!vsw) throw new Error(`node pool ${pool.name} of ${clusterId} ran out of node vSwitch addresses; use fewer nodes`);
      const vswId = vsw.entity.id;
      const ip = ipToString((vsw.network + vsw.nextHost++) >>> 0);
      const instanceType = r.pick(pool.instanceTypes);
      const t = typeById.get(instanceType);
      const node = {
        id: id('i-', 20),
        clusterId,
        name: `${REGION}.${ip}`,
        nodePoolId: pool.id,
        zoneId: vsw.entity.zoneId,
        instanceType,
        privateIp: ip,
        osImage: OS_IMAGE,
        kernelVersion: KERNEL,
        allocatablePods: terway ? Math.max(1, (t.eniQuantity - 1) * t.eniPrivateIpAddressQuantity) : pool.maxPods,
      };
      nodeList.push(node);
      instances.push({
        id: node.id,
        zoneId: node.zoneId,
        instanceType,
        vswitchId: vswId,
        privateIp: ip,
        osName: OS_NAME,
      });
    }
  };
  addNodes(sourceId, sourcePools, sourceNodes, false);
  addNodes(targetId, targetPools, nodes - sourceNodes, true);

  const podVswSet = new Set(podVsws);
  for (const v of vsws) {
    v.entity.availableIpCount = Math.max(0, v.size - 5 - (v.nextHost - 10) - (podVswSet.has(v) ? r.int(0, v.size / 2) : 0));
  }

  // ── pods: nodes × podsPerNode, ids ns-<k>/pod-<n> ───────────────────────────────────────────
  const pods = [];
  const counters = { [sourceId]: 0, [targetId]: 0 };
  const hostPortPool = [80, 443, 8080, 9100, 9256, 10254, 53, 8443];
  for (const node of nodeList) {
    for (let j = 0; j < podsPerNode; j++) {
      const n = counters[node.clusterId]++;
      const roll = r.next();
      const hostNetwork = roll < 0.02;
      const hostPorts = [];
      if (!hostNetwork && roll > 0.995) {
        const port = r.pick(hostPortPool);
        hostPorts.push({ containerPort: port, hostPort: port, protocol: port === 53 ? 'UDP' : 'TCP' });
      }
      const phaseRoll = r.next();
      pods.push({
        id: `ns-${r.int(0, NAMESPACES - 1)}/pod-${n}`,
        clusterId: node.clusterId,
        nodeName: node.name,
        ownerKind: hostNetwork ? 'DaemonSet' : r.pick(['ReplicaSet', 'ReplicaSet', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']),
        hostNetwork,
        hostPorts,
        phase: phaseRoll < 0.95 ? 'Running' : phaseRoll < 0.97 ? 'Pending' : phaseRoll < 0.99 ? 'Succeeded' : 'Failed',
      });
    }
  }

  // ── NAT gateways, EIPs, SNAT entries ───────────────────────────────────────────────────────
  const eips = [];
  let publicCursor = (47 << 24) | (96 << 16);
  const newEip = (boundType, boundId, status) => {
    const eip = { id: id('eip-', 20), ip: ipToString(publicCursor++ >>> 0) };
    if (boundType) Object.assign(eip, { boundType, boundId });
    eip.status = status;
    eips.push(eip);
    return eip;
  };
  const nats = [];
  for (let i = 0; i < NAT_GATEWAYS; i++) {
    const natId = id('ngw-', 21);
    const ips = Array.from({ length: r.int(1, 4) }, () => newEip('Nat', natId, 'InUse').ip);
    nats.push({
      id: natId,
      name: `nat-${i}`,
      vpcId,
      type: 'Enhanced',
      status: i === NAT_GATEWAYS - 1 ? 'Modifying' : 'Available',
      snatTableIds: [id('stb-', 21)],
      ips,
    });
  }
  instances.forEach((inst) => {
    if (r.chance(0.02)) inst.eipAddress = newEip('EcsInstance', inst.id, 'InUse').ip;
  });
  for (let i = 0; i < 20; i++) newEip(undefined, undefined, 'Available');

  const snats = [];
  for (let i = 0; i < snatEntries; i++) {
    const nat = nats[i % nats.length];
    const entry = { id: id('snat-', 21), snatTableId: nat.snatTableIds[0], natGatewayId: nat.id };
    const kind = r.next();
    if (kind < 0.6) {
      // By vSwitch id: pod vSwitches twice as likely as the others.
      entry.sourceVSwitchId = (r.chance(0.5) ? r.pick(podVsws) : r.pick(vsws)).entity.id;
    } else {
      const v = r.pick(vsws);
      const cidrKind = r.next();
      if (cidrKind < 0.5) entry.sourceCidr = v.entity.cidr;
      else if (cidrKind < 0.8) entry.sourceCidr = `${ipToString((v.network & 0xffff0000) >>> 0)}/16`;
      else entry.sourceCidr = `192.168.${r.int(0, 255)}.0/24`;
    }
    entry.snatIp = r.pick(nat.ips);
    const s = r.next();
    entry.status = s < 0.92 ? 'Available' : s < 0.96 ? 'Pending' : s < 0.98 ? 'Modifying' : 'Deleting';
    snats.push(entry);
  }

  // ── route tables: the system table (with Flannel's per-node pod routes) and a few custom ones ─
  const customTables = 5;
  const routeTables = [];
  const systemTable = { id: id('vtb-', 21), vpcId, type: 'System', vswitchIds: [], entries: [] };
  routeTables.push(systemTable);
  for (let i = 0; i < customTables; i++) {
    routeTables.push({
      id: id('vtb-', 21),
      vpcId,
      type: 'Custom',
      vswitchIds: [],
      entries: [
        { destinationCidr: '0.0.0.0/0', nextHopType: 'NatGateway', nextHopId: nats[i].id, status: 'Available' },
        { destinationCidr: `172.${24 + i}.0.0/16`, nextHopType: 'VpnGateway', nextHopId: id('vpn-', 21), status: 'Available' },
      ],
    });
  }
  for (const v of vsws) {
    const table = r.chance(0.15) ? routeTables[r.int(1, customTables)] : systemTable;
    table.vswitchIds.push(v.entity.id);
    v.entity.routeTableId = table.id;
    v.entity.routeTableType = table.type;
  }
  systemTable.entries.push({ destinationCidr: '0.0.0.0/0', nextHopType: 'NatGateway', nextHopId: nats[0].id, status: 'Available' });
  let podRoute = (172 << 24) | (16 << 16);
  for (const node of nodeList) {
    if (node.clusterId !== sourceId) continue;
    systemTable.entries.push({
      destinationCidr: `${ipToString(podRoute >>> 0)}/25`,
      nextHopType: 'Instance',
      nextHopId: node.id,
      status: 'Available',
    });
    podRoute += 128;
  }
  routeTables.forEach((t) => t.vswitchIds.sort());

  // ── clusters, eni-config ───────────────────────────────────────────────────────────────────
  const podVswIds = podVsws.map((v) => v.entity.id).sort();
  const finishPools = (pools) =>
    pools.map(({ zones, ...pool }) => pool); // drop the generator-only field
  const clusterNodeVsws = (clusterId) =>
    ZONES.flatMap((z) => nodeVsw[clusterId][z].map((v) => v.entity.id)).sort();
  const clusters = [
    {
      id: sourceId,
      name: 'prod-flannel',
      region: REGION,
      networkPlugin: 'flannel',
      addons: [
        { name: 'flannel', version: 'v0.15.1.22-20a397e6-aliyun' },
        { name: 'coredns', version: 'v1.9.3.10-7dfca203-aliyun' },
        { name: 'csi-plugin', version: 'v1.30.1-98960e1-aliyun' },
        { name: 'nginx-ingress-controller', version: 'v1.9.3-aliyun.1' },
      ],
      vpcId,
      podCidr: '172.16.0.0/12',
      serviceCidr: '192.168.0.0/20',
      nodeVSwitchIds: clusterNodeVsws(sourceId),
      nodePools: finishPools(sourcePools),
    },
    {
      id: targetId,
      name: 'prod-terway',
      region: REGION,
      networkPlugin: 'terway',
      addons: [
        { name: 'terway-eniip', version: 'v1.9.6' },
        { name: 'coredns', version: 'v1.11.3.2-f57ea7ed6-aliyun' },
        { name: 'csi-plugin', version: 'v1.30.1-98960e1-aliyun' },
      ],
      vpcId,
      serviceCidr: '192.168.16.0/20',
      nodeVSwitchIds: clusterNodeVsws(targetId),
      podVSwitchIds: podVswIds,
      nodePools: finishPools(targetPools),
    },
  ];
  const eniVswitches = {};
  for (const z of ZONES) eniVswitches[z] = podVsws.filter((v) => v.entity.zoneId === z).map((v) => v.entity.id).sort();
  const eniConfigs = [
    {
      id: 'kube-system/eni-config',
      clusterId: targetId,
      vswitches: eniVswitches,
      securityGroups: [securityGroup],
      trunk: targetPools.some((p) => p.terwayMode === 'trunk'),
      prefix: false,
      ipStack: 'ipv4',
      datapath: 'veth',
      portmapChain: true,
    },
  ];

  // ── network policies, host services ────────────────────────────────────────────────────────
  const policies = [];
  for (let i = 0; i < networkPolicies; i++) {
    policies.push({
      id: `ns-${r.int(0, NAMESPACES - 1)}/netpol-${i}`,
      clusterId: r.chance(0.7) ? sourceId : targetId,
      policyTypes: r.pick([['Ingress'], ['Ingress'], ['Ingress', 'Egress'], ['Egress']]),
    });
  }
  const services = [];
  const servicePorts = [
    ['redis', 6379],
    ['postgres', 5432],
    ['node-exporter', 9100],
    ['nginx', 80],
    ['nginx', 443],
    ['consul', 8500],
    ['dnsmasq', 53],
    ['filebeat', 5066],
    ['haproxy', 8404],
  ];
  for (let i = 0; i < hostServices; i++) {
    const [service, hostPort] = servicePorts[i % servicePorts.length];
    const protocol = hostPort === 53 ? 'udp' : 'tcp';
    const node = r.pick(nodeList);
    const kind = i % 3;
    const hostIp = r.chance(0.2) ? '127.0.0.1' : r.chance(0.2) ? node.privateIp : '0.0.0.0';
    if (kind === 0) {
      const file = `deploy/compose/app-${i}.yml`;
      services.push({ id: `${file}#${service}/${hostPort}/${protocol}`, source: 'compose', file, line: r.int(4, 80), service, hostIp, hostPort, protocol });
    } else if (kind === 1) {
      const file = `deploy/compose/edge-${i}.yml`;
      services.push({
        id: `${file}#${service}/${hostPort}/${protocol}`,
        source: 'compose',
        nodeId: node.id,
        file,
        line: r.int(4, 80),
        service,
        hostIp,
        hostPort,
        protocol,
      });
    } else {
      services.push({ id: `${node.id}#${service}/${hostPort}/${protocol}`, source: 'node-inventory', nodeId: node.id, service, hostIp, hostPort, protocol });
    }
  }

  const sort = (list) => list.sort(byClusterThenId);
  return {
    schemaVersion: 1,
    meta: {
      toolVersion: 'bench-generator',
      collectedAt: '2025-01-01T00:00:00Z',
      region: REGION,
      scope: [
        { clusterId: targetId, role: 'target', sourceClusterId: sourceId },
        { clusterId: sourceId, role: 'source' },
      ],
      description: `bench: ${nodes} nodes, ${podsPerNode} pods per node, ${vswitches} vSwitches, ${snatEntries} SNAT entries, seed ${seed}`,
    },
    clusters: sort(clusters),
    nodes: sort(nodeList),
    vswitches: sort(vsws.map((v) => v.entity)),
    natGateways: sort(nats),
    snatEntries: sort(snats),
    routeTables: sort(routeTables),
    eips: sort(eips),
    instances: sort(instances),
    instanceTypes: sort(types),
    pods: sort(pods),
    networkPolicies: sort(policies),
    eniConfigs: sort(eniConfigs),
    hostServices: sort(services),
    errors: [],
  };
}

/** The file form, as src/snapshot/write.ts writes it: two-space indent, trailing newline. */
export function serialize(snapshot) {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

export function writeSnapshot(file, options) {
  const text = serialize(generateSnapshot(options));
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeFileSync(file, text);
  return text.length;
}

function parseArgs(argv) {
  const flags = {
    '--nodes': 'nodes',
    '--pods-per-node': 'podsPerNode',
    '--vswitches': 'vswitches',
    '--snat-entries': 'snatEntries',
    '--instance-types': 'instanceTypes',
    '--network-policies': 'networkPolicies',
    '--host-services': 'hostServices',
    '--seed': 'seed',
  };
  const options = {};
  let out;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--out') out = value;
    else if (flags[flag]) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a non-negative integer, got ${value}`);
      options[flags[flag]] = n;
    } else throw new Error(`unknown option ${flag}`);
  }
  if (options.nodes === undefined) throw new Error('--nodes is required');
  if (!out) throw new Error('--out is required');
  return { options, out };
}

const USAGE =
  'usage: node bench/generate.mjs --nodes N --out FILE [--seed S] [--pods-per-node 40] [--vswitches 400]\n' +
  '       [--snat-entries 2000] [--instance-types 60] [--network-policies 300] [--host-services 36]\n';

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  try {
    const { options, out } = parseArgs(process.argv.slice(2));
    const bytes = writeSnapshot(out, options);
    process.stderr.write(`wrote ${out} (${(bytes / 1e6).toFixed(1)} MB)\n`);
  } catch (err) {
    process.stderr.write(`generate: ${err.message}\n${USAGE}`);
    process.exit(2);
  }
}
