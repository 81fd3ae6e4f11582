/*
 * The VM the product grew from: the simulator's demo repository keeps
 * `demo-vm` in the seed's own layout (applicationsets/demo-vm with its
 * ApplicationSet, kustomize/{base,dev,prod}, a JSON 6902 patch per overlay),
 * not in a layout this product writes. With its folder (the entity's
 * kubevirt-gitops.io/gitops-path) it can be stopped, resized and
 * decommissioned; without it the error says what to set.
 */
import type { RunningSimulator } from '@internal/fleet-simulator';
import {
  simulatorClientFactory,
  simulatorConfig,
  startTestSimulator,
} from '../__testUtils__/simulator';
import { checkVmOperationInput } from '../operations/checkOperation';
import {
  createVmPullRequestWriter,
  type VmPullRequestWriter,
} from './vmPullRequestWriter';

jest.setTimeout(60_000);

const FOLDER = 'applicationsets/demo-vm';

describe("the seed's demo-vm", () => {
  let sim: RunningSimulator;
  let writer: VmPullRequestWriter;
  const config = simulatorConfig();

  beforeAll(async () => {
    sim = await startTestSimulator();
    writer = createVmPullRequestWriter({
      config,
      clientFactory: simulatorClientFactory(sim),
    });
  });

  afterAll(async () => {
    await sim.stop();
  });

  it('stops in dev: a pull request that changes only the dev overlay, in its patch', async () => {
    const outcome = await writer.openPullRequest({
      operation: checkVmOperationInput(
        {
          operation: 'set-run-strategy',
          vmName: 'demo-vm',
          gitopsPath: FOLDER,
          runStrategy: 'Halted',
          environments: ['dev'],
        },
        config,
      ),
      dryRun: true,
    });
    expect(outcome.changeSet.files.map(file => file.path)).toEqual([
      `${FOLDER}/kustomize/dev/kustomization.yaml`,
    ]);
    const dev = outcome.changeSet.previews.find(
      preview => preview.environment === 'dev',
    );
    expect(dev?.summary).toMatchObject({
      vmName: 'dev-demo-vm',
      runStrategy: 'Halted',
    });
    expect(
      outcome.changeSet.previews.find(preview => preview.environment === 'prod')
        ?.summary,
    ).toMatchObject({ runStrategy: 'Always' });
    expect(outcome.body).toContain('#### Verified before opening');
  });

  it('resizes prod only, where prod holds its size', async () => {
    const outcome = await writer.openPullRequest({
      operation: checkVmOperationInput(
        {
          operation: 'resize',
          vmName: 'demo-vm',
          gitopsPath: FOLDER,
          size: { instancetype: 'u1.small' },
          environments: ['prod'],
        },
        config,
      ),
      dryRun: true,
    });
    expect(outcome.changeSet.files.map(file => file.path)).toEqual([
      `${FOLDER}/kustomize/prod/kustomization.yaml`,
    ]);
    expect(
      outcome.changeSet.previews.find(preview => preview.environment === 'prod')
        ?.summary?.sizeLabel,
    ).toBe('u1.small (1 vCPU, 2Gi)');
    expect(
      outcome.changeSet.previews.find(preview => preview.environment === 'dev')
        ?.manifests,
    ).toContain('guest: 2Gi');
  });

  it('decommissions: every file of the folder goes, its ApplicationSet included, and no catalog-info.yaml is invented', async () => {
    const outcome = await writer.openPullRequest({
      operation: checkVmOperationInput(
        {
          operation: 'decommission',
          vmName: 'demo-vm',
          gitopsPath: FOLDER,
          reason: 'replaced',
        },
        config,
      ),
      dryRun: true,
    });
    expect(outcome.changeSet.files).toEqual(
      [
        `${FOLDER}/applicationset-demo-vm.yaml`,
        `${FOLDER}/kustomize/base/kustomization.yaml`,
        `${FOLDER}/kustomize/base/virtualmachine.yaml`,
        `${FOLDER}/kustomize/dev/kustomization.yaml`,
        `${FOLDER}/kustomize/prod/kustomization.yaml`,
      ].map(path => ({ path, deleted: true })),
    );
  });

  it('opens the stop pull request for real', async () => {
    const outcome = await writer.openPullRequest({
      operation: checkVmOperationInput(
        {
          operation: 'set-run-strategy',
          vmName: 'demo-vm',
          gitopsPath: FOLDER,
          runStrategy: 'Halted',
          environments: ['dev'],
        },
        config,
      ),
    });
    expect(outcome.pullRequest?.url).toMatch(
      /\/demo-org\/gitops-demo\/pull\/\d+$/,
    );
    expect(outcome.pullRequest?.branch).toBe(
      'kubevirt-gitops/set-run-strategy/demo-vm',
    );
  });

  it('without its folder, says where it looked and what to set (not "it is in: ")', async () => {
    await expect(
      writer.openPullRequest({
        operation: checkVmOperationInput(
          {
            operation: 'set-run-strategy',
            vmName: 'demo-vm',
            runStrategy: 'Halted',
            environments: ['dev'],
          },
          config,
        ),
        dryRun: true,
      }),
    ).rejects.toThrow(
      /VM "demo-vm" is not in the GitOps repository: applicationsets\/vms\/demo-vm does not exist on the base branch/,
    );
  });
});
