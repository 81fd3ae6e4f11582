import type { KubeObject } from '../contracts';
import type { HubObjectStore } from '../store';
import { kubeTimestamp } from '../store';
import { HUB_RESOURCES } from './resources';

/** Namespaces every hub has. */
const SYSTEM_NAMESPACES = [
  'default',
  'kube-node-lease',
  'kube-public',
  'kube-system',
  'open-cluster-management',
  'open-cluster-management-hub',
];

function namespaceObject(name: string, created: Date): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { 'kubernetes.io/metadata.name': name },
      creationTimestamp: kubeTimestamp(created),
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/**
 * The hub's namespaces, derived from the store: the system ones, every
 * namespace holding an OCM object, and one per ManagedCluster (the hub's
 * registration controller creates it).
 */
export function hubNamespaces(
  store: HubObjectStore,
  created: Date,
): KubeObject[] {
  const names = new Set(SYSTEM_NAMESPACES);
  for (const resource of HUB_RESOURCES) {
    for (const object of store.snapshot(resource.kind)) {
      if (object.metadata.namespace) names.add(object.metadata.namespace);
      if (resource.kind === 'ManagedCluster') names.add(object.metadata.name);
    }
  }
  return [...names].sort().map(name => namespaceObject(name, created));
}
