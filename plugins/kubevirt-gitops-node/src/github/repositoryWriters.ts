/*
 * One pull-request writer per configured GitOps repository (the primary
 * `kubevirtGitops.gitops.repoUrl`, where VMs are created, and the
 * `adoptedRepositories`, whose existing VMs are operated), and the choice of
 * one for a request: shared by the scaffolder action and the backend's
 * actions (MCP), so both refuse the same inputs with the same words.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  configuredGitopsRepositories,
  findConfiguredGitopsRepository,
  gitopsRepoWebUrl,
  type ConfiguredGitopsRepository,
} from '@internal/plugin-kubevirt-gitops-common';
import type { GitopsWriterConfig } from '../config/readGitopsWriterConfig';
import type { EnvironmentClustersFetcher } from '../environments/environmentClusters';
import {
  createKustomizeRunner,
  type KustomizeRunner,
} from '../kustomize/kustomizeRunner';
import type { GithubClientFactory } from './githubCredentials';
import {
  createVmPullRequestWriter,
  type VmPullRequestWriter,
} from './vmPullRequestWriter';

/**
 * A configured repository with its writer.
 *
 * @public
 */
export interface RepositoryWriter {
  configured: ConfiguredGitopsRepository;
  writer: VmPullRequestWriter;
  /** Where its base branch's files are on the web. */
  base: { repoWebUrl: string; baseBranch: string };
}

/**
 * The writers of every configured repository.
 *
 * @public
 */
export interface RepositoryWriters {
  /** The primary one first. */
  readonly all: readonly RepositoryWriter[];
  /**
   * The writer of the repository `gitopsRepoUrl` names (the primary one when
   * absent or empty). InputError naming `gitopsRepoUrl` when it is not
   * configured, or when a `create` names an adopted repository.
   */
  targetOf(input: {
    operation: string;
    gitopsRepoUrl?: unknown;
  }): RepositoryWriter;
}

/**
 * Options of {@link createRepositoryWriters}.
 *
 * @public
 */
export interface RepositoryWritersOptions {
  writerConfig: GitopsWriterConfig;
  clientFactory: GithubClientFactory;
  environmentClusters?: EnvironmentClustersFetcher;
  logger?: LoggerService;
  /** Default: `kubectl kustomize` as `writerConfig.kustomize` says. */
  kustomize?: KustomizeRunner;
}

/**
 * Creates one writer per configured repository.
 *
 * @public
 */
export function createRepositoryWriters(
  options: RepositoryWritersOptions,
): RepositoryWriters {
  const { writerConfig } = options;
  const kustomize =
    options.kustomize ?? createKustomizeRunner(writerConfig.kustomize);
  const all: RepositoryWriter[] = configuredGitopsRepositories(
    writerConfig.gitops,
  ).map(configured => ({
    configured,
    writer: createVmPullRequestWriter({
      config: {
        ...writerConfig.gitops,
        repoUrl: configured.repoUrl,
        baseBranch: configured.baseBranch,
      },
      clientFactory: options.clientFactory,
      environmentClusters: options.environmentClusters,
      argocdProject: writerConfig.argocdProject,
      backstageBaseUrl: writerConfig.backstageBaseUrl,
      logger: options.logger,
      kustomize,
    }),
    base: {
      repoWebUrl: gitopsRepoWebUrl(configured.repository),
      baseBranch: configured.baseBranch,
    },
  }));
  const byUrl = new Map(all.map(target => [target.configured.repoUrl, target]));
  const primary = all[0];

  return {
    all,
    targetOf(input) {
      const asked =
        typeof input.gitopsRepoUrl === 'string'
          ? input.gitopsRepoUrl.trim()
          : input.gitopsRepoUrl;
      if (asked === undefined || asked === null || asked === '') return primary;
      if (typeof asked !== 'string') {
        throw new InputError(
          'Invalid VM request: gitopsRepoUrl: must be a repository URL string',
        );
      }
      const configured = findConfiguredGitopsRepository(
        writerConfig.gitops,
        asked,
      );
      if (!configured) {
        throw new InputError(
          `Invalid VM request: gitopsRepoUrl: ${asked} is not a configured GitOps repository (configured: ${all
            .map(target => target.configured.repoUrl)
            .join(
              ', ',
            )}); add it to kubevirtGitops.gitops.adoptedRepositories to operate its VMs`,
        );
      }
      if (input.operation === 'create' && !configured.primary) {
        throw new InputError(
          `Invalid VM request: gitopsRepoUrl: new VMs are written only to kubevirtGitops.gitops.repoUrl (${primary.configured.repoUrl}); ${configured.repoUrl} is adopted, so its VMs can be started, stopped, resized and decommissioned, not created`,
        );
      }
      return byUrl.get(configured.repoUrl)!;
    },
  };
}
