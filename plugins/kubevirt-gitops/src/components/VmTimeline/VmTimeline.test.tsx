import { vmSignalChannel } from '@internal/plugin-kubevirt-gitops-common';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { makeTimelineRequest, vmEntity } from '../../__testUtils__/fixtures';
import { renderForEntity } from '../../__testUtils__/render';
import {
  answer,
  BACKEND,
  errorBody,
  server,
  TIMELINE_PATH,
  withMswServer,
} from '../../__testUtils__/server';
import { fakeSignals } from '../../__testUtils__/signals';
import { VmTimeline } from './VmTimeline';

withMswServer();

const entityRef = { kind: 'Resource', namespace: 'default', name: 'demo-vm' };

function renderTimeline(signalApi?: ReturnType<typeof fakeSignals>['api']) {
  return renderForEntity(
    <VmTimeline entityRef={entityRef} intervalMs={15_000} />,
    { entity: vmEntity, signalApi },
  );
}

describe('VmTimeline', () => {
  it('shows each request with its steps, times, requester, link and per-cluster state', async () => {
    answer(TIMELINE_PATH, {
      entityRef: 'resource:default/demo-vm',
      requests: [makeTimelineRequest()],
    });
    renderTimeline();
    const request = await screen.findByRole('region', {
      name: 'Pull request #7',
    });
    expect(within(request).getByText('Request VM demo-vm')).toBeInTheDocument();
    expect(
      within(request).getByRole('link', {
        name: /#7 in demo-org\/gitops-demo/,
      }),
    ).toHaveAttribute('href', 'https://github.com/demo-org/gitops-demo/pull/7');
    expect(
      within(request).getByText(/Requested by user:default\/guest/),
    ).toBeInTheDocument();
    expect(
      within(request).getByText('Merged; Running on 1 of 2 clusters'),
    ).toBeInTheDocument();
    const steps = within(request).getByRole('list', {
      name: 'Steps of Pull request #7',
    });
    expect(within(steps).getByText(/Pull request opened/)).toBeInTheDocument();
    expect(within(steps).getByText(/Merged/)).toBeInTheDocument();
    expect(
      steps.querySelectorAll('time[datetime="2025-11-24T10:05:00.000Z"]'),
    ).toHaveLength(1);
    const clusters = within(request).getByRole('table', {
      name: 'Clusters of Pull request #7',
    });
    const rows = within(clusters).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent(/dev-cluster-1.*Running at/);
    expect(rows[2]).toHaveTextContent(
      /dev-cluster-2.*Synced, waiting for Running/,
    );
  });

  it('shows a failure with its reason', async () => {
    const base = makeTimelineRequest();
    answer(TIMELINE_PATH, {
      entityRef: 'resource:default/demo-vm',
      requests: [
        {
          ...base,
          steps: [
            ...base.steps,
            {
              step: 'failed',
              at: '2025-11-24T10:07:00Z',
              cluster: 'dev-cluster-2',
              detail: 'ErrorUnschedulable',
            },
          ],
        },
      ],
    });
    renderTimeline();
    expect(
      await screen.findByText(/Failed: ErrorUnschedulable at/),
    ).toBeInTheDocument();
    expect(screen.getByText('Failed on dev-cluster-2')).toBeInTheDocument();
  });

  it('says what appears there and how, when there is no request yet', async () => {
    renderTimeline();
    expect(
      await screen.findByText('No requests recorded for this VM yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Request a virtual machine' }),
    ).toHaveAttribute('href', '/create/templates/default/request-vm');
  });

  it('reloads on the VM signal', async () => {
    const signals = fakeSignals({ state: 'open' });
    let calls = 0;
    server.use(
      http.get(`${BACKEND}${TIMELINE_PATH}`, () => {
        calls += 1;
        return HttpResponse.json({
          entityRef: 'resource:default/demo-vm',
          requests: calls > 1 ? [makeTimelineRequest()] : [],
        });
      }),
    );
    renderTimeline(signals.api);
    await screen.findByText('No requests recorded for this VM yet');
    signals.emit(vmSignalChannel('resource:default/demo-vm'));
    await screen.findByRole('region', { name: 'Pull request #7' });
    expect(calls).toBe(2);
  });

  it('does not poll an open request while signals are connected; polls once the connection is lost', async () => {
    const signals = fakeSignals({ state: 'open' });
    let calls = 0;
    server.use(
      http.get(`${BACKEND}${TIMELINE_PATH}`, () => {
        calls += 1;
        return HttpResponse.json({
          entityRef: 'resource:default/demo-vm',
          requests: [makeTimelineRequest()],
        });
      }),
    );
    renderForEntity(<VmTimeline entityRef={entityRef} intervalMs={50} />, {
      entity: vmEntity,
      signalApi: signals.api,
    });
    await screen.findByRole('region', { name: 'Pull request #7' });
    await new Promise(r => setTimeout(r, 400));
    expect(calls).toBe(1);
    signals.setState('closed');
    await waitFor(() => expect(calls).toBeGreaterThanOrEqual(4));
  });

  it('names the missing permission when the backend denies it', async () => {
    server.use(
      http.get(`${BACKEND}${TIMELINE_PATH}`, () =>
        HttpResponse.json(errorBody('NotAllowedError', 'denied', 403), {
          status: 403,
        }),
      ),
    );
    renderTimeline();
    await waitFor(() =>
      expect(screen.getByText(/kubevirt-gitops\.vm\.read/)).toBeInTheDocument(),
    );
  });
});
