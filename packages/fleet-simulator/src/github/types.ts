import type { WebhookDelivery } from './webhooks';
import type { Clock, GitStore, UpstreamHandler } from '../contracts';

export interface GithubRepositorySeed {
  owner: string;
  repo: string;
  defaultBranch: string;
  /** Path → UTF-8 content; becomes one initial commit on the default branch. */
  files: Record<string, string>;
  description?: string;
}

export interface GithubSimulatorOptions {
  /** Simulated time; every timestamp comes from `clock.now()`. */
  clock: Clock;
  /** Accepted as `Authorization: token X` or `Bearer X`; anything else is 401. */
  tokens: string[];
  /** e.g. `http://127.0.0.1:7103`; the API is served under `${publicUrl}/api/v3`. */
  publicUrl: string;
  repos: GithubRepositorySeed[];
  /** Known users (reviewers must be among them). The token owner is `users[0]`, or `backstage-bot`. */
  users?: Array<{ login: string }>;
  /** Known teams (team reviewers must be among them, in the repository owner's org). */
  teams?: Array<{ org: string; slug: string }>;
  /** `x-ratelimit-limit` per token and hour of simulated time (default 5000). */
  rateLimit?: number;
  /** Answer 403 "API rate limit exceeded" once a token used its limit (default false: headers only). */
  enforceRateLimit?: boolean;
}

export type MergeMethod = 'merge' | 'squash';

export interface PullRequestState {
  number: number;
  title: string;
  state: 'open' | 'closed';
  merged: boolean;
  draft: boolean;
  htmlUrl: string;
  author: string;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  labels: string[];
  requestedReviewers: string[];
  requestedTeams: string[];
  comments: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergeCommitSha: string | null;
}

export interface RepositoryState {
  owner: string;
  repo: string;
  defaultBranch: string;
  /** Commit SHA at the tip of the default branch. */
  headSha: string;
  branches: Array<{ name: string; sha: string }>;
  pulls: PullRequestState[];
}

/** A JSON-serialisable summary of the simulated GitHub. */
export interface GithubState {
  repos: RepositoryState[];
}

export interface GithubSimulator {
  /** Node request listener for the whole GitHub server (API under /api/v3, GraphQL, web pages). */
  handler: UpstreamHandler;
  git: GitStore;
  /** Merges like the merge button; throws an Error naming the reason when the PR is not mergeable. */
  mergePullRequest(
    owner: string,
    repo: string,
    number: number,
    options?: { mergeMethod?: MergeMethod },
  ): { sha: string };
  state(): GithubState;
  /** The last 100 webhook deliveries (repository hooks, `POST /repos/{o}/{r}/hooks`). */
  webhookDeliveries(): WebhookDelivery[];
  /** Stops delivering webhooks. */
  stop(): void;
}
