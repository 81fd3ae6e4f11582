/*
 * Wires the request tracker: its store on the plugin's database (the
 * package's migrations run at startup unless the database service says to
 * skip them), the pull-request reads through node's GitHub layer (no
 * retries: the next period asks again), and the subscription to the
 * request event.
 */
import type {
  AuthService,
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  findConfiguredGitopsRepository,
  VM_REQUEST_EVENT_TOPIC,
} from '@internal/plugin-kubevirt-gitops-common';
import {
  createIntegrationClientFactory,
  readPullRequestState,
} from '@internal/plugin-kubevirt-gitops-node';
import type { BackendConfig } from '../../config/types';
import type { FleetViews } from '../../fleet/FleetViews';
import type { VmStatusService } from '../../vm/VmStatusService';
import { createRequestStore } from './RequestStore';
import { createRequestTracker, type RequestTracker } from './RequestTracker';

/** Creates the tracker and subscribes it to the request event. */
export async function createRequestTracking(options: {
  database: DatabaseService;
  rootConfig: Config;
  config: Pick<BackendConfig, 'gitops' | 'githubTimeoutMs' | 'refresh'>;
  views: FleetViews;
  vms: VmStatusService;
  catalog: CatalogService;
  auth: AuthService;
  notifications: NotificationService;
  events: Pick<EventsService, 'subscribe'>;
  logger: LoggerService;
  /**
   * Each open tracked pull request is read at most once per this (default
   * `kubevirtGitops.refresh.pullRequestTtlSeconds`, 60 s).
   */
  pullRequestCheckMs?: number;
  /** Called with the VM entity's ref once a new step is recorded. */
  onStep?: (entityRef: string) => void;
}): Promise<RequestTracker> {
  const { config, logger } = options;
  const store = await createRequestStore(await options.database.getClient(), {
    skipMigrations: options.database.migrations?.skip === true,
  });
  const gitops = config.gitops;
  const clientFactory = createIntegrationClientFactory({
    integrations: ScmIntegrations.fromConfig(options.rootConfig),
    logger,
    clientOptions: {
      retries: 0,
      rateLimitRetries: 0,
      timeoutMs: config.githubTimeoutMs,
    },
  });
  const tracker = createRequestTracker({
    store,
    views: options.views,
    vms: options.vms,
    catalog: options.catalog,
    auth: options.auth,
    notifications: options.notifications,
    // as stale as the open pull requests a VM page shows may be
    pullRequestCheckMs:
      options.pullRequestCheckMs ?? config.refresh.pullRequestTtlMs,
    ...(gitops
      ? {
          pullRequestState: async request => {
            const configured = findConfiguredGitopsRepository(
              gitops,
              request.repoUrl,
            );
            if (!configured) {
              throw new Error(
                `${request.repoUrl} is not a configured GitOps repository`,
              );
            }
            return readPullRequestState({
              clientFactory,
              repository: configured.repository,
              baseBranch: configured.baseBranch,
              number: request.pullRequest.number,
            });
          },
        }
      : {}),
    ...(options.onStep ? { onStep: options.onStep } : {}),
    logger,
  });
  await options.events.subscribe({
    id: 'kubevirt-gitops-backend-requests',
    topics: [VM_REQUEST_EVENT_TOPIC],
    onEvent: async params => {
      await tracker.onRequestEvent(params.eventPayload);
    },
  });
  return tracker;
}
