import { vmSignalChannel } from '@internal/plugin-kubevirt-gitops-common';
import { screen, waitFor } from '@testing-library/react';
import {
  makeRow,
  makeStatus,
  vmEntity,
  VM_STATUS_PATH,
} from '../../__testUtils__/fixtures';
import { renderForEntity } from '../../__testUtils__/render';
import { fakeSignals } from '../../__testUtils__/signals';
import { answer, server, withMswServer } from '../../__testUtils__/server';
import { http, HttpResponse } from 'msw';
import { BACKEND } from '../../__testUtils__/server';
import { EntityVirtualMachinesContent } from './EntityVirtualMachinesContent';

withMswServer();

const CHANNEL = vmSignalChannel('resource:default/demo-vm');
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Answers the VM route with Starting, then Running after `flip()`. */
function answerStartingThenRunning() {
  let running = false;
  let calls = 0;
  server.use(
    http.get(`${BACKEND}${VM_STATUS_PATH}`, () => {
      calls += 1;
      const state = running
        ? { printableStatus: 'Running', vmiPhase: 'Running' }
        : { printableStatus: 'Starting', vmiPhase: 'Scheduled' };
      return HttpResponse.json(
        makeStatus({ rows: [makeRow('dev-cluster-1', 'dev', state)] }),
      );
    }),
  );
  return { flip: () => (running = true), calls: () => calls };
}

function statusLine() {
  return screen.getByText(/demo-vm/, { selector: 'strong' }).closest('p');
}

describe('EntityVirtualMachinesContent with live signals', () => {
  it('does not poll while the signal connection is open, and shows the change a signal announces', async () => {
    const signals = fakeSignals({ state: 'open' });
    const route = answerStartingThenRunning();
    renderForEntity(<EntityVirtualMachinesContent refreshIntervalMs={50} />, {
      entity: vmEntity,
      signalApi: signals.api,
    });
    await screen.findByText(/Starting/);
    expect(statusLine()).toHaveAttribute('data-refresh-mode', 'live');
    expect(statusLine()).toHaveTextContent('live updates');
    await sleep(400);
    expect(route.calls()).toBe(1);

    route.flip();
    signals.emit(CHANNEL);
    await screen.findByText('Running', { selector: '[data-tone] > span' });
    expect(route.calls()).toBe(2);
    expect(statusLine()).toHaveAttribute('data-poll-ticks', '0');
  });

  it('polls at its interval once the connection is lost', async () => {
    const signals = fakeSignals({ state: 'open' });
    const route = answerStartingThenRunning();
    renderForEntity(<EntityVirtualMachinesContent refreshIntervalMs={50} />, {
      entity: vmEntity,
      signalApi: signals.api,
    });
    await screen.findByText(/Starting/);
    signals.setState('closed');
    await waitFor(() => expect(route.calls()).toBeGreaterThanOrEqual(4));
    expect(statusLine()).toHaveAttribute('data-refresh-mode', 'poll');
    expect(statusLine()).toHaveTextContent('auto-refresh every 0 s');
    expect(
      Number(statusLine()?.getAttribute('data-poll-ticks')),
    ).toBeGreaterThan(0);
  });

  it('polls in an app without the signals plugin', async () => {
    const calls = answer(
      VM_STATUS_PATH,
      makeStatus({ rows: [makeRow('dev-cluster-1', 'dev')] }),
    );
    renderForEntity(<EntityVirtualMachinesContent refreshIntervalMs={50} />, {
      entity: vmEntity,
    });
    await screen.findByText(/on 1 cluster/);
    await waitFor(() => expect(calls.calls()).toBeGreaterThanOrEqual(3));
    expect(statusLine()).toHaveAttribute('data-refresh-mode', 'poll');
  });
});
