/*
 * Which resources a patch `target` selects: kind, group, version, name
 * (an anchored regular expression, matched against the original or current
 * name), namespace and label/annotation selectors, as kustomize does.
 */
import type { JsonObject, JsonValue } from '@backstage/types';
import type { PatchSelector } from './kustomizationSchema';
import { UnsupportedKustomizationError, type KustomizeResource } from './types';

function stringAt(object: JsonObject, ...path: string[]): string | undefined {
  let current: JsonValue | undefined = object;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = current[key];
  }
  return typeof current === 'string' ? current : undefined;
}

function mapAt(object: JsonObject, ...path: string[]): Record<string, string> {
  let current: JsonValue | undefined = object;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return {};
    current = current[key];
  }
  if (typeof current !== 'object' || current === null || Array.isArray(current)) return {};
  return Object.fromEntries(
    Object.entries(current).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** Group and version of a resource's apiVersion (`kubevirt.io/v1` -> kubevirt.io, v1). */
export function groupVersion(object: JsonObject): { group: string; version: string } {
  const apiVersion = stringAt(object, 'apiVersion') ?? '';
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function resourceName(object: JsonObject): string {
  return stringAt(object, 'metadata', 'name') ?? '';
}

export function resourceNamespace(object: JsonObject): string | undefined {
  return stringAt(object, 'metadata', 'namespace');
}

export function resourceKind(object: JsonObject): string {
  return stringAt(object, 'kind') ?? '';
}

function anchored(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    throw new UnsupportedKustomizationError(`target "${pattern}" is not a regular expression the preview understands`);
  }
}

function matchesEqualitySelector(selector: string, values: Record<string, string>): boolean {
  return selector
    .split(',')
    .map(term => term.trim())
    .filter(Boolean)
    .every(term => {
      const match = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
      if (match) {
        const [, key, operator, value] = match;
        return operator === '!=' ? values[key] !== value : values[key] === value;
      }
      if (/^!\S+$/.test(term)) return !(term.slice(1) in values);
      if (/^\S+$/.test(term)) return term in values;
      throw new UnsupportedKustomizationError(`selector "${selector}" is not supported by the preview`);
    });
}

/** True when `selector` selects `resource`. */
export function selects(selector: PatchSelector | undefined, resource: KustomizeResource): boolean {
  if (!selector) return true;
  const { object } = resource;
  const { group, version } = groupVersion(object);
  if (selector.kind !== undefined && !anchored(selector.kind).test(resourceKind(object))) return false;
  if (selector.group !== undefined && !anchored(selector.group).test(group)) return false;
  if (selector.version !== undefined && !anchored(selector.version).test(version)) return false;
  if (selector.name !== undefined) {
    const pattern = anchored(selector.name);
    if (!pattern.test(resource.originalName) && !pattern.test(resourceName(object))) return false;
  }
  if (selector.namespace !== undefined) {
    const pattern = anchored(selector.namespace);
    const current = resourceNamespace(object) ?? 'default';
    const original = resource.originalNamespace ?? 'default';
    if (!pattern.test(original) && !pattern.test(current)) return false;
  }
  if (selector.labelSelector !== undefined && !matchesEqualitySelector(selector.labelSelector, mapAt(object, 'metadata', 'labels'))) {
    return false;
  }
  if (
    selector.annotationSelector !== undefined &&
    !matchesEqualitySelector(selector.annotationSelector, mapAt(object, 'metadata', 'annotations'))
  ) {
    return false;
  }
  return true;
}
