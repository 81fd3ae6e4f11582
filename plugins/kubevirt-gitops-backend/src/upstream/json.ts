/*
 * Defensive readers for upstream JSON (untrusted shape): no casts to
 * upstream types, just what is there.
 */

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
