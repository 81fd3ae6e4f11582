import { vmSignalChannel } from '@internal/plugin-kubevirt-gitops-common';
import { screen, waitFor } from '@testing-library/react';
import {
  makePullRequest,
  makeRow,
  makeStatus,
  plainEntity,
  vmEntity,
  VM_STATUS_PATH,
} from '../../__testUtils__/fixtures';
import { renderForEntity } from '../../__testUtils__/render';
import { answer, errorBody, withMswServer } from '../../__testUtils__/server';
import { fakeSignals } from '../../__testUtils__/signals';
import { EntityVirtualMachineCard } from './EntityVirtualMachineCard';

withMswServer();

describe('EntityVirtualMachineCard', () => {
  it('summarizes clusters as declared, the worst state and pending pull requests', async () => {
    answer(
      VM_STATUS_PATH,
      makeStatus({ pullRequests: [makePullRequest(12), makePullRequest(13)] }),
    );
    renderForEntity(<EntityVirtualMachineCard />, { entity: vmEntity });
    expect(await screen.findByText('2 of 3')).toBeInTheDocument();
    expect(
      screen.getByText(/clusters running as declared/),
    ).toBeInTheDocument();
    const worst = screen.getByText('Error: ErrorUnschedulable');
    expect(worst.closest('[data-tone]')).toHaveAttribute('data-tone', 'error');
    expect(screen.getByText(/on prod-1/)).toBeInTheDocument();
    expect(screen.getByText(/2 pending pull requests/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /#12 Resize demo-vm/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/vm-gitops/pull/12');
  });

  it('says when the VM runs nowhere yet and nothing is pending', async () => {
    answer(VM_STATUS_PATH, makeStatus({ rows: [] }));
    renderForEntity(<EntityVirtualMachineCard />, { entity: vmEntity });
    expect(
      await screen.findByText('Not deployed to any cluster yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('No pending pull requests')).toBeInTheDocument();
  });

  it('counts only healthy rows that match Git as declared', async () => {
    answer(
      VM_STATUS_PATH,
      makeStatus({
        rows: [
          makeRow('dev-1', 'dev'),
          makeRow('dev-2', 'dev', { printableStatus: 'Starting' }),
          makeRow('dev-3', 'dev', {
            runStrategy: 'Halted',
            printableStatus: 'Running',
          }),
        ],
      }),
    );
    renderForEntity(<EntityVirtualMachineCard />, { entity: vmEntity });
    expect(await screen.findByText('1 of 3')).toBeInTheDocument();
    expect(
      screen.getByText('Drift: running but Git says Halted'),
    ).toBeInTheDocument();
  });

  it('does not poll a pending VM while signals are connected, reloads on its signal, and polls once the connection is lost', async () => {
    const signals = fakeSignals({ state: 'open' });
    const route = answer(
      VM_STATUS_PATH,
      makeStatus({
        rows: [makeRow('dev-1', 'dev', { printableStatus: 'Starting' })],
        pullRequests: [makePullRequest(4)],
      }),
    );
    renderForEntity(<EntityVirtualMachineCard refreshIntervalMs={50} />, {
      entity: vmEntity,
      signalApi: signals.api,
    });
    await screen.findByText(/1 pending pull request/);
    await new Promise(r => setTimeout(r, 400));
    expect(route.calls()).toBe(1);
    signals.emit(vmSignalChannel('resource:default/demo-vm'));
    await waitFor(() => expect(route.calls()).toBe(2));
    signals.setState('closed');
    await waitFor(() => expect(route.calls()).toBeGreaterThanOrEqual(5));
  });

  it('names the missing permission', async () => {
    answer(
      VM_STATUS_PATH,
      errorBody('NotAllowedError', 'Unauthorized', 403),
      403,
    );
    renderForEntity(<EntityVirtualMachineCard />, { entity: vmEntity });
    expect(
      await screen.findByText(/kubevirt-gitops\.vm\.read/),
    ).toBeInTheDocument();
  });

  it('shows the snippet to add on an entity without the annotation', async () => {
    renderForEntity(<EntityVirtualMachineCard />, { entity: plainEntity });
    expect(
      await screen.findByText('Not linked to a virtual machine'),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('YAML to add for kubevirt-gitops.io/vm-name'),
    ).toBeInTheDocument();
  });
});
