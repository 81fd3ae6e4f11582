/*
 * Credentials for the GitOps repository through @backstage/integration:
 * the `integrations.github` entry of its host (github.com or a GitHub
 * Enterprise `apiBaseUrl`), a token or a GitHub App installation, resolved
 * by DefaultGithubCredentialsProvider.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  type GithubCredentialsProvider,
  type ScmIntegrationRegistry,
} from '@backstage/integration';
import {
  gitopsRepoWebUrl,
  type GitopsRepository,
} from '@internal/plugin-kubevirt-gitops-common';
import {
  createGithubClient,
  type GithubClient,
  type GithubClientOptions,
} from './githubClient';

/**
 * Makes the client for a repository. Injectable: tests and callers with
 * their own credentials pass their own.
 *
 * @public
 */
export type GithubClientFactory = (
  repository: GitopsRepository,
) => Promise<GithubClient>;

/**
 * Options of {@link createIntegrationClientFactory}.
 *
 * @public
 */
export interface IntegrationClientFactoryOptions {
  integrations: ScmIntegrationRegistry;
  /** Defaults to DefaultGithubCredentialsProvider.fromIntegrations(integrations). */
  credentialsProvider?: GithubCredentialsProvider;
  logger?: LoggerService;
  /** Retry tuning (tests shorten the delays). */
  clientOptions?: Omit<GithubClientOptions, 'token' | 'baseUrl' | 'logger'>;
}

/**
 * The default client factory: credentials from `integrations.github`.
 *
 * @public
 */
export function createIntegrationClientFactory(
  options: IntegrationClientFactoryOptions,
): GithubClientFactory {
  const provider =
    options.credentialsProvider ??
    DefaultGithubCredentialsProvider.fromIntegrations(options.integrations);
  return async repository => {
    const integration = options.integrations.github.byHost(repository.host);
    if (!integration) {
      throw new InputError(
        `There is no GitHub integration for ${repository.host}: add one under integrations.github in app-config.yaml (host ${repository.host}, a token or a GitHub App, and apiBaseUrl for GitHub Enterprise).`,
      );
    }
    // @backstage/integration fills apiBaseUrl in for github.com only; never
    // send a GitHub Enterprise token to api.github.com by guessing.
    const baseUrl = integration.config.apiBaseUrl;
    if (!baseUrl) {
      throw new InputError(
        `The GitHub integration for ${repository.host} has no apiBaseUrl: set integrations.github[].apiBaseUrl (e.g. https://${repository.host}/api/v3) in app-config.yaml.`,
      );
    }
    const url = gitopsRepoWebUrl(repository);
    let token: string | undefined;
    try {
      ({ token } = await provider.getCredentials({ url }));
    } catch (error) {
      throw new NotAllowedError(
        `Could not get GitHub credentials for ${repository.owner}/${
          repository.repo
        } on ${repository.host}: ${
          error instanceof Error ? error.message : String(error)
        }. With a GitHub App, install it on ${repository.owner}/${
          repository.repo
        }.`,
      );
    }
    if (!token) {
      throw new NotAllowedError(
        `No GitHub credentials for ${repository.owner}/${repository.repo} on ${repository.host}: configure a token or a GitHub App under integrations.github for ${repository.host}.`,
      );
    }
    return createGithubClient({
      ...options.clientOptions,
      token,
      baseUrl,
      logger: options.logger,
    });
  };
}
