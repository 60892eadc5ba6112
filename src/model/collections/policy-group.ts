import type { CollectionDef } from '../types.js';
import { flannelNetworkPolicies } from './flannel-network-policies.js';
import { hostPortPods } from './host-port-pods.js';
import { targetNetworkPolicies } from './target-network-policies.js';

/** Collections for the policy rules. Each collection lives in its own file; list it here. */
export const policyCollections: CollectionDef[] = [hostPortPods, flannelNetworkPolicies, targetNetworkPolicies];
