import type { CollectionDef } from '../types.js';

/** Collections for the policy rules. Each collection lives in its own file; list it here. */
export const policyCollections: CollectionDef[] = [];
