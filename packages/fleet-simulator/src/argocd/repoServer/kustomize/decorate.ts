import type { JsonObject } from '../../health';
import type { DecorationOptions } from './options';

/**
 * API groups whose kinds kustomize decorates only in `metadata` (its builtin
 * commonLabels/commonAnnotations field specs name no field of theirs), so
 * adding the labels and annotations ourselves gives kustomize's output.
 */
const METADATA_ONLY_GROUPS = new Set([
  'kubevirt.io',
  'cdi.kubevirt.io',
  'instancetype.kubevirt.io',
  'pool.kubevirt.io',
  'snapshot.kubevirt.io',
]);
const METADATA_ONLY_CORE_KINDS = new Set([
  'Namespace',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'ServiceAccount',
]);

function groupOf(object: JsonObject): string {
  const apiVersion =
    typeof object.apiVersion === 'string' ? object.apiVersion : '';
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** Whether {@link decorate} matches kustomize for every object. */
export function canDecorateInProcess(objects: readonly JsonObject[]): boolean {
  return objects.every(object => {
    const group = groupOf(object);
    return group === ''
      ? METADATA_ONLY_CORE_KINDS.has(String(object.kind))
      : METADATA_ONLY_GROUPS.has(group);
  });
}

/**
 * Adds commonLabels and commonAnnotations to each object's metadata. Returns
 * new top-level objects; everything below `metadata` is shared with the input.
 */
export function decorate(
  objects: readonly JsonObject[],
  options: DecorationOptions,
): JsonObject[] {
  const { commonLabels, commonAnnotations } = options;
  if (!commonLabels && !commonAnnotations) {
    return [...objects];
  }
  return objects.map(object => {
    const metadata = (object.metadata ?? {}) as JsonObject;
    const labels = {
      ...(metadata.labels as Record<string, string> | undefined),
      ...commonLabels,
    };
    const annotations = {
      ...(metadata.annotations as Record<string, string> | undefined),
      ...commonAnnotations,
    };
    return {
      ...object,
      metadata: {
        ...metadata,
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
        ...(Object.keys(labels).length > 0 ? { labels } : {}),
      },
    };
  });
}
