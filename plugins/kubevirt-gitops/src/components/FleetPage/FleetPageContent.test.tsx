import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { makeFleet, makeFleetCluster } from '../../__testUtils__/fixtures';
import {
  answer,
  BACKEND,
  clientApi,
  errorBody,
  server,
  withMswServer,
} from '../../__testUtils__/server';
import { FleetPageContent } from './FleetPageContent';

withMswServer();

function renderPage(path = '/') {
  return renderInTestApp(<FleetPageContent />, {
    apis: [clientApi(), mockApis.permission()],
    initialRouteEntries: [path],
  });
}

async function choose(label: string, option: string) {
  await userEvent.click(
    screen.getByRole('button', { name: new RegExp(label) }),
  );
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('FleetPageContent', () => {
  it('shows every cluster with availability, ArgoCD, stack health, capacity and VMs', async () => {
    answer('/fleet', makeFleet());
    renderPage();
    const table = await screen.findByRole('table', {
      name: 'Managed clusters',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    const prod = within(table).getByRole('row', { name: /prod-1/ });
    expect(within(prod).getByText('Unreachable')).toBeInTheDocument();
    expect(within(prod).getByText('Failed')).toBeInTheDocument();
    expect(within(prod).getByText('Degraded')).toBeInTheDocument();
    const dev2 = within(table).getByRole('row', { name: /dev-2/ });
    expect(within(dev2).getByText('3 total')).toBeInTheDocument();
    expect(within(dev2).getByText(/1 running, 2 error/)).toBeInTheDocument();
    expect(within(dev2).getByText('48 cores')).toBeInTheDocument();
  });

  it('shows taints, the hub cluster, unknown capacity and approximate VM counts as such', async () => {
    answer(
      '/fleet',
      makeFleet({
        clusters: [
          makeFleetCluster('dev-1', 'dev', {
            taints: [{ key: 'maintenance', effect: 'NoSelect' }],
            vmCounts: { Healthy: 2, Running: 1 },
            approximateVmCounts: { Healthy: 2 },
          }),
          makeFleetCluster('local-cluster', 'dev', {
            hub: true,
            allocatable: {},
          }),
        ],
      }),
    );
    renderPage();
    const table = await screen.findByRole('table', {
      name: 'Managed clusters',
    });
    const dev1 = within(table).getByRole('row', { name: /dev-1/ });
    expect(
      within(dev1).getByText('tainted maintenance:NoSelect'),
    ).toBeInTheDocument();
    // ArgoCD's own word, not "running": ArgoCD ≥ 3.0 does not say whether the VMs run
    expect(within(dev1).getByTestId('approximate-state')).toHaveTextContent(
      '≈ 2 Healthy per ArgoCD',
    );
    expect(within(dev1).getByText(/1 running/)).toBeInTheDocument();
    const hub = within(table).getByRole('row', { name: /local-cluster/ });
    expect(within(hub).getByText(/hub cluster/)).toBeInTheDocument();
    expect(within(hub).getByText('Capacity unknown')).toBeInTheDocument();
    expect(within(hub).queryByText(/cores/)).not.toBeInTheDocument();
  });

  it('shows a Placement that is not satisfied, with its reason and selected count', async () => {
    answer(
      '/fleet',
      makeFleet({
        placements: [
          {
            name: 'argocd/all-dev',
            clusters: ['dev-1'],
            satisfied: { status: 'True' },
          },
          {
            name: 'argocd/prod-only',
            clusters: [],
            numberOfSelectedClusters: 0,
            satisfied: {
              status: 'False',
              reason: 'NoManagedClusterMatched',
              message: 'No valid ManagedClusterSetBindings found',
            },
          },
        ],
      }),
    );
    renderPage();
    expect(
      await screen.findByText(
        /Placement argocd\/prod-only not satisfied \(NoManagedClusterMatched\): 0 selected/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/argocd\/all-dev/)).not.toBeInTheDocument();
  });

  it('shows totals per environment', async () => {
    answer('/fleet', makeFleet());
    renderPage();
    const totals = await screen.findByRole('list', {
      name: 'Totals per environment',
    });
    const items = within(totals).getAllByRole('listitem');
    expect(items.map(item => item.querySelector('h3')?.textContent)).toEqual([
      'dev',
      'prod',
    ]);
    expect(items[0]).toHaveTextContent('2 of 2 clusters available');
    expect(items[0]).toHaveTextContent('96 cores · 384 GiB allocatable');
    expect(items[0]).toHaveTextContent('7 VMs: 4 running, 2 in error');
    expect(items[1]).toHaveTextContent('0 of 1 cluster available');
  });

  it('filters by environment, availability and VM state', async () => {
    answer('/fleet', makeFleet());
    renderPage();
    const table = await screen.findByRole('table', {
      name: 'Managed clusters',
    });

    await choose('Environment', 'prod');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(
      within(
        screen.getByRole('list', { name: 'Totals per environment' }),
      ).getAllByRole('listitem'),
    ).toHaveLength(1);

    await choose('Environment', 'All environments');
    await choose('Cluster availability', 'Available');
    expect(
      within(table)
        .getAllByRole('row')
        .map(r => r.textContent),
    ).toEqual([
      expect.stringContaining('Cluster'),
      expect.stringContaining('dev-1'),
      expect.stringContaining('dev-2'),
    ]);

    await choose('Has VMs in state', 'Error');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByText('dev-2')).toBeInTheDocument();

    await choose('Cluster availability', 'Unreachable');
    expect(
      screen.getByText('No cluster matches these filters.'),
    ).toBeInTheDocument();
  });

  it('limits the page to a cluster set from the query', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${BACKEND}/fleet`, ({ request }) => {
        seen.push(new URL(request.url).searchParams.get('clusterSet') ?? '');
        return HttpResponse.json(makeFleet());
      }),
    );
    renderPage('/?clusterSet=dev-clusters');
    expect(
      await screen.findByText(/Cluster set dev-clusters/),
    ).toBeInTheDocument();
    expect(seen[0]).toBe('dev-clusters');
  });

  it('keeps the fleet visible under upstream errors', async () => {
    answer(
      '/fleet',
      makeFleet({
        errors: [
          {
            source: 'argocd:main',
            kind: 'unavailable',
            message: '503 Service Unavailable',
          },
        ],
      }),
    );
    renderPage();
    expect(
      await screen.findByText(/Some sources did not answer/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Managed clusters' }),
    ).toBeInTheDocument();
  });

  it('shows large fleets a hundred clusters at a time', async () => {
    const clusters = Array.from({ length: 150 }, (_, i) =>
      makeFleetCluster(`c-${String(i).padStart(3, '0')}`, 'dev'),
    );
    answer('/fleet', makeFleet({ clusters }));
    renderPage();
    const table = await screen.findByRole('table', {
      name: 'Managed clusters',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(101);
    expect(screen.getByText('Showing 100 of 150 clusters')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show 50 more' }));
    expect(within(table).getAllByRole('row')).toHaveLength(151);
    expect(screen.queryByText(/Showing/)).not.toBeInTheDocument();
  });

  it('says what to do with an empty fleet', async () => {
    answer('/fleet', makeFleet({ clusters: [], totals: [] }));
    renderPage();
    expect(
      await screen.findByText(/No managed clusters yet/),
    ).toBeInTheDocument();
  });

  it('names the fleet permission on 403', async () => {
    answer('/fleet', errorBody('NotAllowedError', 'Unauthorized', 403), 403);
    renderPage();
    expect(
      await screen.findByText(/kubevirt-gitops\.fleet\.read/),
    ).toBeInTheDocument();
  });
});
