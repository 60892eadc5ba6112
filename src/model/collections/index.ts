import type { CollectionDef } from '../types.js';
import { addressingCollections } from './addressing-group.js';
import { compatibilityCollections } from './compatibility-group.js';
import { egressCollections } from './egress-group.js';
import { hostServices } from './host-services.js';
import { nodePoolCapacity } from './node-pool-capacity.js';
import { nodePoolInstanceTypes } from './node-pool-instance-types.js';
import { podVSwitches } from './pod-vswitches.js';
import { policyCollections } from './policy-group.js';
import { suppressions } from './suppressions.js';

/** Every collection a rule can name in `for:`. Explicit registry: no self-registration. */
export const collections: ReadonlyMap<string, CollectionDef> = new Map(
  [podVSwitches, hostServices, nodePoolInstanceTypes, nodePoolCapacity, ...egressCollections, ...addressingCollections, ...policyCollections, ...compatibilityCollections, suppressions].map(
    (c) => [c.name, c],
  ),
);
