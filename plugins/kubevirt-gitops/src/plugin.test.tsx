import { EntityProvider } from '@backstage/plugin-catalog-react';
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
} from './index';

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
