import type { Entity } from '@backstage/catalog-model';
import {
  mockApis,
  renderInTestApp,
  type MockAlertApi,
  type TestAppOptions,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { EntityVirtualMachinesContent } from '../components/VmTab/EntityVirtualMachinesContent';
import { vmEntity } from './fixtures';
import { clientApi } from './server';

/** Renders an entity component in a test app, with the real client (msw answers). */
export function renderForEntity(
  element: ReactElement,
  options: {
    entity: Entity;
    canRefresh?: boolean;
    initialPath?: string;
    mountedRoutes?: TestAppOptions['mountedRoutes'];
    /** A signal API for the app (default: none, as without the signals plugin). */
    signalApi?: SignalApi;
  },
): RenderResult & { alertApi: MockAlertApi } {
  const alertApi = mockApis.alert();
  const result = renderInTestApp(
    <EntityProvider entity={options.entity}>{element}</EntityProvider>,
    {
      apis: [
        clientApi(),
        alertApi,
        mockApis.permission({
          authorize: options.canRefresh
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        }),
        ...(options.signalApi
          ? [[signalApiRef, options.signalApi] as const]
          : []),
      ],
      initialRouteEntries: options.initialPath
        ? [options.initialPath]
        : undefined,
      mountedRoutes: options.mountedRoutes,
    },
  );
  return { ...result, alertApi };
}

/** Renders the VM tab for `vmEntity` (or `entity`), as renderForEntity does. */
export function renderVmTab(
  options: {
    canRefresh?: boolean;
    entity?: Entity;
    signalApi?: SignalApi;
  } = {},
): RenderResult & { alertApi: MockAlertApi } {
  return renderForEntity(<EntityVirtualMachinesContent />, {
    entity: options.entity ?? vmEntity,
    canRefresh: options.canRefresh,
    signalApi: options.signalApi,
  });
}
