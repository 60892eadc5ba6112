import type { CollectionDef } from '../types.js';

/** Collections for the compatibility rules. Each collection lives in its own file; list it here. */
export const compatibilityCollections: CollectionDef[] = [];
