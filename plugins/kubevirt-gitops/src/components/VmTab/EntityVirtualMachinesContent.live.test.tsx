import { vmSignalChannel } from '@internal/plugin-kubevirt-gitops-common';
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  makePullRequest,
  makeRow,
  makeStatus,
  vmEntity,
  VM_STATUS_PATH,
} from '../../__testUtils__/fixtures';
import { renderForEntity } from '../../__testUtils__/render';
import {
  answer,
  BACKEND,
  server,
  withMswServer,
} from '../../__testUtils__/server';
import { fakeSignals } from '../../__testUtils__/signals';
import { EntityVirtualMachinesContent } from './EntityVirtualMachinesContent';

withMswServer();

const CHANNEL = vmSignalChannel('resource:default/demo-vm');
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

const RUNNING = { printableStatus: 'Running' };
const STOPPED = { runStrategy: 'Halted' as const, printableStatus: 'Stopped' };
const STARTING = { printableStatus: 'Starting' };

/** Answers the VM route with the row state `next()` says, counting calls. */
function answerRows(states: Array<Record<string, unknown>>) {
  let calls = 0;
  let index = 0;
  server.use(
    http.get(`${BACKEND}${VM_STATUS_PATH}`, () => {
      calls += 1;
      return HttpResponse.json(
        makeStatus({
          rows: [makeRow('dev-cluster-1', 'dev', states[index])],
        }),
      );
    }),
  );
  return {
    next: () => {
      index += 1;
    },
    calls: () => calls,
  };
}

function statusLine() {
  return screen.getByText(/demo-vm/, { selector: 'strong' }).closest('p');
}

function renderTab(signalApi?: ReturnType<typeof fakeSignals>['api']) {
  return renderForEntity(
    <EntityVirtualMachinesContent refreshIntervalMs={50} />,
    { entity: vmEntity, signalApi },
  );
}

describe('EntityVirtualMachinesContent with live signals', () => {
  it('does not poll a settled VM while the signal connection is open, and shows the change a signal announces', async () => {
    const signals = fakeSignals({ state: 'open' });
    const route = answerRows([RUNNING, STOPPED]);
    renderTab(signals.api);
    await screen.findByText('Running', { selector: '[data-tone] > span' });
    expect(statusLine()).toHaveAttribute('data-refresh-mode', 'live');
    expect(statusLine()).toHaveAttribute('data-pending', 'false');
    expect(statusLine()).toHaveTextContent('live updates');
    await sleep(400);
    expect(route.calls()).toBe(1);

    route.next();
    signals.emit(CHANNEL);
    await screen.findByText('Stopped as declared');
    expect(route.calls()).toBe(2);
    await sleep(400);
    expect(route.calls()).toBe(2);
    expect(statusLine()).toHaveAttribute('data-poll-ticks', '0');
  });

  it('does not poll while a change is pending either (a VM starting): it shows each step a signal announces', async () => {
    const signals = fakeSignals({ state: 'open' });
    const route = answerRows([STARTING, RUNNING]);
    renderTab(signals.api);
    await screen.findByText(/Starting/);
    expect(statusLine()).toHaveAttribute('data-refresh-mode', 'live');
    expect(statusLine()).toHaveAttribute('data-pending', 'true');
    expect(statusLine()).toHaveTextContent('live updates');
    expect(statusLine()).not.toHaveTextContent('a check every');
    await sleep(400);
    expect(route.calls()).toBe(1);

    route.next();
    signals.emit(CHANNEL);
    await screen.findByText('Running', { selector: '[data-tone] > span' });
    await waitFor(() =>
      expect(statusLine()).toHaveAttribute('data-pending', 'false'),
    );
    await sleep(400);
    expect(route.calls()).toBe(2);
    expect(statusLine()).toHaveAttribute('data-poll-ticks', '0');
  });

  it('does not poll while a pull request is open (the backend signals its merge)', async () => {
    const signals = fakeSignals({ state: 'open' });
    const calls = answer(
      VM_STATUS_PATH,
      makeStatus({
        rows: [makeRow('dev-cluster-1', 'dev')],
        pullRequests: [makePullRequest(4)],
      }),
    );
    renderTab(signals.api);
    await screen.findByText(/on 1 cluster/);
    expect(statusLine()).toHaveAttribute('data-pending', 'true');
    await sleep(400);
    expect(calls.calls()).toBe(1);
    expect(statusLine()).toHaveAttribute('data-poll-ticks', '0');
  });

  it('polls a pending VM at its interval once the connection is lost', async () => {
    const signals = fakeSignals({ state: 'open' });
    const route = answerRows([STARTING]);
    renderTab(signals.api);
    await screen.findByText(/Starting/);
    await sleep(200);
    expect(route.calls()).toBe(1);
    signals.setState('closed');
    await waitFor(() => expect(route.calls()).toBeGreaterThanOrEqual(4));
    expect(statusLine()).toHaveAttribute('data-refresh-mode', 'poll');
  });

  it('polls at its interval once the connection is lost', async () => {
    const signals = fakeSignals({ state: 'open' });
    const route = answerRows([RUNNING]);
    renderTab(signals.api);
    await screen.findByText('Running', { selector: '[data-tone] > span' });
    signals.setState('closed');
    await waitFor(() => expect(route.calls()).toBeGreaterThanOrEqual(4));
    expect(statusLine()).toHaveAttribute('data-refresh-mode', 'poll');
    expect(statusLine()).toHaveTextContent('auto-refresh every 0 s');
    expect(
      Number(statusLine()?.getAttribute('data-poll-ticks')),
    ).toBeGreaterThan(0);
  });

  it('polls in an app without the signals plugin', async () => {
    const route = answerRows([RUNNING]);
    renderTab();
    await screen.findByText(/on 1 cluster/);
    await waitFor(() => expect(route.calls()).toBeGreaterThanOrEqual(3));
    expect(statusLine()).toHaveAttribute('data-refresh-mode', 'poll');
  });
});
