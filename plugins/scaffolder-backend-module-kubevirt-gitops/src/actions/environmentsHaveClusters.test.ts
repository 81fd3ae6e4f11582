import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { EnvironmentClustersFetcher } from '@internal/plugin-kubevirt-gitops-node';
import {
  integrationsOf,
  testConfig,
  validCreateRequest,
} from '../__testUtils__/config';
import { createVmPullRequestAction } from './vmPullRequest';

describe('kubevirt:vm:pull-request: environments without clusters', () => {
  const config = testConfig();
  const clientFactory = jest.fn(async () => {
    throw new Error('no GitHub call expected');
  });
  const actionWith = (environmentClusters: EnvironmentClustersFetcher) =>
    createVmPullRequestAction({
      config,
      integrations: integrationsOf(config),
      clientFactory,
      environmentClusters,
    });
  const contextFor = (input: unknown, isDryRun = false) => ({
    ...createMockActionContext(),
    input: JSON.parse(JSON.stringify(input)),
    isDryRun,
  });
  const create = {
    operation: 'create',
    request: validCreateRequest({ environments: ['dev', 'prod'] }),
  };

  beforeEach(() => clientFactory.mockClear());

  it('refuses a new VM in an environment no cluster belongs to, naming the field, before any GitHub call', async () => {
    const action = actionWith(async () => ({
      ok: true,
      clusters: {
        dev: [{ name: 'dev-1', availability: 'available' }],
        prod: [],
      },
    }));
    const ctx = contextFor(create);
    const error = await action.handler(ctx).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      'Invalid VM request: request.environments[1]: no managed cluster belongs to environment "prod", so the VM would run nowhere; choose an environment with clusters',
    );
    expect(clientFactory).not.toHaveBeenCalled();
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('goes on when every environment has a cluster, even an unavailable one', async () => {
    const action = actionWith(async () => ({
      ok: true,
      clusters: {
        dev: [{ name: 'dev-1', availability: 'available' }],
        prod: [{ name: 'prod-1', availability: 'unavailable' }],
      },
    }));
    const ctx = contextFor(create, true);
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'branch',
      'kubevirt-gitops/create/build-runner',
    );
  });

  it('goes on when the clusters are not known (the body says so)', async () => {
    const action = actionWith(async () => ({
      ok: false,
      reason: 'the kubevirt-gitops backend could not be reached',
    }));
    const ctx = contextFor(create, true);
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'branch',
      'kubevirt-gitops/create/build-runner',
    );
  });

  it('does not ask for the clusters of operations on existing VMs', async () => {
    const fetcher = jest.fn<ReturnType<EnvironmentClustersFetcher>, []>(
      async () => ({ ok: true, clusters: {} }),
    );
    const action = actionWith(fetcher);
    const ctx = contextFor({
      operation: 'set-run-strategy',
      vmName: 'build-runner',
      runStrategy: 'Halted',
      environments: ['prod'],
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /no GitHub call expected/,
    );
    expect(fetcher).not.toHaveBeenCalled();
  });
});
