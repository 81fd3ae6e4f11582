/*
 * Decommissioning some environments of a VM: their overlays go and what
 * deploys them stops; the other environments render exactly as before (the
 * oracle checks it, and so does this test with kubectl itself).
 */
import { kubectlKustomizeFiles } from '../__testUtils__/kubectl';
import {
  planContext,
  targetIn,
  validOperation,
} from '../__testUtils__/fixtures';
import {
  ownLayout,
  seedLayout,
  type LayoutFixture,
} from '../__testUtils__/layoutFixtures';
import { discoveredVmPaths } from '../layout/discoverVmLayout';
import { planVmChange } from './planVmChange';
import type { VmChangeSet } from './types';

jest.setTimeout(60_000);

function after(
  fixture: LayoutFixture,
  change: VmChangeSet,
): Map<string, string> {
  const files = new Map(fixture.state.files);
  for (const file of change.files) {
    if ('deleted' in file) files.delete(file.path);
    else files.set(file.path, file.content);
  }
  return files;
}

async function decommission(fixture: LayoutFixture, environments: string[]) {
  const context = planContext(fixture.layout);
  const operation = validOperation(
    {
      operation: 'decommission',
      vmName: fixture.vm,
      reason: 'dev is not needed',
      environments,
    },
    context.config,
    fixture.environments,
  );
  return planVmChange(operation, fixture.state, context);
}

describe('decommission of some environments', () => {
  it('per-VM layout: the dev overlay and its generator go; prod renders as before', async () => {
    const own = await ownLayout('per-vm-applicationset');
    const change = await decommission(own, ['dev']);
    const root = 'applicationsets/vms/build-runner';
    expect(
      change.files.map(file =>
        'deleted' in file ? `- ${file.path}` : `~ ${file.path}`,
      ),
    ).toEqual([
      `- ${root}/kustomize/dev/kustomization.yaml`,
      `~ ${root}/applicationset.yaml`,
    ]);
    const applicationSet =
      after(own, change).get(`${root}/applicationset.yaml`) ?? '';
    expect(applicationSet).not.toMatch(/env: dev/);
    expect(applicationSet).toMatch(/env: prod/);
    expect(own.state.files.get(`${root}/applicationset.yaml`)).toMatch(
      /env: dev/,
    );
    const prod = `${root}/kustomize/prod`;
    expect(await kubectlKustomizeFiles(after(own, change), prod)).toBe(
      await kubectlKustomizeFiles(own.state.files, prod),
    );
    expect(change.environments).toEqual(['prod']);
    expect(change.verification).toHaveProperty('verdict.problems', []);
  });

  it('shared layout: only the dev folder goes', async () => {
    const own = await ownLayout('shared-applicationset');
    const change = await decommission(own, ['dev']);
    expect(change.files).toEqual([
      { path: 'vms/build-runner/dev/kustomization.yaml', deleted: true },
    ]);
  });

  it("the seed's layout (a label picks the overlay): refused, saying what to change", async () => {
    const seed = seedLayout();
    const context = planContext(seed.layout);
    const folder = 'applicationsets/vms/demo-vm';
    const files = new Map([
      ...seed.state.files,
      [
        `${folder}/applicationset.yaml`,
        `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: demo-vm\nspec:\n  generators:\n    - clusters: {}\n  template:\n    spec:\n      source:\n        path: "${folder}/kustomize/{{metadata.labels.env}}"\n`,
      ],
    ]);
    const state = { paths: [...files.keys()].sort(), files };
    const paths = discoveredVmPaths(
      context.config.layout,
      folder,
      {
        source: `${folder}/applicationset.yaml (ApplicationSet demo-vm, path ${folder}/kustomize/{{metadata.labels.env}})`,
        environmentDirTemplate: `${folder}/kustomize/{env}`,
      },
      files,
    );
    const operation = validOperation(
      {
        operation: 'decommission',
        vmName: 'demo-vm',
        reason: 'dev is not needed',
        environments: ['dev'],
      },
      context.config,
      seed.environments,
    );
    await expect(
      planVmChange(operation, state, context, targetIn(operation, paths)),
    ).rejects.toThrow(
      'VM "demo-vm" cannot leave only dev: applicationsets/vms/demo-vm/applicationset.yaml (ApplicationSet demo-vm, path applicationsets/vms/demo-vm/kustomize/{{metadata.labels.env}}) deploys an overlay to every cluster whose label names one',
    );
  });

  it('an environment the VM is not in is named', async () => {
    const own = await ownLayout('per-vm-applicationset');
    const context = planContext(own.layout);
    expect(() =>
      validOperation(
        {
          operation: 'decommission',
          vmName: 'build-runner',
          reason: 'x',
          environments: ['lab'],
        },
        context.config,
        own.environments,
      ),
    ).toThrow(/the VM is not deployed to lab/);
  });
});
