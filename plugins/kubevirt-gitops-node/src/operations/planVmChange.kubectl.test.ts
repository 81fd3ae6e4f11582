/*
 * Proves that the preview of every operation, in both layouts, is exactly
 * what the real `kubectl kustomize` renders from the files written, and that
 * every rendered VirtualMachine is valid against the KubeVirt schema.
 */
import type { GitopsLayout } from '@internal/plugin-kubevirt-gitops-common';
import { kubectlKustomize, writeRepository } from '../__testUtils__/kubectl';
import {
  createInput,
  planContext,
  targetIn,
  validOperation,
} from '../__testUtils__/fixtures';
import { virtualMachineSchemaErrors } from '../oracle/kubevirtSchema';
import { vmPaths } from '@internal/plugin-kubevirt-gitops-common';
import { planVmChange } from './planVmChange';
import type { VmChangeSet, VmRepositoryState } from './types';
import { rm } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';

function stateAfter(
  changeSet: VmChangeSet,
  before: VmRepositoryState = { paths: [], files: new Map() },
): VmRepositoryState {
  const files = new Map(before.files);
  for (const change of changeSet.files) {
    if ('deleted' in change) files.delete(change.path);
    else files.set(change.path, change.content);
  }
  return { paths: [...files.keys()], files };
}

async function expectPreviewsMatchKubectl(
  changeSet: VmChangeSet,
  state: VmRepositoryState,
) {
  const root = await writeRepository(state.files);
  try {
    expect(changeSet.previews.length).toBeGreaterThan(0);
    for (const preview of changeSet.previews) {
      expect(preview.error).toBeUndefined();
      expect(preview.manifests).toBe(
        await kubectlKustomize(root, preview.directory),
      );
      const vms = (preview.objects ?? []).filter(
        object => object.kind === 'VirtualMachine',
      );
      expect(vms).toHaveLength(1);
      expect(virtualMachineSchemaErrors(vms[0])).toEqual([]);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

// every case runs the real kubectl several times; a loaded machine needs more than 5 s
jest.setTimeout(60_000);
describe.each<GitopsLayout>(['per-vm-applicationset', 'shared-applicationset'])(
  '%s layout',
  layout => {
    const context = planContext(layout);
    let create: VmChangeSet;
    let created: VmRepositoryState;
    beforeAll(async () => {
      create = await planVmChange(
        validOperation(createInput(), context.config),
        { paths: [], files: new Map() },
        context,
      );
      created = stateAfter(create);
    });

    it('create: renders every environment as kubectl does, with the overrides applied', async () => {
      await expectPreviewsMatchKubectl(create, created);
      const [dev, prod] = create.previews;
      expect(dev.summary).toMatchObject({
        vmName: 'dev-build-runner',
        runStrategy: 'Halted',
        sizeLabel: 'u1.medium (1 vCPU, 4Gi)',
      });
      expect(prod.summary).toMatchObject({
        vmName: 'prod-build-runner',
        runStrategy: 'Always',
        sizeLabel: 'u1.large (2 vCPUs, 8Gi)',
      });
      expect(create.branch).toBe('kubevirt-gitops/create/build-runner');
    });

    it.each([
      [
        'set-run-strategy on every environment',
        {
          operation: 'set-run-strategy',
          vmName: 'build-runner',
          runStrategy: 'Halted',
        },
      ],
      [
        'set-run-strategy on one environment',
        {
          operation: 'set-run-strategy',
          vmName: 'build-runner',
          runStrategy: 'Always',
          environments: ['dev'],
        },
      ],
      [
        'resize every environment to a custom size',
        {
          operation: 'resize',
          vmName: 'build-runner',
          size: { vcpus: 2, memory: '6Gi' },
        },
      ],
      [
        'resize one environment',
        {
          operation: 'resize',
          vmName: 'build-runner',
          size: { vcpus: 4, memory: '16Gi' },
          environments: ['prod'],
        },
      ],
    ])(
      '%s: previews equal kubectl and the VMs are valid',
      async (_name, input) => {
        const operation = validOperation(input, context.config, [
          'dev',
          'prod',
        ]);
        const change = await planVmChange(operation, created, context);
        const after = stateAfter(change, created);
        await expectPreviewsMatchKubectl(change, after);
        expect(change.files.length).toBeGreaterThan(0);
      },
    );

    it.each([
      ['resize', { operation: 'resize', size: { vcpus: 2, memory: '6Gi' } }],
      ['decommission', { operation: 'decommission', reason: 'wrong folder' }],
    ])(
      "%s: refuses naming one VM and another VM's folder (found by scripts/faults.mjs bad-input)",
      async (_name, input) => {
        // a direct or agent call: vmName other-vm, gitopsPath build-runner's folder
        const folder = vmPaths(context.config.layout, 'build-runner');
        const operation = validOperation(
          { ...input, vmName: 'other-vm' },
          context.config,
          ['dev', 'prod'],
        );
        await expect(
          planVmChange(
            operation,
            created,
            context,
            targetIn(operation, folder),
          ),
        ).rejects.toThrow(
          `gitopsPath: ${folder.vmDir} holds the VM build-runner`,
        );
        // the VM's own name in its own folder still plans
        const own = validOperation(
          { ...input, vmName: 'build-runner' },
          context.config,
          ['dev', 'prod'],
        );
        const change = await planVmChange(
          own,
          created,
          context,
          targetIn(own, folder),
        );
        expect(change.files.length).toBeGreaterThan(0);
        // and it touches only that VM's folder: every other file keeps its bytes
        for (const file of change.files) {
          expect(file.path.startsWith(`${folder.vmDir}/`)).toBe(true);
        }
        const after = stateAfter(change, created);
        const untouched = [...created.files].filter(
          ([path]) => !path.startsWith(`${folder.vmDir}/`),
        );
        expect(
          untouched.map(([path]) => [path, after.files.get(path)]),
        ).toEqual(untouched);
      },
    );

    it('resize from a custom size back to an instancetype removes cpu and memory', async () => {
      const custom = await planVmChange(
        validOperation(
          {
            operation: 'resize',
            vmName: 'build-runner',
            size: { vcpus: 2, memory: '6Gi' },
          },
          context.config,
          ['dev', 'prod'],
        ),
        created,
        context,
      );
      const customState = stateAfter(custom, created);
      const back = await planVmChange(
        validOperation(
          {
            operation: 'resize',
            vmName: 'build-runner',
            size: { instancetype: 'u1.small' },
          },
          context.config,
          ['dev', 'prod'],
        ),
        customState,
        context,
      );
      await expectPreviewsMatchKubectl(back, stateAfter(back, customState));
      for (const preview of back.previews) {
        expect(preview.summary?.sizeLabel).toBe('u1.small (1 vCPU, 2Gi)');
      }
    });

    it('decommission deletes every file of the VM, empties its catalog-info.yaml and renders nothing', async () => {
      const operation = validOperation(
        {
          operation: 'decommission',
          vmName: 'build-runner',
          reason: 'No longer needed',
        },
        context.config,
      );
      const change = await planVmChange(operation, created, context);
      const catalogInfo = change.paths.catalogInfoFile;
      expect(
        change.files
          .filter(file => 'deleted' in file)
          .map(file => file.path)
          .sort(),
      ).toEqual(created.paths.filter(path => path !== catalogInfo).sort());
      const tombstone = change.files.find(file => file.path === catalogInfo);
      expect(
        tombstone && 'content' in tombstone
          ? parseAllDocuments(tombstone.content).map(doc => doc.toJS())
          : 'missing',
      ).toEqual([null]);
      expect(change.previews).toEqual([]);
      const after = stateAfter(change, created);
      expect(after.paths).toEqual([catalogInfo]);
      // The name is free again: a new create replaces the emptied catalog-info.yaml.
      const again = await planVmChange(
        validOperation(createInput(), context.config),
        after,
        context,
      );
      expect(again.files.map(file => file.path)).toContain(catalogInfo);
      await expect(planVmChange(operation, after, context)).rejects.toThrow(
        /not in the GitOps repository/,
      );
    });
  },
);
