/*
 * The one place where GitHub's answers become @backstage/errors, with
 * messages that say what to fix.
 */
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** What the writer was doing, for the message. */
export interface GithubCallContext {
  /** e.g. `reading the base branch`, `opening the pull request`. */
  action: string;
  host: string;
  owner: string;
  repo: string;
  baseBranch: string;
}

interface GithubErrorShape {
  status?: number;
  message?: string;
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
}

function asGithubError(error: unknown): GithubErrorShape | undefined {
  return typeof error === 'object' && error !== null ? (error as GithubErrorShape) : undefined;
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
          .map(item => (typeof item === 'object' && item !== null && 'message' in item ? String((item as { message: unknown }).message) : ''))
          .filter(Boolean)
          .join('; ')
      : '';
    return [typeof message === 'string' ? message : '', extra].filter(Boolean).join(': ');
  }
  return asGithubError(error)?.message ?? String(error);
}

function isRateLimit(error: unknown): boolean {
  const shape = asGithubError(error);
  const remaining = shape?.response?.headers?.['x-ratelimit-remaining'];
  return /rate limit/i.test(githubMessage(error)) || remaining === '0';
}

/** Maps an Octokit error to an @backstage/errors error a user can act on. */
export function toActionableError(error: unknown, context: GithubCallContext): Error {
  const status = githubStatus(error);
  const cause = error instanceof Error ? error : undefined;
  const repository = `${context.owner}/${context.repo}`;
  const said = githubMessage(error);
  switch (status) {
    case 401:
      return new AuthenticationError(
        `GitHub refused the credentials for ${context.host} while ${context.action} (401 ${said}). The token configured under integrations.github for ${context.host} is missing, expired or revoked, or the GitHub App's private key or app id is wrong: renew it and try again.`,
        cause,
      );
    case 403:
    case 429:
      if (isRateLimit(error)) {
        return new ServiceUnavailableError(
          `GitHub rate-limited ${context.action} in ${repository} (${status} ${said}) and the retries after its retry-after time were used up. Wait a few minutes and run the template again; nothing was left half-done.`,
          cause,
        );
      }
      return new NotAllowedError(
        `The GitHub credentials for ${context.host} may not ${context.action} in ${repository} (${status} ${said}). Give the token write access to contents and pull requests (fine-grained token: "Contents" and "Pull requests" read and write; classic token: the repo scope), or install the GitHub App on ${repository} with those permissions.`,
        cause,
      );
    case 404:
      return new NotFoundError(
        `GitHub answered 404 while ${context.action}: ${repository} (branch ${context.baseBranch}) does not exist on ${context.host}, or the credentials cannot see it (GitHub answers 404 rather than 403 for private repositories). Check kubevirtGitops.gitops.repoUrl and baseBranch, and that the token or GitHub App can read ${repository}.`,
        cause,
      );
    case 409:
      return new ConflictError(`GitHub reported a conflict while ${context.action} in ${repository}: ${said}`, cause);
    case 422:
      return new InputError(`GitHub rejected ${context.action} in ${repository} (422 ${said}).`, cause);
    default:
      if (status !== undefined && status >= 500) {
        return new ServiceUnavailableError(
          `GitHub failed while ${context.action} in ${repository} (${status} ${said}), also on retry. Try again later.`,
          cause,
        );
      }
      return new ServiceUnavailableError(
        `Could not reach GitHub (${context.host}) while ${context.action} in ${repository}: ${said}`,
        cause,
      );
  }
}

/** Runs a GitHub call, mapping its failure with toActionableError. */
export async function callGithub<T>(context: GithubCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toActionableError(error, context);
  }
}
