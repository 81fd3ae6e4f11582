/*
 * Open pull requests of the GitOps repository and the files they touch,
 * through the GitHub integration's credentials. One list call per cache
 * period (shared by every entity), plus one files call per pull request and
 * head commit (files of a commit never change).
 */
import type {
  GithubCredentialsProvider,
  GithubIntegrationConfig,
} from '@backstage/integration';
import {
  gitopsRepoWebUrl,
  type GitopsRepository,
} from '@internal/plugin-kubevirt-gitops-common';
import type { FetchLike } from '../upstream/http';
import { requestJson } from '../upstream/http';
import { asArray, field, listArray, stringField } from '../upstream/json';
import { createTtlCache } from '../upstream/ttlCache';

/** An open pull request with the paths it changes. */
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

/** Reads open pull requests. */
export interface PullRequestReader {
  readonly source: string;
  /**
   * Open pull requests against the base branch that touch `folder` (a path
   * prefix), in the configured repository `repoUrl` names (the primary one
   * when absent).
   */
  touching(folder: string, repoUrl?: string): Promise<OpenPullRequest[]>;
}

/** Options of {@link createPullRequestReader}. */
export interface PullRequestReaderOptions {
  repository: GitopsRepository;
  baseBranch: string;
  integration: GithubIntegrationConfig;
  credentials: GithubCredentialsProvider;
  fetch?: FetchLike;
  timeoutMs: number;
  ttlMs: number;
  /** Pages of 100 open pull requests read at most (default 5). */
  maxPages?: number;
}

const FILE_PAGES = 3;

/** A pull request of the GitHub REST answer, with its changed paths. */
export function toOpenPullRequest(
  pull: unknown,
  number: number,
  files: string[],
  repoUrl: string,
): OpenPullRequest {
  const author = stringField(pull, 'user', 'login');
  return {
    number,
    title: stringField(pull, 'title') ?? `#${number}`,
    url: stringField(pull, 'html_url') ?? `${repoUrl}/pull/${number}`,
    ...(author ? { author } : {}),
    createdAt: stringField(pull, 'created_at') ?? '',
    labels: asArray(field(pull, 'labels')).flatMap(label => {
      const name = stringField(label, 'name');
      return name ? [name] : [];
    }),
    branch: stringField(pull, 'head', 'ref') ?? '',
    files,
  };
}

/** Creates the reader. */
export function createPullRequestReader(
  options: PullRequestReaderOptions,
): PullRequestReader {
  const { repository, integration } = options;
  const source = 'github';
  const fetchImpl: FetchLike =
    options.fetch ?? ((url, init) => fetch(url, init));
  if (!integration.apiBaseUrl) {
    // Never guess api.github.com for another host's credentials.
    throw new Error(
      `The integrations.github entry for host ${integration.host} has no apiBaseUrl`,
    );
  }
  const apiBase = integration.apiBaseUrl.replace(/\/+$/, '');
  const repoPath = `/repos/${encodeURIComponent(
    repository.owner,
  )}/${encodeURIComponent(repository.repo)}`;
  const repoUrl = gitopsRepoWebUrl(repository);
  const listCache = createTtlCache<OpenPullRequest[]>({
    ttlMs: options.ttlMs,
    maxEntries: 1,
  });
  const filesCache = createTtlCache<string[]>({
    ttlMs: 24 * 3600 * 1000,
    maxEntries: 2000,
  });

  async function get(what: string, path: string): Promise<unknown> {
    const { headers } = await options.credentials.getCredentials({
      url: repoUrl,
    });
    const answer = await requestJson(fetchImpl, {
      source,
      what,
      url: `${apiBase}${path}`,
      headers: { Accept: 'application/vnd.github+json', ...headers },
      timeoutMs: options.timeoutMs,
    });
    return answer.body;
  }

  async function files(number: number, headSha: string): Promise<string[]> {
    return filesCache.get(`${number}@${headSha}`, async () => {
      const paths: string[] = [];
      for (let page = 1; page <= FILE_PAGES; page += 1) {
        const body = await get(
          `listing the files of pull request #${number}`,
          `${repoPath}/pulls/${number}/files?per_page=100&page=${page}`,
        );
        const entries = listArray(
          body,
          source,
          `listing the files of pull request #${number}`,
        );
        for (const entry of entries) {
          const filename = stringField(entry, 'filename');
          const previous = stringField(entry, 'previous_filename');
          if (filename) paths.push(filename);
          if (previous) paths.push(previous);
        }
        if (entries.length < 100) break;
      }
      return paths;
    });
  }

  async function listOpen(): Promise<OpenPullRequest[]> {
    const pulls: unknown[] = [];
    for (let page = 1; page <= (options.maxPages ?? 5); page += 1) {
      const query = new URLSearchParams({
        state: 'open',
        base: options.baseBranch,
        per_page: '100',
        page: String(page),
      });
      const entries = listArray(
        await get('listing open pull requests', `${repoPath}/pulls?${query}`),
        source,
        'listing open pull requests',
      );
      pulls.push(...entries);
      if (entries.length < 100) break;
    }
    return Promise.all(
      pulls.flatMap(pull => {
        const number = field(pull, 'number');
        const headSha = stringField(pull, 'head', 'sha');
        if (typeof number !== 'number' || !headSha) return [];
        return [
          files(number, headSha).then(paths =>
            toOpenPullRequest(pull, number, paths, repoUrl),
          ),
        ];
      }),
    );
  }

  return {
    source,
    async touching(folder) {
      const prefix = `${folder.replace(/\/+$/, '')}/`;
      const open = await listCache.get('open', listOpen);
      return open.filter(pull =>
        pull.files.some(path => path.startsWith(prefix)),
      );
    },
  };
}
