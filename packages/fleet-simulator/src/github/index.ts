/*
 * The simulated GitHub Enterprise: REST API under `/api/v3`, the GraphQL
 * API under `/api/graphql` (GitHub's published schema run by graphql-js;
 * resolvers for repository, refs, Git objects, pull requests, `createRef`
 * and `createCommitOnBranch`: see graphql/resolvers.ts), web pages, and the
 * Git store behind them.
 */
import { githubSchema } from './graphql/schema';
import { GithubApiError } from './http/errors';
import { GithubModel } from './model';
import { WebhookRegistry } from './webhooks';
import { mergePull } from './handlers/pullMerge';
import { createGithubHandler } from './server';
import { githubState } from './state';
import { GithubUrls } from './urls';
import type { GithubContext } from './http/route';
import type {
  GithubSimulator,
  GithubSimulatorOptions,
  MergeMethod,
} from './types';

export { secondaryRateLimitResponse } from './http/errors';
export type {
  GithubRepositorySeed,
  GithubSimulator,
  GithubSimulatorOptions,
  GithubState,
  MergeMethod,
  PullRequestState,
  RepositoryState,
} from './types';

export function createGithubSimulator(
  options: GithubSimulatorOptions,
): GithubSimulator {
  // GitHub's GraphQL schema is large: build it now rather than on the first request.
  githubSchema();
  const context: GithubContext = {
    model: new GithubModel(options.clock, options),
    urls: new GithubUrls(options.publicUrl),
    webhooks: new WebhookRegistry(() => options.clock.now()),
  };
  const webhooks = context.webhooks!;
  const unsubscribeWebhooks = context.model.store.onBranchUpdated(event => {
    const record = context.model.repo(event.owner, event.repo);
    if (record)
      webhooks.push(
        record,
        event,
        context.urls.repoHtml(record.owner.login, record.name),
      );
  });
  const handler = createGithubHandler(context, {
    tokens: options.tokens,
    rateLimit: options.rateLimit ?? 5000,
    enforceRateLimit: options.enforceRateLimit ?? false,
  });

  function mergePullRequest(
    owner: string,
    repo: string,
    number: number,
    mergeOptions: { mergeMethod?: MergeMethod } = {},
  ): { sha: string } {
    const name = `${owner}/${repo}#${number}`;
    const record = context.model.repo(owner, repo);
    const pull = record?.pulls.get(number);
    if (!record || !pull)
      throw new Error(`Cannot merge ${name}: no such pull request`);
    try {
      return mergePull(context, record, pull, {
        method: mergeOptions.mergeMethod ?? 'merge',
      });
    } catch (error) {
      if (error instanceof GithubApiError) {
        throw new Error(
          `Cannot merge ${name}: ${error.message}${
            error.detail ? ` (${error.detail})` : ''
          }`,
        );
      }
      throw error;
    }
  }

  return {
    handler,
    git: context.model.store,
    mergePullRequest,
    state: () => githubState(context),
    webhookDeliveries: () => webhooks.deliveries(),
    stop: () => unsubscribeWebhooks(),
  };
}
