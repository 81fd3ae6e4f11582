import type { Entity } from '@backstage/catalog-model';
import {
  mockApis,
  renderInTestApp,
  type MockAlertApi,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { clientApi } from './server';

/** Renders an entity component in a test app, with the real client (msw answers). */
export function renderForEntity(
  element: ReactElement,
  options: { entity: Entity; canRefresh?: boolean; initialPath?: string },
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
      ],
      initialRouteEntries: options.initialPath
        ? [options.initialPath]
        : undefined,
    },
  );
  return { ...result, alertApi };
}
