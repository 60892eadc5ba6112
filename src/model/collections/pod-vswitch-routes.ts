import { vpcNatGatewayIds } from '../egress.js';
import { defaultRoutesOf, routeTableOf } from '../routes.js';
import type { CollectionDef, Localized, ModelItem } from '../types.js';
import { podVSwitches } from './pod-vswitches.js';

/** The podVSwitches fields this collection reads; podVSwitches is the one place that decides the set. */
interface PodVSwitchFields {
  id: string;
  name: string;
  zoneId: string;
  cidr: string;
  found: boolean;
  configuredIn: string[];
  natGatewayIds: string[];
}

/**
 * The pod vSwitches of a Terway cluster (exactly the podVSwitches set: eni-config ∪ ACK), each with
 * the route table it is associated with and where that table's 0.0.0.0/0 route leads. System and
 * custom tables alike: a vSwitch reaches a NAT gateway only through its table's default route.
 */
export const podVSwitchRoutes: CollectionDef = {
  name: 'podVSwitchRoutes',
  description:
    'Pod vSwitches of a Terway cluster (the podVSwitches set), each with its route table, the 0.0.0.0/0 routes of that table and the NAT gateways of the cluster VPC they lead to, next to the NAT gateways whose SNAT entries cover the vSwitch.',
  sections: [...podVSwitches.sections, 'routeTables'],
  schema: {
    clusterId: 'string',
    id: 'string',
    name: 'string',
    zoneId: 'string',
    cidr: 'string',
    configuredIn: 'list<string>',
    routeTableId: 'string',
    /** System or Custom. */
    routeTableType: 'string',
    /** Every Available 0.0.0.0/0 entry of the table as "NextHopType next-hop-id". */
    defaultRoutes: 'list<string>',
    /** NAT gateways of the cluster VPC that a 0.0.0.0/0 entry of the table leads to. */
    defaultRouteNatGatewayIds: 'list<string>',
    /** NAT gateways of the cluster VPC whose Available SNAT entries cover the vSwitch. */
    snatNatGatewayIds: 'list<string>',
    /** true when a 0.0.0.0/0 entry leads to a NAT gateway that has an SNAT entry for the vSwitch. */
    routesToSnatGateway: 'bool',
  },
  applicability: (subject) => podVSwitches.applicability!(subject),
  build(subject, index, snapshot) {
    const pods = podVSwitches.build(subject, index, snapshot);
    if (pods.kind !== 'items') return pods;
    const cluster = subject.cluster!;
    const tables = (snapshot.routeTables ?? [])
      .map((entity, i) => ({ entity, pointer: `/routeTables/${i}` }))
      .filter((t) => t.entity.vpcId === cluster.vpcId);
    const vpcGateways = vpcNatGatewayIds(cluster.vpcId, index.natGateways);
    const routesByTable = new Map<object, ReturnType<typeof defaultRoutesOf>>();
    const gaps: Localized[] = [...pods.gaps];
    const items: ModelItem[] = [];
    for (const pod of pods.items) {
      const f = pod.fields as unknown as PodVSwitchFields;
      const vsw = f.found ? index.vswitches.get(f.id)?.entity : undefined;
      if (!vsw) {
        gaps.push({
          en: `pod vSwitch ${f.id} is not among the VPC's vSwitches in the snapshot, so its route table is unknown`,
          'zh-CN': `快照中该 VPC 的交换机里没有 Pod 交换机 ${f.id}，无法得知其路由表`,
        });
        continue;
      }
      const of = routeTableOf(vsw, tables);
      if (of.kind !== 'found') {
        gaps.push(
          of.kind === 'missing'
            ? {
                en: `route table ${of.routeTableId} of pod vSwitch ${f.id} is not among the snapshot's route tables of ${cluster.vpcId}`,
                'zh-CN': `快照中 ${cluster.vpcId} 的路由表里没有 Pod 交换机 ${f.id} 的路由表 ${of.routeTableId}`,
              }
            : {
                en: `no route table of ${cluster.vpcId} in the snapshot is associated with pod vSwitch ${f.id}`,
                'zh-CN': `快照中 ${cluster.vpcId} 没有与 Pod 交换机 ${f.id} 关联的路由表`,
              },
        );
        continue;
      }
      const table = of.table.entity;
      // Many pod vSwitches share one table with thousands of Flannel node routes: read it once.
      const routes = routesByTable.get(table) ?? routesByTable.set(table, defaultRoutesOf(table, vpcGateways)).get(table)!;
      items.push({
        fields: {
          clusterId: cluster.id,
          id: f.id,
          name: f.name,
          zoneId: f.zoneId,
          cidr: f.cidr,
          configuredIn: f.configuredIn,
          routeTableId: table.id,
          routeTableType: table.type || vsw.routeTableType || '',
          defaultRoutes: routes.nextHops,
          defaultRouteNatGatewayIds: routes.natGatewayIds,
          snatNatGatewayIds: f.natGatewayIds,
          routesToSnatGateway: routes.natGatewayIds.some((g) => f.natGatewayIds.includes(g)),
        },
        target: pod.target,
        location: { snapshotPointer: of.table.pointer },
      });
    }
    return { kind: 'items', items, gaps };
  },
};
