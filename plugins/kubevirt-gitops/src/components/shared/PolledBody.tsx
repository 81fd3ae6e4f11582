import type { ReactNode } from 'react';
import { describeError } from '../../api/describeError';
import type { PolledState } from '../../hooks/usePolling';
import { ErrorState } from './ErrorState';

/**
 * The body of a polled view: the value once it has loaded (kept while a
 * reload fails), else the error described for `permission`, else the
 * skeleton.
 */
export function PolledBody<T>(props: {
  polled: PolledState<T>;
  /** The permission the call needs, named when a 403 does not name one. */
  permission: string;
  skeleton: ReactNode;
  children: (value: T) => ReactNode;
}) {
  const { polled } = props;
  if (polled.value !== undefined) {
    return <>{props.children(polled.value)}</>;
  }
  if (polled.error) {
    return <ErrorState error={describeError(polled.error, props.permission)} />;
  }
  return <>{props.skeleton}</>;
}
