import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { RiServerLine } from '@remixicon/react';
import { kubevirtGitopsApiRef } from './api/KubevirtGitopsApi';
import { KubevirtGitopsClient } from './api/KubevirtGitopsClient';
import { isFleetAvailable, isVirtualMachineAvailable } from './conditions';
import { rootRouteRef, scaffolderTemplateRouteRef } from './routes';

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

/** The "Virtual machines" tab, on entities with `kubevirt-gitops.io/vm-name`. */
const entityVirtualMachinesContent = EntityContentBlueprint.make({
  name: 'virtual-machines',
  params: {
    path: 'virtual-machines',
    title: 'Virtual machines',
    group: 'deployment',
    filter: isVirtualMachineAvailable,
    loader: () =>
      import('./components/VmTab/EntityVirtualMachinesContent').then(m => (
        <m.EntityVirtualMachinesContent />
      )),
  },
});

/** The compact VM card of the overview, on VM entities. */
const entityVirtualMachineCard = EntityCardBlueprint.make({
  name: 'virtual-machine',
  params: {
    type: 'info',
    filter: isVirtualMachineAvailable,
    loader: () =>
      import('./components/VmCard/EntityVirtualMachineCard').then(m => (
        <m.EntityVirtualMachineCard />
      )),
  },
});

/** Fleet health of a ManagedClusterSet, on entities with `kubevirt-gitops.io/cluster-set`. */
const entityFleetCard = EntityCardBlueprint.make({
  name: 'fleet',
  params: {
    filter: isFleetAvailable,
    loader: () =>
      import('./components/FleetCard/EntityFleetCard').then(m => (
        <m.EntityFleetCard />
      )),
  },
});

/** The fleet page; its title and icon make its sidebar item. */
const fleetPage = PageBlueprint.make({
  params: {
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
          <m.FleetPageContent />
        </Container>
      )),
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
  ],
});
