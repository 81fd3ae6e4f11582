/*
 * GitHub webhooks through the events backend (its GitHub module publishes
 * `github.pull_request` and `github.push`): a pull request against a
 * configured GitOps repository's base branch opened, closed, merged,
 * reopened or pushed to, or a push to a base branch, makes the VM pages
 * that show it change at once rather than at the next pull-request cache
 * period. The cached list of open pull requests of that repository is
 * dropped, each watched VM's pull requests are compared (VmSignals), and a
 * push also refreshes the fleet snapshot now (what ArgoCD does with the
 * merge follows with the scheduled refreshes and their signals). A
 * pull request closed (merged or not) is told to the request tracker,
 * which records the step and notifies the requester.
 *
 * With several replicas, the events bus gives an event of a subscription
 * id to one replica only; the plugin therefore subscribes twice: with an id
 * of its own per replica for what each replica keeps itself (its cache of
 * open pull requests, the pages it serves; the tracker's step is recorded
 * once whichever replica tells it first), and with the plugin's shared id
 * for what one replica does for all (the shared snapshot's refresh).
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventParams } from '@backstage/plugin-events-node';
import {
  configuredGitopsRepositories,
  type GitopsConfig,
} from '@internal/plugin-kubevirt-gitops-common';
import type { PullRequestReader } from '@internal/plugin-kubevirt-gitops-node';
import type { VmSignals } from './VmSignals';
import type { RequestTracker } from './requests/RequestTracker';

/** The topics this listens to. */
export const GITHUB_EVENT_TOPICS = ['github.pull_request', 'github.push'];

/** Options of {@link createGithubEventHandler}. */
export interface GithubEventHandlerOptions {
  gitops: Pick<GitopsConfig, 'repoUrl' | 'baseBranch' | 'adoptedRepositories'>;
  /** This replica's cache of open pull requests. */
  pullRequests?: Pick<PullRequestReader, 'forget'>;
  /** This replica's live signals. */
  live?: Pick<VmSignals, 'checkPullRequests'>;
  /** Refreshes the (shared) fleet snapshot now. */
  refreshFleet?: () => Promise<void>;
  /** Told when a pull request is merged or closed (the request tracker). */
  requests?: Pick<RequestTracker, 'onPullRequestClosed'>;
  logger: LoggerService;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function field(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>(
    (node, key) =>
      typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[key]
        : undefined,
    value,
  );
}

/**
 * Handles one event; returns what it did (`ignored`, `pull-request`,
 * `push`), for the log and the tests.
 */
export function createGithubEventHandler(
  options: GithubEventHandlerOptions,
): (params: EventParams) => Promise<'ignored' | 'pull-request' | 'push'> {
  const repositories = configuredGitopsRepositories(options.gitops);
  const configured = (fullName: string | undefined) =>
    repositories.find(
      ({ repository }) =>
        fullName?.toLocaleLowerCase('en-US') ===
        `${repository.owner}/${repository.repo}`.toLocaleLowerCase('en-US'),
    );

  return async params => {
    const payload = params.eventPayload;
    const repository = configured(
      text(field(payload, 'repository', 'full_name')),
    );
    if (!repository) return 'ignored';
    const { owner, repo } = repository.repository;
    if (params.topic === 'github.pull_request') {
      if (
        text(field(payload, 'pull_request', 'base', 'ref')) !==
        repository.baseBranch
      ) {
        return 'ignored';
      }
      options.pullRequests?.forget({ owner, repo });
      const number = field(payload, 'number');
      if (
        options.requests &&
        text(field(payload, 'action')) === 'closed' &&
        typeof number === 'number'
      ) {
        const pull = field(payload, 'pull_request');
        const mergeCommitSha = text(field(pull, 'merge_commit_sha'));
        const at =
          text(field(pull, 'merged_at')) ?? text(field(pull, 'closed_at'));
        await options.requests.onPullRequestClosed({
          repository: `${owner}/${repo}`,
          number,
          merged: field(pull, 'merged') === true,
          ...(at ? { at } : {}),
          ...(mergeCommitSha ? { mergeCommitSha } : {}),
        });
      }
      const signalled = (await options.live?.checkPullRequests()) ?? [];
      options.logger.debug('GitHub pull request event: VM pages told', {
        repository: `${owner}/${repo}`,
        action: text(field(payload, 'action')) ?? '',
        number: String(field(payload, 'number') ?? ''),
        signalled: signalled.length,
      });
      return 'pull-request';
    }
    if (params.topic === 'github.push') {
      if (
        text(field(payload, 'ref')) !== `refs/heads/${repository.baseBranch}`
      ) {
        return 'ignored';
      }
      options.pullRequests?.forget({ owner, repo });
      await Promise.all([
        options.refreshFleet?.(),
        options.live?.checkPullRequests(),
      ]);
      return 'push';
    }
    return 'ignored';
  };
}
