/** A kubeconfig the user named must load and point at a cluster: otherwise it is bad input (exit 2). */
import { KubeConfig } from '@kubernetes/client-node';
import { InputFileError } from '../../errors.js';

export function checkKubeconfigFile(path: string, displayName: string, context?: string): void {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputFileError(displayName, undefined, code === 'ENOENT' ? 'no such kubeconfig file' : 'not a kubeconfig (it does not parse)', { cause: err });
  }
  if (context) {
    if (!kc.getContexts().some((c) => c.name === context)) throw new InputFileError(displayName, undefined, `has no context "${context}"`);
    kc.setCurrentContext(context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server) throw new InputFileError(displayName, undefined, 'points nowhere: its current context names no cluster with a server');
}
