import { randomBytes } from 'node:crypto';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  createIntegrationClientFactory,
  createRepositoryWriters,
  readGitopsWriterConfig,
} from '@internal/plugin-kubevirt-gitops-node';
import { createRequestTracking } from './live/requests/createRequestTracking';
import { registerVmActions } from './actions/vmActions';
import { environmentClustersFrom } from './actions/environmentClusters';
import {
  kubevirtGitopsPermissions,
  vmFolderOf,
} from '@internal/plugin-kubevirt-gitops-common';
import { configWarnings, readBackendConfig } from './config/readBackendConfig';
import { createServices } from './service/createServices';
import { createRouter } from './service/router';
import { createVmSignals } from './live/VmSignals';
import {
  createGithubEventHandler,
  GITHUB_EVENT_TOPICS,
} from './live/githubEvents';

/** The scheduler task that publishes signals when what pages show changed (every replica). */
export const SIGNALS_TASK_ID = 'kubevirt-gitops:signals';

/** The scheduler task that follows VM requests to their end (every replica; the database decides who notifies). */
export const REQUESTS_TASK_ID = 'kubevirt-gitops:requests';

/** The scheduler task that keeps the fleet snapshot fresh (one runner across replicas). */
export const FLEET_REFRESH_TASK_ID = 'kubevirt-gitops:fleet-snapshot';

/** The scheduler task that starts the upstream watches on one replica (kubevirtGitops.refresh.watch). */
export const UPSTREAM_WATCH_TASK_ID = 'kubevirt-gitops:upstream-watch';

/**
 * The kubevirt-gitops backend plugin: VM and fleet health from ArgoCD and
 * the OCM hub, per catalog entity.
 *
 * @public
 */
export const kubevirtGitopsPlugin = createBackendPlugin({
  pluginId: 'kubevirt-gitops',
  register(env) {
    env.registerInit({
      deps: {
        rootConfig: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        cache: coreServices.cache,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        auditor: coreServices.auditor,
        signals: signalsServiceRef,
        events: eventsServiceRef,
        database: coreServices.database,
        auth: coreServices.auth,
        notifications: notificationService,
      },
      async init(deps) {
        const { logger } = deps;
        const config = readBackendConfig(deps.rootConfig);
        configWarnings(config).forEach(warning => logger.warn(warning));
        deps.permissionsRegistry.addPermissions(kubevirtGitopsPermissions);

        const services = createServices({
          config,
          rootConfig: deps.rootConfig,
          cache: deps.cache,
          logger,
        });
        const longestTimeout = Math.max(
          5000,
          ...config.argocd.map(instance => instance.timeoutMs),
          ...config.hubs.map(hub => hub.timeoutMs),
        );
        await deps.scheduler.scheduleTask({
          id: FLEET_REFRESH_TASK_ID,
          frequency: { milliseconds: config.refresh.fleetIntervalMs },
          // Also how long a replica that dies mid-refresh keeps the global
          // lock: bounded, so another replica takes over within a few
          // intervals (make test-ha measures it).
          timeout: {
            milliseconds: Math.max(
              config.refresh.fleetIntervalMs * 2,
              longestTimeout * 4,
            ),
          },
          initialDelay: { seconds: 0 },
          scope: 'global',
          fn: async () => {
            // While a replica watches, it lists (polling, safety net) itself.
            if (await services.leadership?.watchedAnywhere()) return;
            await services.snapshots.refresh();
          },
        });
        // Upstream changes as they happen: the replica holding the watch
        // lease (in the shared cache) watches; this task hands the lease to
        // a replica when nobody holds it (first start, a replica that died).
        const { leadership } = services;
        if (leadership) {
          await deps.scheduler.scheduleTask({
            id: UPSTREAM_WATCH_TASK_ID,
            frequency: { seconds: 2 },
            timeout: { seconds: 30 },
            initialDelay: { seconds: 0 },
            scope: 'global',
            fn: () => leadership.runTask(),
          });
          deps.lifecycle.addShutdownHook(() => leadership.release());
        }

        // Live updates: every replica compares the snapshot it reads with the
        // last one each second and signals the pages it served.
        const reader = services.pullRequests;
        const gitops = config.gitops;
        const live = createVmSignals({
          pendingCheckMs: config.refresh.liveRecheckMs.pending,
          settledCheckMs: config.refresh.liveRecheckMs.settled,
          views: services.views,
          vms: services.vms,
          signals: deps.signals,
          logger,
          ...(reader
            ? {
                pullRequestsOf: async annotations =>
                  (
                    await reader.touching(
                      vmFolderOf(gitops?.layout, annotations),
                      annotations.gitopsRepo,
                    )
                  )
                    .map(
                      pull =>
                        `${pull.number}:${pull.title}:${pull.labels.join(',')}`,
                    )
                    .join('\n'),
              }
            : {}),
        });
        // VM requests (the action's event, GitHub, the snapshot) to their
        // end: the timeline route, and notifications to who asked.
        const requests = await createRequestTracking({
          database: deps.database,
          rootConfig: deps.rootConfig,
          config,
          views: services.views,
          vms: services.vms,
          catalog: deps.catalog,
          auth: deps.auth,
          notifications: deps.notifications,
          events: deps.events,
          // a recorded step changes the VM's timeline: its page reloads
          onStep: entityRef => {
            live.touch(entityRef).catch(() => undefined);
          },
          logger,
        });
        await deps.scheduler.scheduleTask({
          id: REQUESTS_TASK_ID,
          frequency: { milliseconds: config.refresh.requestCheckMs },
          timeout: { seconds: 60 },
          initialDelay: { seconds: 1 },
          scope: 'local',
          fn: async () => {
            await requests.check();
          },
        });
        // GitHub webhooks (events backend, GitHub module): pull requests and
        // pushes of the GitOps repositories change the VM pages at once.
        // The events bus hands a subscription id's event to one replica:
        // what every replica keeps for itself (its cache of open pull
        // requests, the pages it serves) takes an id of this replica's own;
        // the shared snapshot's refresh, the plugin's shared id.
        if (reader && gitops) {
          const onGithubEvent = createGithubEventHandler({
            gitops,
            pullRequests: reader,
            live,
            requests,
            logger,
          });
          await deps.events.subscribe({
            id: `kubevirt-gitops-backend-replica-${randomBytes(6).toString(
              'hex',
            )}`,
            topics: GITHUB_EVENT_TOPICS,
            onEvent: async params => {
              await onGithubEvent(params);
            },
          });
          const onGithubPush = createGithubEventHandler({
            gitops,
            refreshFleet: () => services.snapshots.refresh(),
            logger,
          });
          await deps.events.subscribe({
            id: 'kubevirt-gitops-backend',
            topics: ['github.push'],
            onEvent: async params => {
              await onGithubPush(params);
            },
          });
        }
        await deps.scheduler.scheduleTask({
          id: SIGNALS_TASK_ID,
          frequency: { seconds: 1 },
          timeout: { seconds: 30 },
          initialDelay: { seconds: 1 },
          scope: 'local',
          fn: async () => {
            await live.check();
          },
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog: deps.catalog,
            views: services.views,
            vms: services.vms,
            live,
            requests,
            logger,
          }),
        );
        // Actions (and MCP tools through @backstage/plugin-mcp-actions-backend):
        // reads from the snapshot, writes that open pull requests with the
        // same writer as the scaffolder action.
        const writerConfig = readGitopsWriterConfig(deps.rootConfig);
        registerVmActions({
          registry: deps.actionsRegistry,
          permissions: deps.permissions,
          catalog: deps.catalog,
          auditor: deps.auditor,
          views: services.views,
          vms: services.vms,
          ...(services.pullRequests
            ? { pullRequests: services.pullRequests }
            : {}),
          ...(config.gitops ? { gitops: config.gitops } : {}),
          events: deps.events,
          ...(writerConfig
            ? {
                writers: createRepositoryWriters({
                  writerConfig,
                  clientFactory: createIntegrationClientFactory({
                    integrations: ScmIntegrations.fromConfig(deps.rootConfig),
                    logger,
                  }),
                  environmentClusters: environmentClustersFrom(services.views),
                  logger,
                }),
              }
            : {}),
          logger,
        });

        logger.info('kubevirt-gitops backend ready', {
          argocdInstances: config.argocd
            .map(instance => instance.name)
            .join(','),
          hubs: config.hubs.map(hub => hub.name).join(','),
          refreshSeconds: config.refresh.fleetIntervalMs / 1000,
        });
      },
    });
  },
});
