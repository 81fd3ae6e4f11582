/*
 * The builtin kustomize transformers the preview implements, for resources
 * kustomize has no field specs for beyond `metadata` (custom resources such
 * as VirtualMachine): namespace, name prefix/suffix, labels, annotations.
 * Built-in kinds whose references kustomize rewrites are refused.
 */
import type { JsonObject } from '@backstage/types';
import { resourceKind } from './selectors';
import { UnsupportedKustomizationError, type KustomizeResource } from './types';

/** Built-in kinds kustomize never puts in a namespace. */
const CLUSTER_SCOPED_KINDS = new Set([
  'APIService', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding',
  'ComponentStatus', 'CSIDriver', 'CSINode', 'CustomResourceDefinition', 'FlowSchema',
  'IngressClass', 'MutatingWebhookConfiguration', 'Namespace', 'Node', 'PersistentVolume',
  'PodSecurityPolicy', 'PriorityClass', 'PriorityLevelConfiguration', 'RuntimeClass',
  'StorageClass', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration', 'VolumeAttachment',
]);

/**
 * Built-in kinds for which kustomize's transformers touch more than
 * `metadata` (selectors, pod templates, name references, subjects).
 */
const KINDS_WITH_FIELD_SPECS = new Set([
  'Pod', 'ReplicationController', 'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet',
  'Job', 'CronJob', 'Service', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget',
  'HorizontalPodAutoscaler', 'RoleBinding', 'ClusterRoleBinding', 'ServiceAccount',
  'ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration', 'APIService', 'CustomResourceDefinition', 'Namespace',
]);

function metadataOf(object: JsonObject): JsonObject {
  const metadata = object.metadata;
  if (typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)) {
    return metadata;
  }
  const created: JsonObject = {};
  object.metadata = created;
  return created;
}

function refuseFieldSpecKinds(resources: KustomizeResource[], what: string): void {
  const kind = resources.map(r => resourceKind(r.object)).find(k => KINDS_WITH_FIELD_SPECS.has(k));
  if (kind) {
    throw new UnsupportedKustomizationError(
      `${what} on a ${kind} is not supported by the preview (kustomize also rewrites its references)`,
    );
  }
}

export function setNamespace(resources: KustomizeResource[], namespace: string): void {
  refuseFieldSpecKinds(resources, 'namespace');
  for (const resource of resources) {
    if (!CLUSTER_SCOPED_KINDS.has(resourceKind(resource.object))) {
      metadataOf(resource.object).namespace = namespace;
    }
  }
}

export function addNamePrefixSuffix(resources: KustomizeResource[], prefix: string, suffix: string): void {
  if (!prefix && !suffix) return;
  refuseFieldSpecKinds(resources, 'namePrefix/nameSuffix');
  for (const resource of resources) {
    const metadata = metadataOf(resource.object);
    metadata.name = `${prefix}${String(metadata.name ?? '')}${suffix}`;
  }
}

function mergeInto(metadata: JsonObject, key: 'labels' | 'annotations', pairs: Record<string, string>): void {
  const current = metadata[key];
  const existing = typeof current === 'object' && current !== null && !Array.isArray(current) ? current : {};
  metadata[key] = { ...existing, ...pairs };
}

export function addLabels(resources: KustomizeResource[], pairs: Record<string, string>): void {
  if (Object.keys(pairs).length === 0) return;
  refuseFieldSpecKinds(resources, 'labels');
  for (const resource of resources) {
    mergeInto(metadataOf(resource.object), 'labels', pairs);
  }
}

export function addAnnotations(resources: KustomizeResource[], pairs: Record<string, string>): void {
  if (Object.keys(pairs).length === 0) return;
  refuseFieldSpecKinds(resources, 'commonAnnotations');
  for (const resource of resources) {
    mergeInto(metadataOf(resource.object), 'annotations', pairs);
  }
}
