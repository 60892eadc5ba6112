/**
 * One function per API page, over the real SDK clients, returning snapshot entities. Paging,
 * retries and concurrency are the caller's (collect.ts); wire quirks stay here (reference §2–§3).
 */
import * as CsModels from '@alicloud/cs20151215';
import * as EcsModels from '@alicloud/ecs20140526';
import * as VpcModels from '@alicloud/vpc20160428';
import type { Eip, Instance, InstanceType, NatGateway, Node, NodePool, RouteEntry, RouteTable, SnatEntry, VSwitch } from '../../snapshot/types.js';
import type { NumberedPage, TokenPage } from '../paging.js';
import type { AlicloudClients } from './clients.js';
import { EXCLUSIVE_ENI_LABEL, TERWAY_CONFIG_LABEL } from '../labels.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- SDK response models, read field by field */
// Under ESM the request models are the packages' named exports.
const cs = CsModels as any;
const vpc = VpcModels as any;
const ecs = EcsModels as any;

export const PAGE = {
  csClusters: 100,
  csNodes: 100,
  vpc: 50,
  eips: 100,
  routeEntries: 100,
  instances: 100,
  instanceTypeIds: 10,
} as const;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const list = <T>(v: T[] | undefined | null): T[] => (Array.isArray(v) ? v : []);

/** Cluster fields from DescribeClustersV1 / DescribeClusterDetail (pod vSwitches and plugin come from addons). */
export interface ClusterSummary {
  id: string;
  name: string;
  region: string;
  vpcId: string;
  podCidr?: string;
  serviceCidr?: string;
  nodeVSwitchIds: string[];
  /** Terway pod vSwitches: DescribeClusterDetail parameters.PodVswitchIds (a JSON-array string). */
  podVSwitchIds: string[];
  /** meta_data.Addons names, the fallback when addon instances cannot be listed. */
  metaAddons: { name: string; config?: string }[];
}

function clusterSummary(c: any): ClusterSummary {
  let metaAddons: { name: string; config?: string }[] = [];
  try {
    const meta = c.metaData ? JSON.parse(c.metaData) : {};
    metaAddons = list(meta.Addons).filter((a: any) => typeof a?.name === 'string').map((a: any) => ({ name: a.name, ...(str(a.config) ? { config: a.config } : {}) }));
  } catch {
    metaAddons = [];
  }
  return {
    id: c.clusterId,
    name: c.name ?? '',
    region: c.regionId ?? '',
    vpcId: c.vpcId ?? '',
    ...(str(c.containerCidr) ? { podCidr: c.containerCidr } : {}),
    ...(str(c.serviceCidr) ? { serviceCidr: c.serviceCidr } : {}),
    nodeVSwitchIds: [...list<string>(c.vswitchIds)].sort(),
    podVSwitchIds: jsonIdList(c.parameters?.PodVswitchIds),
    metaAddons,
  };
}

/** '["vsw-a","vsw-b"]' → the ids; "", "[]" or anything unparseable → none. */
function jsonIdList(value: unknown): string[] {
  if (typeof value !== 'string' || value.trim() === '') return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string' && v !== '').sort() : [];
  } catch {
    return [];
  }
}

/** The API of one region: the RPC services want RegionId on every call; the SDK does not add it. */
export function alicloudApi(clients: AlicloudClients, region: string) {
  return {
    async clustersPage(pageNumber: number): Promise<NumberedPage<ClusterSummary>> {
      const res = await clients.cs.describeClustersV1(new cs.DescribeClustersV1Request({ regionId: region, pageNumber, pageSize: PAGE.csClusters }));
      return { items: list(res.body?.clusters).map(clusterSummary), totalCount: res.body?.pageInfo?.totalCount ?? 0 };
    },
    async clusterDetail(clusterId: string): Promise<ClusterSummary> {
      const res = await clients.cs.describeClusterDetail(clusterId);
      return clusterSummary(res.body ?? {});
    },
    /** A short-lived kubeconfig (15 minutes), kept in memory only. */
    async userKubeconfig(clusterId: string, privateEndpoint: boolean): Promise<string> {
      const res = await clients.cs.describeClusterUserKubeconfig(
        clusterId,
        new cs.DescribeClusterUserKubeconfigRequest({ privateIpAddress: privateEndpoint, temporaryDurationMinutes: 15 }),
      );
      return res.body?.config ?? '';
    },
    async addons(clusterId: string): Promise<{ name: string; version?: string; config?: string }[]> {
      const res = await clients.cs.listClusterAddonInstances(clusterId);
      return list(res.body?.addons).map((a: any) => ({ name: a.name, ...(str(a.version) ? { version: a.version } : {}), ...(str(a.config) ? { config: a.config } : {}) }));
    },
    async nodePools(clusterId: string): Promise<NodePool[]> {
      const res = await clients.cs.describeClusterNodePools(clusterId, new cs.DescribeClusterNodePoolsRequest({}));
      return list(res.body?.nodepools).map((p: any) => {
        const maxPods = p.nodeConfig?.kubeletConfiguration?.maxPods;
        const labels = new Map(list<{ key?: string; value?: string }>(p.kubernetesConfig?.labels).map((l) => [l.key ?? '', l.value ?? '']));
        const terwayConfig = labels.get(TERWAY_CONFIG_LABEL)?.trim();
        return {
          id: p.nodepoolInfo?.nodepoolId ?? '',
          name: p.nodepoolInfo?.name ?? '',
          instanceTypes: list<string>(p.scalingGroup?.instanceTypes),
          vswitchIds: [...list<string>(p.scalingGroup?.vswitchIds)].sort(),
          desiredSize: p.scalingGroup?.desiredSize ?? p.status?.totalNodes ?? 0,
          ...(typeof maxPods === 'number' ? { maxPods } : {}),
          // A pool is exclusive-ENI by the node label it gives its nodes (reference §1.1); prefix
          // mode comes from the dynamic config its terway-config label names (workloads.ts).
          ...(labels.get(EXCLUSIVE_ENI_LABEL) === 'eniOnly' ? { terwayMode: 'exclusive' as const } : {}),
          ...(terwayConfig ? { terwayConfig } : {}),
        };
      });
    },
    async nodesPage(clusterId: string, pageNumber: number): Promise<NumberedPage<Omit<Node, 'zoneId'> & { zoneId?: string }>> {
      // CS wants these two as strings (reference §2.1).
      const res = await clients.cs.describeClusterNodes(clusterId, new cs.DescribeClusterNodesRequest({ pageNumber: String(pageNumber), pageSize: String(PAGE.csNodes) }));
      const items = list(res.body?.nodes).map((n: any) => ({
        id: n.instanceId,
        clusterId,
        name: n.nodeName ?? '',
        ...(str(n.nodepoolId) ? { nodePoolId: n.nodepoolId } : {}),
        instanceType: n.instanceType ?? '',
        privateIp: list<string>(n.ipAddress)[0] ?? '',
      }));
      return { items, totalCount: res.body?.page?.totalCount ?? 0 };
    },
    async vswitchesPage(vpcId: string, pageNumber: number): Promise<NumberedPage<VSwitch>> {
      const res = await clients.vpc.describeVSwitches(new vpc.DescribeVSwitchesRequest({ regionId: region, vpcId, pageNumber, pageSize: PAGE.vpc }));
      const items = list(res.body?.vSwitches?.vSwitch).map((v: any) => ({
        id: v.vSwitchId,
        ...(str(v.vSwitchName) ? { name: v.vSwitchName } : {}),
        vpcId: v.vpcId ?? vpcId,
        zoneId: v.zoneId ?? '',
        cidr: v.cidrBlock ?? '',
        availableIpCount: v.availableIpAddressCount ?? 0,
        ...(str(v.routeTable?.routeTableId) ? { routeTableId: v.routeTable.routeTableId } : {}),
        ...(str(v.routeTable?.routeTableType) ? { routeTableType: v.routeTable.routeTableType } : {}),
      }));
      return { items, totalCount: res.body?.totalCount ?? 0 };
    },
    async natGatewaysPage(vpcId: string, pageNumber: number): Promise<NumberedPage<NatGateway>> {
      const res = await clients.vpc.describeNatGateways(new vpc.DescribeNatGatewaysRequest({ regionId: region, vpcId, pageNumber, pageSize: PAGE.vpc }));
      const items = list(res.body?.natGateways?.natGateway).map((g: any) => ({
        id: g.natGatewayId,
        ...(str(g.name) ? { name: g.name } : {}),
        vpcId: g.vpcId ?? vpcId,
        type: g.natType ?? '',
        status: g.status ?? '',
        snatTableIds: [...list<string>(g.snatTableIds?.snatTableId)].sort(),
        ips: list(g.ipLists?.ipList).map((ip: any) => ip.ipAddress).filter(Boolean).sort(),
      }));
      return { items, totalCount: res.body?.totalCount ?? 0 };
    },
    async snatEntriesPage(snatTableId: string, pageNumber: number): Promise<NumberedPage<SnatEntry>> {
      const res = await clients.vpc.describeSnatTableEntries(new vpc.DescribeSnatTableEntriesRequest({ regionId: region, snatTableId, pageNumber, pageSize: PAGE.vpc }));
      const items = list(res.body?.snatTableEntries?.snatTableEntry).map((e: any) => ({
        id: e.snatEntryId,
        snatTableId: e.snatTableId ?? snatTableId,
        natGatewayId: e.natGatewayId ?? '',
        ...(str(e.sourceVSwitchId) ? { sourceVSwitchId: e.sourceVSwitchId } : {}),
        ...(str(e.sourceCIDR) ? { sourceCidr: e.sourceCIDR } : {}),
        snatIp: e.snatIp ?? '',
        status: e.status ?? '',
      }));
      return { items, totalCount: res.body?.totalCount ?? 0 };
    },
    async routeTablesPage(vpcId: string, pageNumber: number): Promise<NumberedPage<Omit<RouteTable, 'entries'>>> {
      const res = await clients.vpc.describeRouteTableList(new vpc.DescribeRouteTableListRequest({ regionId: region, vpcId, pageNumber, pageSize: PAGE.vpc }));
      const items = list(res.body?.routerTableList?.routerTableListType).map((t: any) => ({
        id: t.routeTableId,
        vpcId: t.vpcId ?? vpcId,
        type: t.routeTableType ?? '',
        vswitchIds: [...list<string>(t.vSwitchIds?.vSwitchId)].sort(),
      }));
      return { items, totalCount: res.body?.totalCount ?? 0 };
    },
    async routeEntriesPage(routeTableId: string, nextToken: string | undefined): Promise<TokenPage<RouteEntry>> {
      const res = await clients.vpc.describeRouteEntryList(
        new vpc.DescribeRouteEntryListRequest({ regionId: region, routeTableId, maxResult: PAGE.routeEntries, ...(nextToken ? { nextToken } : {}) }),
      );
      const items = list(res.body?.routeEntrys?.routeEntry).map((e: any) => {
        const hop = list(e.nextHops?.nextHop)[0] as any;
        return {
          destinationCidr: e.destinationCidrBlock ?? '',
          nextHopType: hop?.nextHopType ?? '',
          ...(str(hop?.nextHopId) ? { nextHopId: hop.nextHopId } : {}),
          ...(str(e.status) ? { status: e.status } : {}),
        };
      });
      return { items, ...(str(res.body?.nextToken) ? { nextToken: res.body.nextToken } : {}) };
    },
    async eipsPage(pageNumber: number): Promise<NumberedPage<Eip>> {
      const res = await clients.vpc.describeEipAddresses(new vpc.DescribeEipAddressesRequest({ regionId: region, pageNumber, pageSize: PAGE.eips }));
      const items = list(res.body?.eipAddresses?.eipAddress).map((e: any) => ({
        id: e.allocationId,
        ip: e.ipAddress ?? '',
        ...(str(e.instanceType) ? { boundType: e.instanceType } : {}),
        ...(str(e.instanceId) ? { boundId: e.instanceId } : {}),
        status: e.status ?? '',
      }));
      return { items, totalCount: res.body?.totalCount ?? 0 };
    },
    async instancesPage(ids: string[], nextToken: string | undefined): Promise<TokenPage<Instance>> {
      const res = await clients.ecs.describeInstances(
        new ecs.DescribeInstancesRequest({ regionId: region, instanceIds: JSON.stringify(ids), maxResults: PAGE.instances, ...(nextToken ? { nextToken } : {}) }),
      );
      const items = list(res.body?.instances?.instance).map((i: any) => ({
        id: i.instanceId,
        zoneId: i.zoneId ?? '',
        instanceType: i.instanceType ?? '',
        vswitchId: i.vpcAttributes?.vSwitchId ?? '',
        privateIp: list<string>(i.vpcAttributes?.privateIpAddress?.ipAddress)[0] ?? '',
        ...(str(list<string>(i.publicIpAddress?.ipAddress)[0]) ? { publicIp: list<string>(i.publicIpAddress?.ipAddress)[0] } : {}),
        ...(str(i.eipAddress?.ipAddress) ? { eipAddress: i.eipAddress.ipAddress } : {}),
        ...(str(i.OSName) ? { osName: i.OSName } : {}),
      }));
      return { items, ...(str(res.body?.nextToken) ? { nextToken: res.body.nextToken } : {}) };
    },
    async instanceTypesPage(ids: string[], nextToken: string | undefined): Promise<TokenPage<InstanceType>> {
      const res = await clients.ecs.describeInstanceTypes(
        new ecs.DescribeInstanceTypesRequest({ regionId: region, instanceTypes: ids, ...(nextToken ? { nextToken } : {}) }),
      );
      const items = list(res.body?.instanceTypes?.instanceType).map((t: any) => ({
        id: t.instanceTypeId,
        eniQuantity: t.eniQuantity ?? 0,
        eniPrivateIpAddressQuantity: t.eniPrivateIpAddressQuantity ?? 0,
        eniTotalQuantity: t.eniTotalQuantity ?? 0,
        eniTrunkSupported: t.eniTrunkSupported === true,
        ...(typeof t.eniIpv6AddressQuantity === 'number' ? { eniIpv6AddressQuantity: t.eniIpv6AddressQuantity } : {}),
      }));
      return { items, ...(str(res.body?.nextToken) ? { nextToken: res.body.nextToken } : {}) };
    },
  };
}

export type AlicloudApi = ReturnType<typeof alicloudApi>;
