import type { JsonObject } from '../health';
import { asObject, asString } from '../health/types';

/** Identifies a Kubernetes object on a cluster (ArgoCD `ResourceRef` without uid). */
export interface ResourceRef {
  group: string;
  version: string;
  kind: string;
  /** Empty for cluster-scoped kinds. */
  namespace: string;
  name: string;
}

/** Kinds that have no namespace (the ones a GitOps repo for VMs may hold). */
const CLUSTER_SCOPED = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'storage.k8s.io/StorageClass',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'scheduling.k8s.io/PriorityClass',
  'cdi.kubevirt.io/CDI',
  'hco.kubevirt.io/HyperConverged',
  'instancetype.kubevirt.io/VirtualMachineClusterInstancetype',
  'instancetype.kubevirt.io/VirtualMachineClusterPreference',
]);

export function splitApiVersion(apiVersion: string): {
  group: string;
  version: string;
} {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : {
        group: apiVersion.slice(0, slash),
        version: apiVersion.slice(slash + 1),
      };
}

export function isClusterScoped(group: string, kind: string): boolean {
  return CLUSTER_SCOPED.has(`${group}/${kind}`);
}

/** The ref of a manifest applied with `defaultNamespace` as the app's destination namespace. */
export function refOf(
  manifest: JsonObject,
  defaultNamespace: string,
): ResourceRef {
  const { group, version } = splitApiVersion(
    asString(manifest.apiVersion) ?? 'v1',
  );
  const kind = asString(manifest.kind) ?? '';
  const metadata = asObject(manifest.metadata);
  return {
    group,
    version,
    kind,
    namespace: isClusterScoped(group, kind)
      ? ''
      : asString(metadata?.namespace) ?? defaultNamespace,
    name: asString(metadata?.name) ?? '',
  };
}

/** A map key for a ref (group/kind/namespace/name, as ArgoCD keys resources). */
export function keyOf(
  ref: Pick<ResourceRef, 'group' | 'kind' | 'namespace' | 'name'>,
): string {
  return `${ref.group}/${ref.kind}/${ref.namespace}/${ref.name}`;
}

export function apiVersionOf(
  ref: Pick<ResourceRef, 'group' | 'version'>,
): string {
  return ref.group ? `${ref.group}/${ref.version}` : ref.version;
}
