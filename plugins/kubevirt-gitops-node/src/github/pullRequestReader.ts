/*
 * The open pull requests of a GitOps repository and the files they touch,
 * for the backend's VM tab and its MCP action: the read side of this
 * package's GitHub layer, on the same Octokit client, credentials
 * (`createIntegrationClientFactory`) and error mapper (`toActionableError`)
 * as the pull-request writer. One list call per cache period (shared by
 * every entity), plus one files call per pull request and head commit
 * (files of a commit never change), all through one client (one
 * credentials lookup) per list.
 *
 * The backend calls this on a page's request: its client has no retries
 * (the last list stands in while GitHub fails) and a short timeout.
 */
import { ServiceUnavailableError } from '@backstage/errors';
import {
  gitopsRepoWebUrl,
  withUpstreamErrorKind,
  type GitopsRepository,
} from '@internal/plugin-kubevirt-gitops-common';
import { createTtlCache } from '../cache/ttlCache';
import type { GithubClient } from './githubClient';
import type { GithubClientFactory } from './githubCredentials';
import { callGithub, type GithubCallContext } from './githubErrors';

/**
 * An open pull request with the paths it changes.
 *
 * @public
 */
export interface OpenPullRequest {
  number: number;
  title: string;
  url: string;
  author?: string;
  createdAt: string;
  labels: string[];
  branch: string;
  files: string[];
}

/**
 * Reads open pull requests.
 *
 * @public
 */
export interface PullRequestReader {
  readonly source: string;
  /**
   * Open pull requests against the base branch that touch `folder` (a path
   * prefix), in the configured repository `repoUrl` names (the primary one
   * when absent).
   */
  touching(folder: string, repoUrl?: string): Promise<OpenPullRequest[]>;
  /**
   * Drops the cached list of open pull requests (of `repository` only, when
   * given), so the next call asks GitHub: a webhook said it changed.
   */
  forget(repository?: { owner: string; repo: string }): void;
}

/**
 * Options of {@link createPullRequestReader}.
 *
 * @public
 */
export interface PullRequestReaderOptions {
  repository: GitopsRepository;
  baseBranch: string;
  /** The client per repository (`createIntegrationClientFactory`). */
  clientFactory: GithubClientFactory;
  /** How long one list of open pull requests is reused. */
  ttlMs: number;
  /** Pages of 100 open pull requests read at most (default 5). */
  maxPages?: number;
}

const FILE_PAGES = 3;
const SOURCE = 'github';

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * A pull request of the GitHub REST answer, with its changed paths.
 *
 * @public
 */
export function toOpenPullRequest(
  pull: unknown,
  number: number,
  files: string[],
  repoUrl: string,
): OpenPullRequest {
  const fields = record(pull);
  const author = text(record(fields.user).login);
  const labels = Array.isArray(fields.labels) ? fields.labels : [];
  return {
    number,
    title: text(fields.title) ?? `#${number}`,
    url: text(fields.html_url) ?? `${repoUrl}/pull/${number}`,
    ...(author ? { author } : {}),
    createdAt: text(fields.created_at) ?? '',
    labels: labels.flatMap(label => {
      const name = text(record(label).name);
      return name ? [name] : [];
    }),
    branch: text(record(fields.head).ref) ?? '',
    files,
  };
}

/** A list answer, or a clear error naming what came instead. */
function listOf(data: unknown, context: GithubCallContext): unknown[] {
  if (Array.isArray(data)) return data;
  let what = `a ${typeof data}`;
  if (data === null) what = 'null';
  else if (typeof data === 'object') what = 'an object';
  throw withUpstreamErrorKind(
    new ServiceUnavailableError(
      `GitHub answered with an unexpected shape while ${context.action} in ${context.owner}/${context.repo}: the answer is ${what}, not a list`,
    ),
    'bad-answer',
  );
}

/**
 * Creates the reader of one repository.
 *
 * @public
 */
export function createPullRequestReader(
  options: PullRequestReaderOptions,
): PullRequestReader {
  const { repository } = options;
  const repoUrl = gitopsRepoWebUrl(repository);
  const listCache = createTtlCache<OpenPullRequest[]>({
    ttlMs: options.ttlMs,
    maxEntries: 1,
  });
  const filesCache = createTtlCache<string[]>({
    ttlMs: 24 * 3600 * 1000,
    maxEntries: 2000,
  });
  const context = (action: string): GithubCallContext => ({
    action,
    host: repository.host,
    owner: repository.owner,
    repo: repository.repo,
    baseBranch: options.baseBranch,
    access: 'read',
  });

  async function files(
    client: GithubClient,
    number: number,
    headSha: string,
  ): Promise<string[]> {
    return filesCache.get(`${number}@${headSha}`, async () => {
      const call = context(`listing the files of pull request #${number}`);
      const paths: string[] = [];
      for (let page = 1; page <= FILE_PAGES; page += 1) {
        const { data } = await callGithub(call, () =>
          client.pulls.listFiles({
            owner: repository.owner,
            repo: repository.repo,
            pull_number: number,
            per_page: 100,
            page,
          }),
        );
        const entries = listOf(data, call);
        for (const entry of entries) {
          const filename = text(record(entry).filename);
          const previous = text(record(entry).previous_filename);
          if (filename) paths.push(filename);
          if (previous) paths.push(previous);
        }
        if (entries.length < 100) break;
      }
      return paths;
    });
  }

  async function listOpen(): Promise<OpenPullRequest[]> {
    const client = await options.clientFactory(repository);
    const call = context('listing open pull requests');
    const pulls: unknown[] = [];
    for (let page = 1; page <= (options.maxPages ?? 5); page += 1) {
      const { data } = await callGithub(call, () =>
        client.pulls.list({
          owner: repository.owner,
          repo: repository.repo,
          state: 'open',
          base: options.baseBranch,
          per_page: 100,
          page,
        }),
      );
      const entries = listOf(data, call);
      pulls.push(...entries);
      if (entries.length < 100) break;
    }
    return Promise.all(
      pulls.flatMap(pull => {
        const number = record(pull).number;
        const headSha = text(record(record(pull).head).sha);
        if (typeof number !== 'number' || !headSha) return [];
        return [
          files(client, number, headSha).then(paths =>
            toOpenPullRequest(pull, number, paths, repoUrl),
          ),
        ];
      }),
    );
  }

  const same = (a: string, b: string) =>
    a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
  return {
    source: SOURCE,
    forget(other) {
      if (
        !other ||
        (same(other.owner, repository.owner) &&
          same(other.repo, repository.repo))
      ) {
        listCache.delete('open');
      }
    },
    async touching(folder) {
      const prefix = `${folder.replace(/\/+$/, '')}/`;
      const open = await listCache.get('open', listOpen);
      return open.filter(pull =>
        pull.files.some(path => path.startsWith(prefix)),
      );
    },
  };
}
