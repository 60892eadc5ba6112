/** Opt-in node inspection through Cloud Assistant (--inspect-nodes): the public surface. */
export { inspectNodes, NODE_INSPECTION_ACTIONS, NODE_INSPECTION_LIMITS, NODE_INVENTORY_COMMAND_NAME } from './collect.js';
export type { InspectNodesOptions, InspectNodesResult } from './collect.js';
export { parseInventory, SYSTEM_PROCESSES, SYSTEM_PROCESS_PREFIXES } from './parse.js';
export type { NodeProblem, ParsedInventory } from './parse.js';
export { INVENTORY_SCRIPT, inventoryCommandContent } from './script.js';
