/*
 * The scaffolder module that registers kubevirt:vm:pull-request.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createBackendEnvironmentClustersFetcher } from '@internal/plugin-kubevirt-gitops-node';
import { createVmPullRequestAction } from './actions/vmPullRequest';

/**
 * Adds the kubevirt:vm:pull-request action to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleKubevirtGitops = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'kubevirt-gitops',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        // the opened pull request is announced here, for the kubevirt-gitops
        // backend's request tracker (timeline, notifications)
        events: eventsServiceRef,
      },
      async init({ scaffolder, config, discovery, auth, logger, events }) {
        scaffolder.addActions(
          createVmPullRequestAction({
            config,
            integrations: ScmIntegrations.fromConfig(config),
            environmentClusters: createBackendEnvironmentClustersFetcher({
              discovery,
              auth,
            }),
            events,
            logger,
          }),
        );
      },
    });
  },
});
