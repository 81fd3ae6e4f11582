/*
 * The text `kubectl kustomize <dir>` prints: resources in kustomize's legacy
 * order, each as yaml.v3 writes it, separated by `---`.
 */
import type { JsonObject } from '@backstage/types';
import { toGoYaml } from '../goYamlEmitter';
import { buildKustomization } from './buildKustomization';
import { groupVersion, resourceKind, resourceName, resourceNamespace } from './selectors';
import type { VirtualFiles } from './types';

// kustomize's legacy resource order (api/resid/gvk.go).
const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount',
  'PodSecurityPolicy', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap',
  'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume',
  'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function kindRank(kind: string): number {
  const first = ORDER_FIRST.indexOf(kind);
  if (first >= 0) return first - ORDER_FIRST.length - 1;
  const last = ORDER_LAST.indexOf(kind);
  return last >= 0 ? last + 1 : 0;
}

function gvkString(object: JsonObject): string {
  const { group, version } = groupVersion(object);
  return [group, version, resourceKind(object)].filter(Boolean).join('_');
}

function compareResources(a: JsonObject, b: JsonObject): number {
  const rank = kindRank(resourceKind(a)) - kindRank(resourceKind(b));
  if (rank !== 0) return rank;
  const keys: Array<(o: JsonObject) => string> = [gvkString, o => resourceNamespace(o) ?? '', resourceName];
  for (const key of keys) {
    const left = key(a);
    const right = key(b);
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

/** The objects `kubectl kustomize <dir>` outputs, in its order. */
export function renderKustomizationObjects(files: VirtualFiles, dir: string): JsonObject[] {
  return buildKustomization(files, dir)
    .map(resource => resource.object)
    .sort(compareResources);
}

/** The exact text `kubectl kustomize <dir>` prints. */
export function renderKustomization(files: VirtualFiles, dir: string): string {
  return renderKustomizationObjects(files, dir)
    .map(object => toGoYaml(object))
    .join('---\n');
}
