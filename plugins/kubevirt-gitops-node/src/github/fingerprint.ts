/*
 * The fingerprint of a request: the same request (same repository, branch
 * and validated operation) always has the same one, so a re-run finds the
 * pull request it opened before.
 */
import { createHash } from 'node:crypto';
import type { JsonValue } from '@backstage/types';

function canonical(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter(key => (value as Record<string, unknown>)[key] !== undefined)
        .map(key => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
    ? value
    : null;
}

/** 16 hex characters of the SHA-256 of the canonical JSON of `parts`. */
export function requestFingerprint(parts: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(parts)))
    .digest('hex')
    .slice(0, 16);
}
