/*
 * The Octokit client of the pull-request writer: @octokit/rest with
 * @octokit/plugin-retry (5xx and network errors) and
 * @octokit/plugin-throttling (primary and secondary rate limits, honouring
 * `retry-after`). The throttling plugin's pre-emptive pacing of writes (one
 * per second, notifications every three seconds) is replaced by unpaced
 * groups: a pull request makes a handful of writes, and GitHub's
 * secondary-limit answers are honoured when they come.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';

/**
 * The client type the writer uses (an `@octokit/rest` client).
 *
 * @public
 */
export type GithubClient = Octokit;

/**
 * How the client retries.
 *
 * @public
 */
export interface GithubClientOptions {
  /** A token (personal, fine-grained, or a GitHub App installation token). */
  token: string;
  /** REST API base, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`. */
  baseUrl: string;
  logger?: LoggerService;
  /** Retries of 5xx and network errors (default 3). */
  retries?: number;
  /** Base delay of those retries in ms (default 1000: 1 s, 4 s, 9 s). */
  retryDelayMs?: number;
  /** Retries after a rate limit (default 2), each after GitHub's `retry-after`. */
  rateLimitRetries?: number;
  /** Longest wait accepted for a rate limit, in seconds (default 120). */
  maxRateLimitWaitSeconds?: number;
  /** Request timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** The fetch requests go through (default: the global fetch). */
  fetch?: typeof fetch;
}

type OctokitPlugin = Parameters<typeof Octokit.plugin>[0];

// plugin-retry 6 and plugin-throttling 8 are typed against @octokit/core 5;
// @octokit/rest 19 (the version Backstage uses) runs on @octokit/core 4, whose
// plugin interface (hook.wrap, request, log) they use the same way.
const RetryingOctokit = Octokit.plugin(
  retry as unknown as OctokitPlugin,
  throttling as unknown as OctokitPlugin,
);

function timedFetch(
  fetchImpl: typeof fetch | undefined,
  timeoutMs: number,
): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal
      ? AbortSignal.any([init.signal, timeout])
      : timeout;
    return (fetchImpl ?? globalThis.fetch)(input, { ...init, signal });
  };
}

/*
 * Created once per process, not per client: a Bottleneck.Group starts a
 * cleanup interval that holds it for the life of the process, so a group
 * per client (the reader makes a client per list) would never be freed.
 * plugin-throttling keeps its own groups at module level the same way.
 */
const unpacedGroups = {
  write: new Bottleneck.Group({
    id: 'kubevirt-gitops-write',
    maxConcurrent: 16,
    minTime: 0,
  }),
  notifications: new Bottleneck.Group({
    id: 'kubevirt-gitops-notifications',
    maxConcurrent: 16,
    minTime: 0,
  }),
};

/**
 * Creates the writer's client.
 *
 * @public
 */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const maxWait = options.maxRateLimitWaitSeconds ?? 120;
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method?: string; url?: string },
      _octokit: unknown,
      retryCount: number,
    ) => {
      const willRetry = retryCount < rateLimitRetries && retryAfter <= maxWait;
      options.logger?.warn(`GitHub ${kind} rate limit`, {
        method: request.method ?? '',
        url: request.url ?? '',
        retryAfterSeconds: retryAfter,
        retryCount,
        willRetry,
      });
      return willRetry;
    };
  return new RetryingOctokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: 'backstage-kubevirt-gitops',
    // Only the fetch here: `retries` in request options would make
    // plugin-retry retry every status, 404 and 422 included. @octokit/request
    // 6 sends through the global fetch, which ignores its `timeout` option:
    // the timeout is a signal per request.
    request: { fetch: timedFetch(options.fetch, options.timeoutMs ?? 30000) },
    retry: {
      retries: options.retries ?? 3,
      retryAfterBaseValue: options.retryDelayMs ?? 1000,
    },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      write: unpacedGroups.write,
      notifications: unpacedGroups.notifications,
    } satisfies ThrottlingOptions,
  });
}
