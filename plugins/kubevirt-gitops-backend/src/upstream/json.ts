/*
 * Defensive readers for upstream JSON (untrusted shape): no casts to
 * upstream types, just what is there.
 */
import { ServiceUnavailableError } from '@backstage/errors';
import { withUpstreamErrorKind as withKind } from '@internal/plugin-kubevirt-gitops-common';

/** The value as a plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The value as a non-empty string, or undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The value as an array (empty when it is not one). */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A nested field: `field(obj, 'status', 'sync', 'status')`. */
export function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    current = asRecord(current)?.[key];
    if (current === undefined) {
      return undefined;
    }
  }
  return current;
}

/** A nested string field. */
export function stringField(
  value: unknown,
  ...path: string[]
): string | undefined {
  return asString(field(value, ...path));
}

/** A string → string map (labels, annotations, claims); other values are dropped. */
export function asStringMap(value: unknown): Record<string, string> {
  const record = asRecord(value);
  const result: Record<string, string> = {};
  if (!record) {
    return result;
  }
  for (const [key, entry] of Object.entries(record)) {
    if (typeof entry === 'string') {
      result[key] = entry;
    }
  }
  return result;
}

/**
 * The `items` of a list answer (`{"items": [...]}`, as Kubernetes and
 * ArgoCD send them). `items` may be absent or null (ArgoCD's empty list);
 * anything else that is not an array, or an answer that is not an object,
 * is an upstream answering the wrong shape: that throws (so the last good
 * data is kept) instead of reading as an empty list, which would make every
 * cluster or Application vanish.
 */
export function listItems(
  body: unknown,
  source: string,
  what: string,
): unknown[] {
  const record = asRecord(body);
  if (!record) {
    throw wrongShape(
      source,
      what,
      `the answer is ${describe(body)}, not an object with items`,
    );
  }
  const items = record.items;
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) {
    throw wrongShape(source, what, `items is ${describe(items)}, not a list`);
  }
  return items;
}

/** A JSON array answer (GitHub's lists); anything else throws like {@link listItems}. */
export function listArray(
  body: unknown,
  source: string,
  what: string,
): unknown[] {
  if (!Array.isArray(body)) {
    throw wrongShape(
      source,
      what,
      `the answer is ${describe(body)}, not a list`,
    );
  }
  return body;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function wrongShape(source: string, what: string, detail: string): Error {
  return withKind(
    new ServiceUnavailableError(
      `${source} answered with an unexpected shape when ${what}: ${detail}`,
    ),
    'bad-answer',
  );
}
