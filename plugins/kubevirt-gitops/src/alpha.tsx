import {
  ApiBlueprint,
  createFrontendModule,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { RiServerLine } from '@remixicon/react';
import { z } from 'zod';
import { kubevirtGitopsApiRef } from './api/KubevirtGitopsApi';
import { KubevirtGitopsClient } from './api/KubevirtGitopsClient';
import { isFleetAvailable, isVirtualMachineAvailable } from './conditions';
import { rootRouteRef, scaffolderTemplateRouteRef } from './routes';
import { LiveSignalClient } from './signals/LiveSignalClient';

/** The API client, on the discovery and fetch APIs. */
const kubevirtGitopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: kubevirtGitopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new KubevirtGitopsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `app.extensions[].<id>.config.refreshIntervalSeconds`: how often a view
 * reloads while the browser tab is visible (at least 5 s; each view has its
 * default).
 */
const refreshConfigSchema = {
  refreshIntervalSeconds: z.number().int().min(5).optional(),
};

/** Milliseconds from the optional config value. */
const refreshIntervalMs = (config: { refreshIntervalSeconds?: number }) =>
  config.refreshIntervalSeconds === undefined
    ? undefined
    : config.refreshIntervalSeconds * 1000;

/** The "Virtual machines" tab, on entities with `kubevirt-gitops.io/vm-name`. */
const entityVirtualMachinesContent = EntityContentBlueprint.makeWithOverrides({
  name: 'virtual-machines',
  configSchema: refreshConfigSchema,
  factory(originalFactory, { config }) {
    return originalFactory({
      path: 'virtual-machines',
      title: 'Virtual machines',
      group: 'deployment',
      filter: isVirtualMachineAvailable,
      loader: () =>
        import('./components/VmTab/EntityVirtualMachinesContent').then(m => (
          <m.EntityVirtualMachinesContent
            refreshIntervalMs={refreshIntervalMs(config)}
          />
        )),
    });
  },
});

/** The compact VM card of the overview, on VM entities. */
const entityVirtualMachineCard = EntityCardBlueprint.makeWithOverrides({
  name: 'virtual-machine',
  configSchema: refreshConfigSchema,
  factory(originalFactory, { config }) {
    return originalFactory({
      type: 'info',
      filter: isVirtualMachineAvailable,
      loader: () =>
        import('./components/VmCard/EntityVirtualMachineCard').then(m => (
          <m.EntityVirtualMachineCard
            refreshIntervalMs={refreshIntervalMs(config)}
          />
        )),
    });
  },
});

/** Fleet health of a ManagedClusterSet, on entities with `kubevirt-gitops.io/cluster-set`. */
const entityFleetCard = EntityCardBlueprint.makeWithOverrides({
  name: 'fleet',
  configSchema: refreshConfigSchema,
  factory(originalFactory, { config }) {
    return originalFactory({
      filter: isFleetAvailable,
      loader: () =>
        import('./components/FleetCard/EntityFleetCard').then(m => (
          <m.EntityFleetCard refreshIntervalMs={refreshIntervalMs(config)} />
        )),
    });
  },
});

/** The fleet page; its title and icon make its sidebar item. */
const fleetPage = PageBlueprint.makeWithOverrides({
  configSchema: refreshConfigSchema,
  factory(originalFactory, { config }) {
    return originalFactory({
      path: '/kubevirt-gitops',
      routeRef: rootRouteRef,
      title: 'VM fleet',
      icon: <RiServerLine size={20} aria-hidden />,
      loader: () =>
        Promise.all([
          import('./components/FleetPage/FleetPageContent'),
          import('@backstage/ui'),
        ]).then(([m, { Container }]) => (
          <Container>
            <m.FleetPageContent refreshIntervalMs={refreshIntervalMs(config)} />
          </Container>
        )),
    });
  },
});

/** The scaffolder field `VmEnvironmentPicker`. */
const vmEnvironmentPickerField = FormFieldBlueprint.make({
  name: 'vm-environment-picker',
  params: {
    field: () =>
      import('./components/EnvironmentPicker/extensions').then(
        m => m.vmEnvironmentPickerFormField,
      ),
  },
});

/** The scaffolder field `VmSizePicker`. */
const vmSizePickerField = FormFieldBlueprint.make({
  name: 'vm-size-picker',
  params: {
    field: () =>
      import('./components/SizePicker/extensions').then(
        m => m.vmSizePickerFormField,
      ),
  },
});

/** The scaffolder field `VmImagePicker`. */
const vmImagePickerField = FormFieldBlueprint.make({
  name: 'vm-image-picker',
  params: {
    field: () =>
      import('./components/ImagePicker/extensions').then(
        m => m.vmImagePickerFormField,
      ),
  },
});

/**
 * The kubevirt-gitops plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'kubevirt-gitops',
  title: 'VM fleet',
  icon: <RiServerLine size={20} aria-hidden />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
  },
  externalRoutes: {
    scaffolderTemplate: scaffolderTemplateRouteRef,
  },
  extensions: [
    kubevirtGitopsApi,
    entityVirtualMachinesContent,
    entityVirtualMachineCard,
    entityFleetCard,
    fleetPage,
    vmEnvironmentPickerField,
    vmSizePickerField,
    vmImagePickerField,
  ],
});

/**
 * Replaces the signals plugin's API (`api:signals`) with
 * {@link LiveSignalClient}: the same signals, plus whether the connection
 * is up, so the VM tab, VM card, fleet card and fleet page stop polling
 * while signals arrive. Add it to the app's `features` beside the
 * discovered `@backstage/plugin-signals`; without it the pages poll and
 * reload on signals too.
 *
 * @alpha
 */
export const liveSignalsModule = createFrontendModule({
  pluginId: 'signals',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: signalApiRef,
          deps: { identity: identityApiRef, discoveryApi: discoveryApiRef },
          factory: ({ identity, discoveryApi }) =>
            LiveSignalClient.create({ identity, discoveryApi }),
        }),
    }),
  ],
});
