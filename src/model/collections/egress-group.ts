import type { CollectionDef } from '../types.js';

/** Collections for the egress rules. Each collection lives in its own file; list it here. */
export const egressCollections: CollectionDef[] = [];
