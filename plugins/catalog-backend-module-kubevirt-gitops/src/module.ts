/*
 * The catalog module that adds the VM discovery provider when
 * `kubevirtGitops.discovery` is configured.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
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
      },
      async init({ catalog, config, logger, scheduler }) {
        const provider = KubevirtGitopsEntityProvider.fromConfig(config, {
          logger,
          scheduler,
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
