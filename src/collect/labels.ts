/** Kubernetes node labels Terway reads (reference §1.1, §1.4), set on nodes directly or through a node pool. */

/** The node's per-node dynamic config: a ConfigMap in kube-system (terway daemon/k8s.go labelDynamicConfig). */
export const TERWAY_CONFIG_LABEL = 'terway-config';

/** `eniOnly` makes the node, and so its node pool, exclusive-ENI. */
export const EXCLUSIVE_ENI_LABEL = 'k8s.aliyun.com/exclusive-mode-eni-type';
