import { approximateFromHealth } from '@internal/plugin-kubevirt-gitops-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  makePullRequest,
  makeRow,
  makeStatus,
  vmEntity,
  VM_STATUS_PATH,
} from '../../__testUtils__/fixtures';
import { renderVmTab } from '../../__testUtils__/render';
import {
  answer,
  BACKEND,
  server,
  withMswServer,
} from '../../__testUtils__/server';

withMswServer();

describe('EntityVirtualMachinesContent', () => {
  it('shows one row per cluster grouped by environment, with the derived state in words', async () => {
    answer(VM_STATUS_PATH, makeStatus());
    renderVmTab();
    const dev = await screen.findByRole('region', { name: 'Environment dev' });
    const prod = screen.getByRole('region', { name: 'Environment prod' });
    expect(within(dev).getAllByRole('row')).toHaveLength(3); // header + 2 clusters
    expect(
      within(dev).getByText('Running', { selector: '[data-tone] > span' }),
    ).toBeInTheDocument();
    expect(within(dev).getByText('Stopped as declared')).toBeInTheDocument();
    expect(
      within(prod).getByText('Error: ErrorUnschedulable'),
    ).toBeInTheDocument();
    expect(within(dev).getByText('dev-1-node-1')).toBeInTheDocument();
    expect(within(dev).getAllByText('10.0.0.5')).toHaveLength(2);
    expect(within(dev).getAllByText('+1 more')).toHaveLength(2);
    expect(within(dev).getAllByText('2 min ago')).toHaveLength(2);
    expect(
      screen.getByText(/demo-vm/, { selector: 'strong' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/on 3 clusters, 2 as declared/),
    ).toBeInTheDocument();
  });

  it('marks an approximate state (ArgoCD health, not the VM itself) and does not count it as declared', async () => {
    answer(
      VM_STATUS_PATH,
      makeStatus({
        rows: [
          makeRow('dev-1', 'dev'),
          makeRow(
            'dev-2',
            'dev',
            {},
            {
              derived: {
                ...approximateFromHealth('Healthy', 'Synced'),
                reason: 'DetailNotLoaded',
              },
            },
          ),
        ],
      }),
    );
    renderVmTab();
    const dev = await screen.findByRole('region', { name: 'Environment dev' });
    const mark = within(dev).getByTestId('approximate-state');
    expect(mark).toHaveTextContent('approximate');
    expect(mark).toHaveAttribute(
      'title',
      'Approximate: from ArgoCD health, not the VM itself',
    );
    expect(within(dev).getAllByTestId('approximate-state')).toHaveLength(1);
    expect(
      within(dev).getByText(/^Healthy \(from ArgoCD health/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/on 2 clusters, 1 as declared/),
    ).toBeInTheDocument();
  });

  it('colours states by severity and links each row to its ArgoCD application', async () => {
    answer(VM_STATUS_PATH, makeStatus());
    renderVmTab();
    const errorState = await screen.findByText('Error: ErrorUnschedulable');
    expect(errorState.closest('[data-tone]')).toHaveAttribute(
      'data-tone',
      'error',
    );
    expect(
      screen.getByText('Stopped as declared').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'ok');
    const argo = screen.getByRole('link', {
      name: /ArgoCD application demo-vm-prod-1/,
    });
    expect(argo).toHaveAttribute(
      'href',
      'https://argocd.example.com/applications/argocd/demo-vm-prod-1',
    );
    expect(argo).toHaveAttribute('target', '_blank');
  });

  it('flags an unreachable cluster and a VM pending sync', async () => {
    answer(
      VM_STATUS_PATH,
      makeStatus({
        rows: [
          makeRow(
            'prod-1',
            'prod',
            {},
            {
              clusterAvailability: 'unreachable',
              clusterAvailabilityReason: 'ManagedClusterLeaseUpdateStopped',
            },
          ),
          makeRow('dev-1', 'dev', {
            runStrategy: 'Halted',
            printableStatus: 'Running',
            syncStatus: 'OutOfSync',
          }),
        ],
      }),
    );
    renderVmTab();
    expect(await screen.findByText('Unreachable')).toBeInTheDocument();
    expect(
      screen.getByText('ManagedClusterLeaseUpdateStopped'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Pending sync: running but Git says Halted'),
    ).toBeInTheDocument();
    expect(screen.getByText('OutOfSync')).toBeInTheDocument();
  });

  it('puts open pull requests on top, before the tables', async () => {
    answer(
      VM_STATUS_PATH,
      makeStatus({
        pullRequests: [
          makePullRequest(12),
          makePullRequest(13, {
            operation: 'set-run-strategy',
            title: 'Halt demo-vm in dev',
          }),
        ],
      }),
    );
    renderVmTab();
    const list = await screen.findByRole('list', {
      name: 'Open pull requests',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(
      /^Resize demo-vm to u1.large pending review: #12 \(by alice\)$/,
    );
    expect(items[1]).toHaveTextContent(
      /^Start\/stop: Halt demo-vm in dev pending review: #13/,
    );
    const link = within(list).getByRole('link', { name: /#12/ });
    expect(link).toHaveAttribute(
      'href',
      'https://github.com/acme/vm-gitops/pull/12',
    );
    const firstTable = screen.getAllByRole('table')[0];
    expect(
      list.compareDocumentPosition(firstTable) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('shows upstream errors as a warning and keeps the rest visible', async () => {
    answer(
      VM_STATUS_PATH,
      makeStatus({
        errors: [
          {
            source: 'ocm:hub',
            kind: 'unreachable',
            message: 'connect ECONNREFUSED',
          },
        ],
      }),
    );
    renderVmTab();
    expect(
      await screen.findByText(/Some sources did not answer \(1\)/),
    ).toBeInTheDocument();
    expect(screen.getByText('ocm:hub')).toBeInTheDocument();
    expect(screen.getByText(/connect ECONNREFUSED/)).toBeInTheDocument();
    expect(screen.getByText('dev-1')).toBeInTheDocument();
  });

  it('writes the time of the last good data in an upstream error as a clock and its age', async () => {
    answer(
      VM_STATUS_PATH,
      makeStatus({
        generatedAt: '2025-11-24T10:00:00.000Z',
        errors: [
          {
            source: 'ocm:hub',
            kind: 'unreachable',
            message:
              'ocm:hub could not be reached (ECONNREFUSED) (showing data from 2025-11-24T09:59:30.000Z)',
          },
        ],
      }),
    );
    renderVmTab();
    expect(
      await screen.findByText(
        /^: ocm:hub could not be reached \(ECONNREFUSED\) \(showing data from \d\d:\d\d:\d\d, 30 s ago\)$/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('dev-1')).toBeInTheDocument();
  });

  it('opens the matching template pre-filled for each action', async () => {
    answer(VM_STATUS_PATH, makeStatus());
    renderVmTab();
    const actions = await screen.findByRole('group', { name: /VM actions/ });
    const hrefOf = (name: string) => {
      const href =
        within(actions).getByRole('link', { name }).getAttribute('href') ?? '';
      const url = new URL(href, 'http://app');
      return {
        path: url.pathname,
        formData: JSON.parse(url.searchParams.get('formData') ?? '{}'),
      };
    };
    expect(hrefOf('Start')).toEqual({
      path: '/create/templates/default/vm-power',
      formData: {
        vm: 'resource:default/demo-vm',
        runStrategy: 'Always',
      },
    });
    expect(hrefOf('Stop').formData.runStrategy).toBe('Halted');
    expect(hrefOf('Resize')).toEqual({
      path: '/create/templates/default/vm-resize',
      formData: { vm: 'resource:default/demo-vm' },
    });
    expect(hrefOf('Decommission').path).toBe(
      '/create/templates/default/vm-decommission',
    );
  });

  it('shows the refresh button only with the refresh permission, and refreshes', async () => {
    answer(VM_STATUS_PATH, makeStatus());
    const denied = renderVmTab({ canRefresh: false });
    await screen.findByText('dev-1');
    expect(
      screen.queryByRole('button', { name: 'Refresh from Git' }),
    ).not.toBeInTheDocument();
    denied.unmount();

    // usePermission caches answers per resource: ask about another entity.
    const other = {
      ...vmEntity,
      metadata: { ...vmEntity.metadata, name: 'other-vm' },
    };
    answer('/entities/default/resource/other-vm/vms', makeStatus());
    let refreshed = 0;
    server.use(
      http.post(
        `${BACKEND}/entities/default/resource/other-vm/vms/refresh`,
        () => {
          refreshed += 1;
          return HttpResponse.json({
            refreshed: ['demo-vm-dev-1', 'demo-vm-dev-2'],
            errors: [],
          });
        },
      ),
    );
    const { alertApi } = renderVmTab({ canRefresh: true, entity: other });
    const button = await screen.findByRole('button', {
      name: 'Refresh from Git',
    });
    await userEvent.click(button);
    await waitFor(() => expect(refreshed).toBe(1));
    const alert = await alertApi.waitForAlert(a =>
      a.message.includes('refresh 2 application'),
    );
    expect(alert.severity).toBe('success');
  });
});
