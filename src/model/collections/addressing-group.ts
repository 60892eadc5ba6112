import type { CollectionDef } from '../types.js';

/** Collections for the addressing rules. Each collection lives in its own file; list it here. */
export const addressingCollections: CollectionDef[] = [];
