/*
 * The benchmark page: a legacy Backstage app (core-app-api, real default
 * APIs, the plugin's real client) that shows a button; pressing it mounts the
 * "Virtual machines" tab, which fetches the fake 200-row answer from the
 * bench server. run.mjs drives it in Chromium.
 */
import {
  AlertApiForwarder,
  createSpecializedApp,
  ErrorAlerter,
  ErrorApiForwarder,
  NoOpAnalyticsApi,
  UrlPatternDiscovery,
} from '@backstage/core-app-api';
import {
  alertApiRef,
  analyticsApiRef,
  createApiFactory,
  discoveryApiRef,
  errorApiRef,
  fetchApiRef,
  type IconComponent,
} from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { themes, UnifiedThemeProvider } from '@backstage/theme';
import { useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { vmEntity } from '../../src/__testUtils__/fixtures';
import { kubevirtGitopsApiRef } from '../../src/api/KubevirtGitopsApi';
import { KubevirtGitopsClient } from '../../src/api/KubevirtGitopsClient';
import { EntityVirtualMachinesContent } from '../../src/components/VmTab/EntityVirtualMachinesContent';

const Icon: IconComponent = () => null;
const icons = {
  'kind:api': Icon,
  'kind:component': Icon,
  'kind:domain': Icon,
  'kind:group': Icon,
  'kind:location': Icon,
  'kind:system': Icon,
  'kind:user': Icon,
  'kind:resource': Icon,
  'kind:template': Icon,
  brokenImage: Icon,
  catalog: Icon,
  chat: Icon,
  dashboard: Icon,
  docs: Icon,
  email: Icon,
  github: Icon,
  group: Icon,
  help: Icon,
  scaffolder: Icon,
  search: Icon,
  techdocs: Icon,
  user: Icon,
  warning: Icon,
  star: Icon,
  unstarred: Icon,
};

const config = {
  app: { title: 'bench', baseUrl: window.location.origin },
  backend: { baseUrl: window.location.origin },
};

const app = createSpecializedApp({
  configLoader: async () => [{ context: 'bench', data: config }],
  apis: [
    createApiFactory(
      discoveryApiRef,
      UrlPatternDiscovery.compile(
        `${window.location.origin}/api/{{ pluginId }}`,
      ),
    ),
    createApiFactory(alertApiRef, new AlertApiForwarder()),
    createApiFactory(analyticsApiRef, new NoOpAnalyticsApi()),
    createApiFactory({
      api: errorApiRef,
      deps: { alertApi: alertApiRef },
      factory: ({ alertApi }) =>
        new ErrorAlerter(alertApi, new ErrorApiForwarder()),
    }),
    createApiFactory(fetchApiRef, {
      fetch: (input, init) => fetch(input, init),
    }),
    createApiFactory(permissionApiRef, {
      authorize: async () => ({ result: AuthorizeResult.ALLOW }),
    }),
    createApiFactory({
      api: kubevirtGitopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new KubevirtGitopsClient(deps),
    }),
  ],
  components: {
    Progress: () => null,
    BootErrorPage: ({ error }) => <pre>{String(error)}</pre>,
    NotFoundErrorPage: () => <p>not found</p>,
    ErrorBoundaryFallback: ({ error }) => <pre>{String(error)}</pre>,
    Router: ({ children }: { children?: ReactNode }) => (
      <BrowserRouter>{children}</BrowserRouter>
    ),
  },
  icons,
  themes: [
    {
      id: 'light',
      title: 'Light',
      variant: 'light',
      Provider: ({ children }) => (
        <UnifiedThemeProvider theme={themes.light}>
          {children}
        </UnifiedThemeProvider>
      ),
    },
  ],
});

function Bench() {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button
        type="button"
        onClick={() => {
          performance.mark('tab-open');
          setOpen(true);
        }}
      >
        Open the Virtual machines tab
      </button>
    );
  }
  return (
    <EntityProvider entity={vmEntity}>
      <EntityVirtualMachinesContent />
    </EntityProvider>
  );
}

const AppProvider = app.getProvider();
const AppRouter = app.getRouter();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <AppProvider>
      <AppRouter>
        <Bench />
      </AppRouter>
    </AppProvider>,
  );
}
