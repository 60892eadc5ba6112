/**
 * The RAM action behind each API the collector calls (reference §5: action = API name, except
 * DescribeClustersV1 → cs:GetClusters). Also the source of `terway-lint iam-policy`.
 */
export const READ_ONLY_ACTIONS = [
  'cs:GetClusters',
  'cs:DescribeClusterDetail',
  'cs:ListClusterAddonInstances',
  'cs:DescribeClusterNodePools',
  'cs:DescribeClusterNodes',
  'cs:DescribeClusterUserKubeconfig',
  'vpc:DescribeVSwitches',
  'vpc:DescribeNatGateways',
  'vpc:DescribeSnatTableEntries',
  'vpc:DescribeRouteTableList',
  'vpc:DescribeRouteEntryList',
  'vpc:DescribeEipAddresses',
  'ecs:DescribeInstances',
  'ecs:DescribeInstanceTypes',
] as const;

/** `vpc.DescribeVSwitches` → `vpc:DescribeVSwitches`. */
export function ramActionOf(source: string): string {
  if (source === 'cs.DescribeClustersV1') return 'cs:GetClusters';
  const dot = source.indexOf('.');
  return dot > 0 ? `${source.slice(0, dot)}:${source.slice(dot + 1)}` : source;
}

/** Node inspection (--inspect-nodes) only: RunCommand executes the fixed inventory script on nodes. */
export const NODE_INSPECTION_ACTIONS = ['ecs:DescribeCloudAssistantStatus', 'ecs:RunCommand', 'ecs:DescribeInvocationResults'] as const;

/** The least-privilege policy document for exactly the calls the collector makes. */
export function iamPolicy(options: { inspectNodes?: boolean } = {}): string {
  const statements: object[] = [{ Effect: 'Allow', Action: [...READ_ONLY_ACTIONS], Resource: '*' }];
  if (options.inspectNodes) statements.push({ Effect: 'Allow', Action: [...NODE_INSPECTION_ACTIONS], Resource: '*' });
  return `${JSON.stringify({ Version: '1', Statement: statements }, null, 2)}\n`;
}
