/*
 * The catalog module that adds the VM discovery provider when
 * `kubevirtGitops.discovery` is configured. It also listens to GitHub push
 * events (`github.push`, from `@backstage/plugin-events-backend` with its
 * GitHub module) to read the repository again when its base branch moves.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { KubevirtGitopsEntityProvider } from './KubevirtGitopsEntityProvider';

/**
 * Adds the kubevirt-gitops VM discovery provider to the catalog.
 *
 * @public
 */
export const catalogModuleKubevirtGitops = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'kubevirt-gitops',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({ catalog, config, logger, scheduler, events }) {
        const provider = KubevirtGitopsEntityProvider.fromConfig(config, {
          logger,
          scheduler,
          events,
        });
        if (!provider) {
          logger.info(
            'kubevirtGitops.discovery is not configured: VMs enter the catalog only through their catalog-info.yaml',
          );
          return;
        }
        catalog.addEntityProvider(provider);
      },
    });
  },
});
