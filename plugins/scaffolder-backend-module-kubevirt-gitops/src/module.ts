/*
 * The scaffolder module that registers kubevirt:vm:pull-request.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
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
      },
      async init({ scaffolder, config, discovery, auth, logger }) {
        scaffolder.addActions(
          createVmPullRequestAction({
            config,
            integrations: ScmIntegrations.fromConfig(config),
            environmentClusters: createBackendEnvironmentClustersFetcher({
              discovery,
              auth,
            }),
            logger,
          }),
        );
      },
    });
  },
});
