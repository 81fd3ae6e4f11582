import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  clusterSetEntity,
  makeFleet,
  plainEntity,
} from '../../__testUtils__/fixtures';
import { renderForEntity } from '../../__testUtils__/render';
import { BACKEND, server, withMswServer } from '../../__testUtils__/server';
import { rootRouteRef } from '../../routes';
import { EntityFleetCard } from './EntityFleetCard';

withMswServer();

describe('EntityFleetCard', () => {
  it('summarizes the cluster set and links to the fleet page filtered to it', async () => {
    const asked: string[] = [];
    server.use(
      http.get(
        `${BACKEND}/entities/:namespace/:kind/:name/fleet`,
        ({ params }) => {
          asked.push(`${params.kind}:${params.namespace}/${params.name}`);
          return HttpResponse.json(makeFleet());
        },
      ),
    );
    renderForEntity(<EntityFleetCard />, {
      entity: clusterSetEntity,
      mountedRoutes: { '/kubevirt-gitops': rootRouteRef },
    });
    expect(
      await screen.findByText('2 of 3 clusters available'),
    ).toBeInTheDocument();
    expect(asked).toEqual(['system:default/platform']);
    const envs = screen.getByRole('list', { name: 'Environments' });
    expect(within(envs).getAllByRole('listitem')[0]).toHaveTextContent(
      'dev: 2/2 available, 7 VMs (2 in error)',
    );
    expect(
      screen.getByRole('link', { name: 'Open the fleet page' }),
    ).toHaveAttribute('href', '/kubevirt-gitops?clusterSet=dev-clusters');
  });

  it('shows the snippet when the entity names no cluster set', async () => {
    renderForEntity(<EntityFleetCard />, { entity: plainEntity });
    expect(
      await screen.findByText('Not linked to a cluster set'),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('YAML to add for kubevirt-gitops.io/cluster-set'),
    ).toHaveTextContent('kubevirt-gitops.io/cluster-set: default');
  });
});
