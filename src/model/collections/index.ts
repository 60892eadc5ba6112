import type { CollectionDef } from '../types.js';
import { hostServices } from './host-services.js';
import { nodePoolCapacity } from './node-pool-capacity.js';
import { podVSwitches } from './pod-vswitches.js';

/** Every collection a rule can name in `for:`. Explicit registry: no self-registration. */
export const collections: ReadonlyMap<string, CollectionDef> = new Map(
  [podVSwitches, hostServices, nodePoolCapacity].map((c) => [c.name, c]),
);
