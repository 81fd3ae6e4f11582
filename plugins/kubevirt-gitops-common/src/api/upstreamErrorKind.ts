/*
 * The typed kind a failed upstream call carries from where it is mapped
 * (the backend's upstream clients, node's GitHub layer) to the `errors[]`
 * entry it becomes: a non-enumerable mark on the error, so messages and
 * error classes stay as they are.
 */
import type { UpstreamErrorKind } from './vmStatusTypes';

const KIND = Symbol.for('kubevirt-gitops.upstreamErrorKind');

/**
 * Marks an error with its kind; returns it.
 *
 * @public
 */
export function withUpstreamErrorKind<E extends Error>(
  error: E,
  kind: UpstreamErrorKind,
): E {
  Object.defineProperty(error, KIND, {
    value: kind,
    enumerable: false,
    configurable: true,
  });
  return error;
}

/**
 * The kind `withUpstreamErrorKind` marked on the error, if any.
 *
 * @public
 */
export function markedUpstreamErrorKind(
  error: unknown,
): UpstreamErrorKind | undefined {
  return typeof error === 'object' && error !== null
    ? (error as { [KIND]?: UpstreamErrorKind })[KIND]
    : undefined;
}
