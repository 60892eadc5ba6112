import type { CollectionDef } from '../types.js';
import { flannelNodeVSwitches } from './flannel-node-vswitches.js';
import { flannelRouteEntries } from './flannel-route-entries.js';
import { podVSwitchRoutes } from './pod-vswitch-routes.js';

/** Collections for the egress rules. Each collection lives in its own file; list it here. */
export const egressCollections: CollectionDef[] = [podVSwitchRoutes, flannelNodeVSwitches, flannelRouteEntries];
