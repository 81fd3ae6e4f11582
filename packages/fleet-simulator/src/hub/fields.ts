/** Safe readers for the loosely typed parts of stored objects (spec, status). */

import { isRecord } from '../json';

export { isRecord };

/** A shallow copy of `value` if it is a plain object, else `{}`. */
export function plainRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? { ...value } : {};
}

/** `value[key]` when `value` is an object. */
export function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** `value` if it is an array, else `[]`. */
export function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? value : [];
}

/** A LabelSelector object read from untyped data (non-string labels are dropped). */
export function labelSelectorOf(value: unknown): {
  matchLabels: Record<string, string>;
  matchExpressions: Array<{ key: string; operator: string; values?: string[] }>;
} {
  const matchLabels = Object.fromEntries(
    Object.entries(plainRecord(field(value, 'matchLabels'))).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
  const matchExpressions = list<unknown>(field(value, 'matchExpressions')).map(
    expression => ({
      key: String(field(expression, 'key') ?? ''),
      operator: String(field(expression, 'operator') ?? ''),
      values: list<unknown>(field(expression, 'values')).map(String),
    }),
  );
  return { matchLabels, matchExpressions };
}
