import type { KubeObject } from '../contracts';

/** A Kubernetes timestamp (RFC 3339, seconds precision, UTC). */
export function kubeTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Freezes an object and everything it holds; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const SERVER_SET_METADATA = new Set([
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
]);

function withoutServerMetadata(object: KubeObject): string {
  const metadata = Object.fromEntries(
    Object.entries(object.metadata).filter(
      ([key]) => !SERVER_SET_METADATA.has(key),
    ),
  );
  return JSON.stringify({ ...object, metadata });
}

/** Whether two objects are equal except for fields the server sets. */
export function sameContent(a: KubeObject, b: KubeObject): boolean {
  return withoutServerMetadata(a) === withoutServerMetadata(b);
}

/** Whether two objects have the same desired state (all but metadata and status). */
export function sameSpec(a: KubeObject, b: KubeObject): boolean {
  const { metadata: _ma, status: _sa, ...restA } = a;
  const { metadata: _mb, status: _sb, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}
