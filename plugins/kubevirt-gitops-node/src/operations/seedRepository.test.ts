/*
 * Adds a VM to a copy of the seed GitOps repository (its files used as they
 * are, read from ../shared/reference) and renders it with the real kubectl.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { kubectlKustomize, writeRepository } from '../__testUtils__/kubectl';
import { createInput, planContext, validOperation } from '../__testUtils__/fixtures';
import { virtualMachineSchemaErrors } from '../__testUtils__/kubevirtSchema';
import { readReferenceTree } from '../__testUtils__/referenceFiles';
import { renderKustomization } from '../preview/kustomize/render';
import { planVmChange } from './planVmChange';

describe('a repository shaped like the seed', () => {
  const seed = readReferenceTree('seed-gitops-repo');
  let root: string;

  beforeAll(async () => {
    root = await writeRepository(seed);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it.each(['dev', 'prod'])("renders the seed's demo-vm %s overlay exactly as kubectl does", async env => {
    const dir = `applicationsets/demo-vm/kustomize/${env}`;
    expect(renderKustomization(seed, dir)).toBe(await kubectlKustomize(root, dir));
  });

  it('adds a VM beside the seed demo and renders every environment as kubectl does', async () => {
    const context = planContext('per-vm-applicationset');
    const change = planVmChange(validOperation(createInput(), context.config), { paths: [], files: new Map() }, context);
    for (const file of change.files) {
      expect(seed.has(file.path)).toBe(false);
      if ('content' in file) {
        await mkdir(path.dirname(path.join(root, file.path)), { recursive: true });
        await writeFile(path.join(root, file.path), file.content);
      }
    }
    expect(change.previews.map(preview => preview.environment)).toEqual(['dev', 'prod']);
    for (const preview of change.previews) {
      expect(preview.manifests).toBe(await kubectlKustomize(root, preview.directory));
      const vm = preview.objects?.find(object => object.kind === 'VirtualMachine');
      expect(virtualMachineSchemaErrors(vm)).toEqual([]);
    }
    // The seed's own overlays still render after the VM was added.
    expect(await kubectlKustomize(root, 'applicationsets/demo-vm/kustomize/dev')).toContain('dev-demo-vm');
  });
});
