import { ResponseError } from '@backstage/errors';
import { isFinalPollingError } from '../hooks/usePolling';
import { UnexpectedResponseError } from './KubevirtGitopsClient';

/**
 * What kind of failure, so the UI can say what to do about it.
 *
 * @public
 */
export type ApiErrorKind =
  | 'annotation'
  | 'sign-in'
  | 'permission'
  | 'not-found'
  | 'backend'
  | 'network'
  | 'unexpected';

/**
 * A failed call in words a user can act on.
 *
 * @public
 */
export interface DescribedError {
  kind: ApiErrorKind;
  title: string;
  /** What happened and what to do next. */
  description: string;
  /** For `permission`: the permission to ask for. */
  permission?: string;
  /** The server's own message, when there is one. */
  serverMessage?: string;
  /** Whether trying again later may help (the view keeps polling). */
  retryable: boolean;
}

const PERMISSION_NAME = /\bkubevirt-gitops\.[a-z]+\.[a-z]+\b/;

function fromResponseError(
  error: ResponseError,
  permission: string,
): DescribedError {
  const serverMessage = error.cause?.message || error.message;
  const status = error.statusCode;
  // the same rule auto-refresh stops by
  const retryable = !isFinalPollingError(error);
  if (status === 400) {
    return {
      kind: 'annotation',
      title: 'The entity is not set up for virtual machines',
      description:
        'The backend cannot tell which VM this entity is. Fix its annotations as shown below, then let the catalog re-read the entity.',
      serverMessage,
      retryable,
    };
  }
  if (status === 401) {
    return {
      kind: 'sign-in',
      title: 'Your session has expired',
      description: 'Reload the page and sign in again.',
      serverMessage,
      retryable,
    };
  }
  if (status === 403) {
    const named = PERMISSION_NAME.exec(serverMessage)?.[0] ?? permission;
    return {
      kind: 'permission',
      title: 'You do not have permission to see this',
      description: `Ask a Backstage administrator to grant you the permission ${named}.`,
      permission: named,
      serverMessage,
      retryable,
    };
  }
  if (status === 404) {
    return {
      kind: 'not-found',
      title: 'Not found',
      description:
        error.cause?.name === 'NotFoundError'
          ? 'The backend could not find this entity in the catalog (or you cannot see it). If it was just registered, wait for the catalog to process it.'
          : 'The kubevirt-gitops backend did not answer this route: check that the backend plugin is installed.',
      serverMessage,
      retryable,
    };
  }
  return {
    kind: 'backend',
    title: `The backend could not answer (${[status, error.statusText]
      .filter(Boolean)
      .join(' ')})`,
    description:
      'This is usually temporary (an upstream such as ArgoCD or the OCM hub is slow or down). The view retries on its own.',
    serverMessage,
    retryable,
  };
}

/**
 * Maps an error of the {@link KubevirtGitopsApi} to a title, what to do, and
 * whether retrying helps. `permission` is the permission the call needs,
 * named when the server's message does not name one.
 *
 * @public
 */
export function describeError(
  error: unknown,
  permission: string,
): DescribedError {
  if (ResponseError.is(error)) {
    return fromResponseError(error, permission);
  }
  if (error instanceof UnexpectedResponseError) {
    return {
      kind: 'unexpected',
      title: 'Unexpected answer from the backend',
      description: error.message,
      retryable: false,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'network',
    title: 'Cannot reach the Backstage backend',
    description:
      'Check your connection; the view retries on its own when the backend is reachable again.',
    serverMessage: message,
    retryable: true,
  };
}
