import { poolInstanceTypeSchema, poolInstanceTypes, poolTarget } from '../pool-instance-types.js';
import type { CollectionDef } from '../types.js';

/** Each instance type of each node pool, with its Terway pod capacity: no workload data needed. */
export const nodePoolInstanceTypes: CollectionDef = {
  name: 'nodePoolInstanceTypes',
  description: 'Every node pool instance type of the cluster with its Terway pod capacity and whether a node of it can join.',
  sections: ['clusters', 'instanceTypes'],
  schema: { ...poolInstanceTypeSchema },
  build(subject, index) {
    const { items, gaps } = poolInstanceTypes(subject.cluster!, index);
    return {
      kind: 'items',
      items: items.map((p) => ({ fields: p.fields, target: poolTarget(p), location: { snapshotPointer: p.pointer } })),
      gaps,
    };
  },
};
