/*
 * The one place where GitHub's answers (REST statuses and GraphQL errors)
 * become @backstage/errors, with messages that say what to fix.
 */
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { withUpstreamErrorKind as withKind } from '@internal/plugin-kubevirt-gitops-common';

/** What the writer was doing, for the message. */
export interface GithubCallContext {
  /** e.g. `reading the base branch`, `opening the pull request`. */
  action: string;
  host: string;
  owner: string;
  repo: string;
  baseBranch: string;
  /**
   * What the caller needs: `write` (default: the pull-request writer, run
   * by a template) or `read` (the backend listing open pull requests on a
   * page's request, with no retries). Decides what the message tells the
   * reader to do.
   */
  access?: 'read' | 'write';
}

interface GithubErrorShape {
  status?: number;
  message?: string;
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
}

function asGithubError(error: unknown): GithubErrorShape | undefined {
  return typeof error === 'object' && error !== null
    ? (error as GithubErrorShape)
    : undefined;
}

/** The HTTP status of an Octokit error, if it has one. */
export function githubStatus(error: unknown): number | undefined {
  const status = asGithubError(error)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** GitHub's own message (`Bad credentials`, `Reference already exists`), if any. */
export function githubMessage(error: unknown): string {
  const data = asGithubError(error)?.response?.data;
  if (typeof data === 'object' && data !== null && 'message' in data) {
    const { message } = data as { message?: unknown; errors?: unknown };
    const details = (data as { errors?: unknown }).errors;
    const extra = Array.isArray(details)
      ? details
          .map(item =>
            typeof item === 'object' && item !== null && 'message' in item
              ? String((item as { message: unknown }).message)
              : '',
          )
          .filter(Boolean)
          .join('; ')
      : '';
    return [typeof message === 'string' ? message : '', extra]
      .filter(Boolean)
      .join(': ');
  }
  return asGithubError(error)?.message ?? String(error);
}

function isRateLimit(error: unknown): boolean {
  const shape = asGithubError(error);
  const remaining = shape?.response?.headers?.['x-ratelimit-remaining'];
  return /rate limit/i.test(githubMessage(error)) || remaining === '0';
}

/** Maps an Octokit error to an @backstage/errors error a user can act on. */
export function toActionableError(
  error: unknown,
  context: GithubCallContext,
): Error {
  const status = githubStatus(error);
  const cause = error instanceof Error ? error : undefined;
  const repository = `${context.owner}/${context.repo}`;
  const said = githubMessage(error);
  const reading = context.access === 'read';
  switch (status) {
    case 401:
      return withKind(
        new AuthenticationError(
          `GitHub refused the credentials for ${context.host} while ${
            context.action
          } (401 ${said}). The token configured under integrations.github for ${
            context.host
          } is missing, expired or revoked, or the GitHub App's private key or app id is wrong: renew it${
            reading ? '' : ' and try again'
          }.`,
          cause,
        ),
        'credentials-rejected',
      );
    case 403:
    case 429:
      if (isRateLimit(error)) {
        return withKind(
          new ServiceUnavailableError(
            reading
              ? `GitHub rate-limited ${context.action} in ${repository} (${status} ${said}). The list is asked for again after its cache period.`
              : `GitHub rate-limited ${context.action} in ${repository} (${status} ${said}) and the retries after its retry-after time were used up. Wait a few minutes and run the template again; nothing was left half-done.`,
            cause,
          ),
          'rate-limited',
        );
      }
      return withKind(
        new NotAllowedError(
          reading
            ? `GitHub refused ${context.action} in ${repository} to the credentials for ${context.host} (${status} ${said}). Give the token read access to pull requests and contents (fine-grained token: "Pull requests" and "Contents" read; classic token: the repo scope), or install the GitHub App on ${repository} with those permissions.`
            : `The GitHub credentials for ${context.host} may not ${context.action} in ${repository} (${status} ${said}). Give the token write access to contents and pull requests (fine-grained token: "Contents" and "Pull requests" read and write; classic token: the repo scope), or install the GitHub App on ${repository} with those permissions.`,
          cause,
        ),
        'forbidden',
      );
    case 404:
      return withKind(
        new NotFoundError(
          `GitHub answered 404 while ${context.action}: ${repository} (branch ${context.baseBranch}) does not exist on ${context.host}, or the credentials cannot see it (GitHub answers 404 rather than 403 for private repositories). Check kubevirtGitops.gitops.repoUrl and baseBranch, and that the token or GitHub App can read ${repository}.`,
          cause,
        ),
        'not-found',
      );
    case 409:
      return withKind(
        new ConflictError(
          `GitHub reported a conflict while ${context.action} in ${repository}: ${said}`,
          cause,
        ),
        'conflict',
      );
    case 422:
      return withKind(
        new InputError(
          `GitHub rejected ${context.action} in ${repository} (422 ${said}).`,
          cause,
        ),
        'bad-request',
      );
    default:
      if (status === undefined && isRateLimit(error)) {
        // plugin-throttling's error for a GraphQL RATE_LIMITED answer has no status.
        return withKind(
          new ServiceUnavailableError(
            `GitHub rate-limited ${context.action} in ${repository} (${said}). Wait a few minutes and run the template again; nothing was left half-done.`,
            cause,
          ),
          'rate-limited',
        );
      }
      if (isTimeout(error)) {
        return withKind(
          new ServiceUnavailableError(
            `GitHub (${context.host}) did not answer in time while ${context.action} in ${repository}: ${said}`,
            cause,
          ),
          'timeout',
        );
      }
      if (isUnreachable(error)) {
        return withKind(
          new ServiceUnavailableError(
            `Could not reach GitHub (${context.host}) while ${context.action} in ${repository}: ${said}`,
            cause,
          ),
          'unreachable',
        );
      }
      if (status !== undefined && status >= 500) {
        return withKind(
          new ServiceUnavailableError(
            reading
              ? `GitHub answered ${status} while ${context.action} in ${repository} (${said}).`
              : `GitHub failed while ${context.action} in ${repository} (${status} ${said}), also on retry. Try again later.`,
            cause,
          ),
          'unavailable',
        );
      }
      return withKind(
        new ServiceUnavailableError(
          `Could not reach GitHub (${context.host}) while ${context.action} in ${repository}: ${said}`,
          cause,
        ),
        'unreachable',
      );
  }
}

/**
 * The request's timeout signal fired: @octokit/request 6 turns the fetch
 * rejection into a RequestError with status 500 and the rejection's message.
 */
function isTimeout(error: unknown): boolean {
  const shape = asGithubError(error);
  return (
    /aborted due to timeout|network timeout|timed out/i.test(
      shape?.message ?? '',
    ) ||
    (error instanceof Error &&
      (error.name === 'AbortError' || error.name === 'TimeoutError'))
  );
}

/** The request never got an answer (fetch failed: refused, DNS, TLS, reset). */
function isUnreachable(error: unknown): boolean {
  return /fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|socket hang up/i.test(
    asGithubError(error)?.message ?? '',
  );
}

/** Runs a GitHub call, mapping its failure with toActionableError. */
export async function callGithub<T>(
  context: GithubCallContext,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toActionableError(error, context);
  }
}

/** One entry of a GraphQL response's `errors` (GitHub adds `type`). */
export interface GraphqlErrorEntry {
  type?: string;
  message: string;
  path?: Array<string | number>;
}

/** A GraphQL answer: what resolved, and the errors of what did not. */
export interface GraphqlOutcome<T> {
  data: Partial<T>;
  errors: GraphqlErrorEntry[];
}

/** GitHub's GraphQL error types, as the HTTP status the REST API would answer. */
const GRAPHQL_STATUS: Record<string, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPES: 403,
  RATE_LIMITED: 403,
  STALE_DATA: 409,
  UNPROCESSABLE: 422,
};

/** Error types no retry or branch reuse can fix: permissions and rate limits. */
export function isFatalGraphqlError(error: GraphqlErrorEntry): boolean {
  return ['FORBIDDEN', 'INSUFFICIENT_SCOPES', 'RATE_LIMITED'].includes(
    error.type ?? '',
  );
}

/** GraphQL errors as an @backstage/errors error (the first one decides the kind). */
export function graphqlErrorToActionable(
  errors: readonly GraphqlErrorEntry[],
  context: GithubCallContext,
): Error {
  const first = errors.find(isFatalGraphqlError) ?? errors[0];
  const message =
    errors.map(error => error.message).join('; ') ||
    'GitHub answered with an empty GraphQL error';
  return toActionableError(
    {
      status: GRAPHQL_STATUS[first?.type ?? ''] ?? 422,
      message,
      response: { data: { message } },
    },
    context,
  );
}

interface GraphqlResponseErrorShape {
  name?: unknown;
  errors?: unknown;
  data?: unknown;
}

function graphqlResponseError(
  error: unknown,
): { errors: GraphqlErrorEntry[]; data: unknown } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const shape = error as GraphqlResponseErrorShape;
  if (shape.name !== 'GraphqlResponseError' || !Array.isArray(shape.errors))
    return undefined;
  const errors = shape.errors.map((entry: unknown): GraphqlErrorEntry => {
    const item =
      typeof entry === 'object' && entry !== null
        ? (entry as Record<string, unknown>)
        : {};
    return {
      type: typeof item.type === 'string' ? item.type : undefined,
      message: typeof item.message === 'string' ? item.message : String(entry),
      path: Array.isArray(item.path)
        ? item.path.filter(
            (part): part is string | number =>
              typeof part === 'string' || typeof part === 'number',
          )
        : undefined,
    };
  });
  return { errors, data: shape.data };
}

/**
 * Sends one GraphQL document. HTTP failures (401, 403, 404, 5xx after the
 * retries) throw an actionable error; GraphQL errors come back next to the
 * data that did resolve, for the caller to judge (a mutation document may
 * partly succeed).
 */
export async function callGraphql<T>(
  context: GithubCallContext,
  call: () => Promise<T>,
): Promise<GraphqlOutcome<T>> {
  try {
    return { data: await call(), errors: [] };
  } catch (error) {
    const partial = graphqlResponseError(error);
    if (!partial) throw toActionableError(error, context);
    const data =
      typeof partial.data === 'object' && partial.data !== null
        ? (partial.data as Partial<T>)
        : {};
    return { data, errors: partial.errors };
  }
}
