import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  makePullRequest,
  makeStatus,
  plainEntity,
  vmEntity,
  VM_STATUS_PATH,
} from '../../__testUtils__/fixtures';
import { renderForEntity, renderVmTab } from '../../__testUtils__/render';
import {
  answer,
  BACKEND,
  errorBody,
  server,
  withMswServer,
} from '../../__testUtils__/server';
import { EntityVirtualMachinesContent } from './EntityVirtualMachinesContent';

withMswServer();

describe('EntityVirtualMachinesContent: loading, empty and error states', () => {
  it('shows fixed-size skeletons until the first answer', async () => {
    server.use(
      http.get(`${BACKEND}${VM_STATUS_PATH}`, async () => {
        await new Promise(resolve => setTimeout(resolve, 100));
        return HttpResponse.json(makeStatus());
      }),
    );
    renderVmTab();
    const skeleton = await screen.findByRole('table', {
      name: 'Loading virtual machines',
      busy: true,
    });
    const headers = (table: HTMLElement) =>
      within(table)
        .getAllByRole('columnheader')
        .map(header => header.textContent);
    const skeletonHeaders = headers(skeleton);
    expect(await screen.findByText('dev-1')).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Loading virtual machines' }),
    ).not.toBeInTheDocument();
    // Same columns before and after: nothing jumps when the data arrives.
    expect(
      headers(
        screen.getByRole('table', {
          name: 'Virtual machine on the clusters of dev',
        }),
      ),
    ).toEqual(skeletonHeaders);
  });

  it('shows a failing ApplicationSet with its error instead of an empty tab', async () => {
    answer(
      VM_STATUS_PATH,
      makeStatus({
        rows: [],
        applicationSets: [
          {
            instance: 'main',
            namespace: 'argocd',
            name: 'demo-vm',
            health: {
              status: 'Degraded',
              message:
                'found less than two generators, Merge requires two or more',
            },
            problems: [
              {
                type: 'ErrorOccurred',
                status: 'True',
                reason: 'ApplicationGenerationFromParamsError',
                message:
                  'found less than two generators, Merge requires two or more',
              },
            ],
            applications: 0,
          },
        ],
      }),
    );
    renderVmTab();
    expect(
      await screen.findByText(
        'ApplicationSet argocd/demo-vm (ArgoCD main): Degraded',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Merge requires two or more/, { selector: 'li' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/ArgoCD could not generate its applications/),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Merged, not yet synced/),
    ).not.toBeInTheDocument();
  });

  it('shows the annotation snippet and calls nothing when the entity lacks it', async () => {
    const calls = answer(VM_STATUS_PATH, makeStatus());
    renderVmTab({ entity: plainEntity });
    expect(
      await screen.findByText('This entity is not linked to a virtual machine'),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('YAML to add for kubevirt-gitops.io/vm-name'),
    ).toHaveTextContent(
      'metadata: annotations: kubevirt-gitops.io/vm-name: web-shop',
    );
    expect(calls.calls()).toBe(0);
  });

  it('says when the VM is merged but not yet synced', async () => {
    answer(VM_STATUS_PATH, makeStatus({ rows: [] }));
    renderVmTab();
    expect(
      await screen.findByText(
        'Merged, not yet synced: no cluster runs demo-vm yet',
      ),
    ).toBeInTheDocument();
  });

  it('says when the VM waits for its pull request to merge', async () => {
    answer(
      VM_STATUS_PATH,
      makeStatus({
        rows: [],
        pullRequests: [
          makePullRequest(7, { operation: 'create', title: 'Create demo-vm' }),
        ],
      }),
    );
    renderVmTab();
    expect(
      await screen.findByText('Pending merge: demo-vm is not in Git yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/once pull request #7 is reviewed and merged/),
    ).toBeInTheDocument();
  });

  it('names the missing permission on 403', async () => {
    answer(
      VM_STATUS_PATH,
      errorBody('NotAllowedError', 'Unauthorized', 403),
      403,
    );
    renderVmTab();
    expect(
      await screen.findByText('You do not have permission to see this'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/grant you the permission kubevirt-gitops\.vm\.read/),
    ).toBeInTheDocument();
  });

  it('shows what the backend says is wrong with the annotations on 400', async () => {
    answer(
      VM_STATUS_PATH,
      errorBody(
        'InputError',
        'The annotation kubevirt-gitops.io/argocd-instance names no configured instance',
        400,
      ),
      400,
    );
    renderVmTab();
    expect(
      await screen.findByText('The entity is not set up for virtual machines'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/names no configured instance/),
    ).toBeInTheDocument();
  });

  /** The first load answers the status, every later one fails; returns the call count. */
  function answerOnceThenFail(name: string, message: string, status: number) {
    const calls = { count: 0 };
    server.use(
      http.get(`${BACKEND}${VM_STATUS_PATH}`, () => {
        calls.count += 1;
        return calls.count === 1
          ? HttpResponse.json(makeStatus())
          : HttpResponse.json(errorBody(name, message, status), { status });
      }),
    );
    return calls;
  }

  it('keeps the last answer on screen when a reload fails', async () => {
    answerOnceThenFail('Error', 'ArgoCD timed out', 502);
    renderForEntity(<EntityVirtualMachinesContent refreshIntervalMs={50} />, {
      entity: vmEntity,
    });
    expect(await screen.findByText('dev-1')).toBeInTheDocument();
    expect(
      await screen.findByText(/Could not refresh; showing the answer from/),
    ).toBeInTheDocument();
    expect(screen.getByText('dev-1')).toBeInTheDocument();
  });

  it('keeps the last pull requests it saw while GitHub does not answer, and says so', async () => {
    const calls = { count: 0 };
    const githubDown = {
      source: 'github',
      kind: 'unavailable' as const,
      message: 'github answered 500 when listing open pull requests',
    };
    server.use(
      http.get(`${BACKEND}${VM_STATUS_PATH}`, () => {
        calls.count += 1;
        return HttpResponse.json(
          calls.count === 1
            ? makeStatus({ pullRequests: [makePullRequest(7)] })
            : makeStatus({ pullRequests: [], errors: [githubDown] }),
        );
      }),
    );
    renderForEntity(<EntityVirtualMachinesContent refreshIntervalMs={50} />, {
      entity: vmEntity,
    });
    expect(
      await screen.findByText('1 open pull request will change this VM'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        /^1 open pull request will change this VM \(as GitHub listed them at \d\d:\d\d:\d\d; it has not answered since\)$/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^#7: / })).toBeInTheDocument();
    expect(
      screen.getByText(/Some sources did not answer \(1\)/),
    ).toBeInTheDocument();
    expect(screen.getByText('github')).toBeInTheDocument();
    expect(screen.getByText('dev-1')).toBeInTheDocument();
  });

  it("shows the backend's kept pull requests with their time on a fresh load while GitHub does not answer", async () => {
    answer(
      VM_STATUS_PATH,
      makeStatus({
        pullRequests: [makePullRequest(9)],
        pullRequestsAsOf: '2026-12-04T22:40:05.000Z',
        errors: [
          {
            source: 'github',
            kind: 'unavailable',
            message:
              'github answered 500 when listing open pull requests (showing pull requests from 2026-12-04T22:40:05.000Z)',
          },
        ],
      }),
    );
    renderForEntity(<EntityVirtualMachinesContent />, { entity: vmEntity });
    expect(
      await screen.findByText(
        /^1 open pull request will change this VM \(as GitHub listed them at \d\d:\d\d:\d\d; it has not answered since\)$/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^#9: / })).toBeInTheDocument();
  });

  it('shows no pull request of another answer while GitHub does not answer on a fresh load', async () => {
    answer(
      VM_STATUS_PATH,
      makeStatus({
        pullRequests: [],
        errors: [
          {
            source: 'github',
            kind: 'timeout',
            message: 'github did not answer',
          },
        ],
      }),
    );
    renderVmTab();
    expect(await screen.findByText('github')).toBeInTheDocument();
    expect(screen.queryByText(/open pull request/)).not.toBeInTheDocument();
  });

  it('stops auto-refresh after a 403, and says so', async () => {
    const calls = answerOnceThenFail('NotAllowedError', 'Unauthorized', 403);
    renderForEntity(<EntityVirtualMachinesContent refreshIntervalMs={50} />, {
      entity: vmEntity,
    });
    expect(await screen.findByText('dev-1')).toBeInTheDocument();
    expect(
      await screen.findByText(/auto-refresh stopped: asking again/),
    ).toBeInTheDocument();
    const made = calls.count;
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(calls.count).toBe(made);
    expect(screen.getByText('dev-1')).toBeInTheDocument();
  });
});
