/*
 * Builds the plugin's services from the typed configuration: one client per
 * ArgoCD instance and hub, the shared snapshot store, the memoized views, the
 * VM detail cache and the pull request reader.
 */
import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  configuredGitopsRepositories,
  findConfiguredGitopsRepository,
  gitopsRepositoryKey,
  withUpstreamErrorKind,
  type ConfiguredGitopsRepository,
} from '@internal/plugin-kubevirt-gitops-common';
import type { KubeConfig } from '@kubernetes/client-node';
import { createArgocdClient, type ArgocdClient } from '../argocd/ArgocdClient';
import type { BackendConfig } from '../config/types';
import {
  createFleetSnapshotService,
  type FleetSnapshotService,
} from '../fleet/FleetSnapshotService';
import { createFleetViews, type FleetViews } from '../fleet/FleetViews';
import { createSnapshotStore } from '../fleet/SnapshotStore';
import {
  createIntegrationClientFactory,
  createPullRequestReader,
  type PullRequestReader,
} from '@internal/plugin-kubevirt-gitops-node';
import { createOcmHubClient } from '../ocm/OcmHubClient';
import { createRedactor, type Redactor } from '../upstream/errors';
import type { FetchLike } from '../upstream/http';
import {
  createUpstreamWatches,
  createWatchLeadership,
  type UpstreamWatches,
  type WatchLeadership,
} from '../live/upstream';
import { createVmDetailService } from '../vm/VmDetailService';
import {
  createVmStatusService,
  type VmStatusService,
} from '../vm/VmStatusService';

/** Overrides for tests (fakes instead of real upstream connections). */
export interface ServiceOverrides {
  argocdFetch?: FetchLike;
  hubKubeConfig?: (hubName: string) => KubeConfig | undefined;
}

/** Everything the plugin runs. */
export interface KubevirtGitopsServices {
  snapshots: FleetSnapshotService;
  views: FleetViews;
  vms: VmStatusService;
  /** Open pull requests per configured repository (absent without kubevirtGitops.gitops). */
  pullRequests?: PullRequestReader;
  redact: Redactor;
  /** The upstream watches and who runs them (absent with kubevirtGitops.refresh.watch false). */
  watches?: UpstreamWatches;
  leadership?: WatchLeadership;
}

/** Every credential in the configuration, for redaction. */
export function configuredSecrets(config: BackendConfig): string[] {
  return [
    ...config.argocd.flatMap(instance =>
      instance.auth.type === 'token'
        ? [instance.auth.token]
        : [instance.auth.password],
    ),
    ...config.hubs.flatMap(hub =>
      hub.connection.type === 'url' ? [hub.connection.token] : [],
    ),
  ];
}

function pullRequestReader(
  config: BackendConfig,
  rootConfig: Config,
  logger: LoggerService,
): PullRequestReader | undefined {
  const gitops = config.gitops;
  if (!gitops) return undefined;
  const integrations = ScmIntegrations.fromConfig(rootConfig);
  // node's GitHub layer, as the writer uses it, less the retries: this runs
  // on a page's request, and the last list stands in while GitHub fails.
  const clientFactory = createIntegrationClientFactory({
    integrations,
    logger,
    clientOptions: {
      retries: 0,
      rateLimitRetries: 0,
      timeoutMs: config.githubTimeoutMs,
    },
  });
  // One reader per configured repository (the primary one and the adopted
  // ones), each with its own list cache; a VM names its repository with the
  // kubevirt-gitops.io/gitops-repo annotation.
  const readers = new Map<string, PullRequestReader>();
  const configuredRepositories = configuredGitopsRepositories(gitops);
  for (const configured of configuredRepositories) {
    readers.set(
      gitopsRepositoryKey(configured.repository),
      repositoryReader(configured),
    );
  }
  const primary = configuredRepositories[0];

  function repositoryReader(
    configured: ConfiguredGitopsRepository,
  ): PullRequestReader {
    const { repository } = configured;
    const integration = integrations.github.byHost(repository.host);
    // @backstage/integration fills apiBaseUrl in for github.com only; a GitHub
    // Enterprise token must never be sent to api.github.com by guessing.
    const problem = !integration
      ? `No integrations.github entry for host ${repository.host}`
      : !integration.config.apiBaseUrl &&
        `The integrations.github entry for host ${repository.host} has no apiBaseUrl (e.g. https://${repository.host}/api/v3)`;
    if (!integration || problem) {
      logger.warn(
        `${problem}; open pull requests of ${configured.repoUrl} are not shown`,
        { host: repository.host },
      );
      return {
        source: 'github',
        forget: () => {},
        touching: async () => {
          throw withUpstreamErrorKind(new Error(String(problem)), 'config');
        },
      };
    }
    return createPullRequestReader({
      repository,
      baseBranch: configured.baseBranch,
      clientFactory,
      ttlMs: config.refresh.pullRequestTtlMs,
    });
  }

  return {
    source: 'github',
    forget(repository) {
      readers.forEach(reader => reader.forget(repository));
    },
    async touching(folder, repoUrl) {
      const configured = repoUrl
        ? findConfiguredGitopsRepository(gitops, repoUrl)
        : primary;
      const reader =
        configured && readers.get(gitopsRepositoryKey(configured.repository));
      if (!reader) {
        throw withUpstreamErrorKind(
          new Error(
            `The entity's kubevirt-gitops.io/gitops-repo names ${repoUrl}, which is not a configured GitOps repository; add it to kubevirtGitops.gitops.adoptedRepositories to show its pull requests`,
          ),
          'config',
        );
      }
      return reader.touching(folder);
    },
  };
}

/** Creates the services. */
export function createServices(options: {
  config: BackendConfig;
  rootConfig: Config;
  cache: CacheService;
  logger: LoggerService;
  overrides?: ServiceOverrides;
}): KubevirtGitopsServices {
  const { config, cache, logger } = options;
  const overrides = options.overrides ?? {};
  const redact = createRedactor(configuredSecrets(config));
  const argocd = config.argocd.map(
    (instance): ArgocdClient =>
      createArgocdClient({
        instance,
        ...(overrides.argocdFetch ? { fetch: overrides.argocdFetch } : {}),
      }),
  );
  const hubs = config.hubs.map(hub => {
    const kubeConfig = overrides.hubKubeConfig?.(hub.name);
    return createOcmHubClient({ hub, ...(kubeConfig ? { kubeConfig } : {}) });
  });
  const store = createSnapshotStore({
    cache,
    maxPartBytes: config.refresh.maxSnapshotPartBytes,
    sources: [
      ...hubs.map(client => ({ source: client.source, type: 'hub' as const })),
      ...argocd.map(client => ({
        source: client.source,
        type: 'argocd' as const,
      })),
    ],
    ttlMs: Math.max(config.refresh.fleetIntervalMs * 20, 10 * 60 * 1000),
  });
  // With watches, a list goes through them: they keep newer events.
  const watching: { watches?: UpstreamWatches } = {};
  const snapshots = createFleetSnapshotService({
    hubs,
    argocd,
    store,
    logger,
    redact,
    ...(config.refresh.watch
      ? {
          admitListPart: (part, listStartedAt) =>
            watching.watches
              ? watching.watches.admitListPart(part, listStartedAt)
              : part,
        }
      : {}),
  });
  const watches = config.refresh.watch
    ? createUpstreamWatches({
        hubs,
        argocd,
        store,
        logger,
        redact,
        refresh: only => snapshots.refresh(only),
        pollIntervalMs: config.refresh.fleetIntervalMs,
        safetyNetMs: config.refresh.watchSafetyNetMs,
        hubKubeConfig: hub => overrides.hubKubeConfig?.(hub.name),
      })
    : undefined;
  watching.watches = watches;
  const leadership =
    watches && createWatchLeadership({ cache, watches, logger });
  const views = createFleetViews({ snapshots, config });
  const pullRequests = pullRequestReader(config, options.rootConfig, logger);
  const vms = createVmStatusService({
    views,
    argocd: new Map(argocd.map(client => [client.instance.name, client])),
    details: createVmDetailService({ ttlMs: config.refresh.detailTtlMs }),
    ...(pullRequests ? { pullRequests } : {}),
    ...(config.gitops ? { gitops: config.gitops } : {}),
    detail: config.detail,
    githubTimeoutMs: config.githubTimeoutMs,
    redact,
    logger,
  });
  return {
    snapshots,
    views,
    vms,
    ...(pullRequests ? { pullRequests } : {}),
    redact,
    ...(watches && leadership ? { watches, leadership } : {}),
  };
}
