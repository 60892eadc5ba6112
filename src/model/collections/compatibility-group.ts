import type { CollectionDef } from '../types.js';
import { eniConfigSecurityGroups } from './eni-config-security-groups.js';
import { terwayAgents } from './terway-agents.js';
import { terwayConfigLabels } from './terway-config-labels.js';
import { terwayNodeKernels } from './terway-node-kernels.js';
import { trunkPoolInstanceTypes } from './trunk-pool-instance-types.js';

/** Collections for the compatibility rules. Each collection lives in its own file; list it here. */
export const compatibilityCollections: CollectionDef[] = [
  terwayNodeKernels,
  trunkPoolInstanceTypes,
  eniConfigSecurityGroups,
  terwayConfigLabels,
  terwayAgents,
];
