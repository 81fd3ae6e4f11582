import { getComponentData } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  makeFleet,
  makeStatus,
  vmEntity,
  VM_STATUS_PATH,
} from './__testUtils__/fixtures';
import { answer, makeClient, withMswServer } from './__testUtils__/server';
import {
  EntityVirtualMachinesContent,
  FleetPage,
  isFleetAvailable,
  isVirtualMachineAvailable,
  kubevirtGitopsApiRef,
  kubevirtGitopsPlugin,
  rootRouteRef,
  VmEnvironmentPickerFieldExtension,
  VmImagePickerFieldExtension,
  VmSizePickerFieldExtension,
  vmEnvironmentPickerValidation,
  vmImagePickerValidation,
  vmSizePickerValidation,
} from './index';
import { VmImagePicker } from './components/ImagePicker/VmImagePicker';
import { VmSizePicker } from './components/SizePicker/VmSizePicker';

withMswServer();

describe('kubevirt-gitops (legacy frontend system)', () => {
  it('is the kubevirt-gitops plugin with its API and routes', () => {
    expect(kubevirtGitopsPlugin.getId()).toBe('kubevirt-gitops');
    expect([...kubevirtGitopsPlugin.getApis()].map(api => api.api.id)).toEqual([
      kubevirtGitopsApiRef.id,
    ]);
    expect(kubevirtGitopsPlugin.routes.root).toBe(rootRouteRef);
    expect(VmEnvironmentPickerFieldExtension).toBeDefined();
  });

  it('provides the scaffolder fields for <ScaffolderFieldExtensions>', () => {
    // the data createScaffolderFieldExtension attaches for the scaffolder to read
    const field = (Extension: () => null) =>
      getComponentData<FieldExtensionOptions<unknown>>(
        <Extension />,
        'scaffolder.extensions.field.v1',
      );
    expect(field(VmEnvironmentPickerFieldExtension)).toMatchObject({
      name: 'VmEnvironmentPicker',
      validation: vmEnvironmentPickerValidation,
    });
    expect(field(VmSizePickerFieldExtension)).toMatchObject({
      name: 'VmSizePicker',
      component: VmSizePicker,
      validation: vmSizePickerValidation,
      schema: { uiOptions: { properties: { environmentsField: {} } } },
    });
    expect(field(VmImagePickerFieldExtension)).toMatchObject({
      name: 'VmImagePicker',
      component: VmImagePicker,
      validation: vmImagePickerValidation,
      schema: { uiOptions: { properties: { environmentsField: {} } } },
    });
  });

  it('tells VM and cluster-set entities apart', () => {
    expect(isVirtualMachineAvailable(vmEntity)).toBe(true);
    expect(isFleetAvailable(vmEntity)).toBe(false);
  });

  it('renders the tab in a legacy app', async () => {
    answer(VM_STATUS_PATH, makeStatus());
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [kubevirtGitopsApiRef, makeClient()],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <EntityProvider entity={vmEntity}>
          <EntityVirtualMachinesContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('Stopped as declared')).toBeInTheDocument();
  });

  it('renders the routable fleet page with its own header', async () => {
    answer('/fleet', makeFleet());
    await renderInTestApp(
      <TestApiProvider apis={[[kubevirtGitopsApiRef, makeClient()]]}>
        <Routes>
          <Route path="/kubevirt-gitops" element={<FleetPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/kubevirt-gitops'] },
    );
    expect(
      await screen.findByRole('heading', { name: 'Virtual machine fleet' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Managed clusters' }),
    ).toBeInTheDocument();
  });
});
