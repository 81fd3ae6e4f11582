import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { KubevirtGitopsClient } from './api/KubevirtGitopsClient';
import { kubevirtGitopsApiRef } from './api/KubevirtGitopsApi';
import { VmEnvironmentPicker } from './components/EnvironmentPicker/VmEnvironmentPicker';
import {
  VM_ENVIRONMENT_PICKER,
  VmEnvironmentPickerFieldSchema,
} from './components/EnvironmentPicker/schema';
import { vmEnvironmentPickerValidation } from './components/EnvironmentPicker/validation';
import { VmImagePicker } from './components/ImagePicker/VmImagePicker';
import {
  VM_IMAGE_PICKER,
  VmImagePickerFieldSchema,
} from './components/ImagePicker/schema';
import { vmImagePickerValidation } from './components/ImagePicker/validation';
import { VmSizePicker } from './components/SizePicker/VmSizePicker';
import {
  VM_SIZE_PICKER,
  VmSizePickerFieldSchema,
} from './components/SizePicker/schema';
import { vmSizePickerValidation } from './components/SizePicker/validation';
import { rootRouteRef, scaffolderTemplateRouteRef } from './routes';

/**
 * The kubevirt-gitops plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const kubevirtGitopsPlugin = createPlugin({
  id: 'kubevirt-gitops',
  apis: [
    createApiFactory({
      api: kubevirtGitopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new KubevirtGitopsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
  externalRoutes: {
    scaffolderTemplate: scaffolderTemplateRouteRef,
  },
});

/**
 * The entity's "Virtual machines" tab.
 *
 * @public
 */
export const EntityVirtualMachinesContent = kubevirtGitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityVirtualMachinesContent',
    component: {
      lazy: () =>
        import('./components/VmTab/EntityVirtualMachinesContent').then(
          m => m.EntityVirtualMachinesContent,
        ),
    },
  }),
);

/**
 * The compact VM card of the entity's overview.
 *
 * @public
 */
export const EntityVirtualMachineCard = kubevirtGitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityVirtualMachineCard',
    component: {
      lazy: () =>
        import('./components/VmCard/EntityVirtualMachineCard').then(
          m => m.EntityVirtualMachineCard,
        ),
    },
  }),
);

/**
 * Fleet health of the entity's ManagedClusterSet.
 *
 * @public
 */
export const EntityFleetCard = kubevirtGitopsPlugin.provide(
  createComponentExtension({
    name: 'EntityFleetCard',
    component: {
      lazy: () =>
        import('./components/FleetCard/EntityFleetCard').then(
          m => m.EntityFleetCard,
        ),
    },
  }),
);

/**
 * The fleet page (routable).
 *
 * @public
 */
export const FleetPage = kubevirtGitopsPlugin.provide(
  createRoutableExtension({
    name: 'FleetPage',
    component: () =>
      import('./components/FleetPage/FleetPage').then(m => m.FleetPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The scaffolder field `VmEnvironmentPicker`, for legacy apps (inside
 * `<ScaffolderFieldExtensions>`).
 *
 * @public
 */
export const VmEnvironmentPickerFieldExtension = kubevirtGitopsPlugin.provide(
  createScaffolderFieldExtension({
    name: VM_ENVIRONMENT_PICKER,
    component: VmEnvironmentPicker,
    validation: vmEnvironmentPickerValidation,
    schema: VmEnvironmentPickerFieldSchema.schema,
  }),
);

/**
 * The scaffolder field `VmSizePicker`, for legacy apps (inside
 * `<ScaffolderFieldExtensions>`).
 *
 * @public
 */
export const VmSizePickerFieldExtension = kubevirtGitopsPlugin.provide(
  createScaffolderFieldExtension({
    name: VM_SIZE_PICKER,
    component: VmSizePicker,
    validation: vmSizePickerValidation,
    schema: VmSizePickerFieldSchema.schema,
  }),
);

/**
 * The scaffolder field `VmImagePicker`, for legacy apps (inside
 * `<ScaffolderFieldExtensions>`).
 *
 * @public
 */
export const VmImagePickerFieldExtension = kubevirtGitopsPlugin.provide(
  createScaffolderFieldExtension({
    name: VM_IMAGE_PICKER,
    component: VmImagePicker,
    validation: vmImagePickerValidation,
    schema: VmImagePickerFieldSchema.schema,
  }),
);
