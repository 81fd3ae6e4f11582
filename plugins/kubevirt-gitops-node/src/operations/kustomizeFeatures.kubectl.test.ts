/*
 * A VM whose kustomizations use what a hand-written kustomize subset would
 * lack (a `components:` entry, a `configMapGenerator`): the pull request's
 * preview is what ArgoCD renders (the fleet simulator's renderer, which runs
 * kubectl with ArgoCD's options), and the change is still checked.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { renderKustomize } from '@internal/fleet-simulator';
import { planContext, validOperation } from '../__testUtils__/fixtures';
import { planVmChange } from './planVmChange';

jest.setTimeout(60_000);

const ROOT = 'applicationsets/vms/lab-vm/kustomize';
const files = new Map<string, string>([
  [
    `${ROOT}/base/kustomization.yaml`,
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- virtualmachine.yaml\nconfigMapGenerator:\n- name: lab-vm-motd\n  literals:\n  - motd=Welcome to the lab\ncomponents:\n- ../components/team-labels\n',
  ],
  [
    `${ROOT}/base/virtualmachine.yaml`,
    'apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: lab-vm\nspec:\n  runStrategy: Always\n  template:\n    spec:\n      domain:\n        cpu:\n          cores: 1\n        memory:\n          guest: 2Gi\n        devices: {}\n      volumes:\n      - containerDisk:\n          image: quay.io/containerdisks/fedora:42\n        name: rootdisk\n',
  ],
  [
    `${ROOT}/components/team-labels/kustomization.yaml`,
    'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nlabels:\n- pairs:\n    team: lab\n',
  ],
  [
    `${ROOT}/dev/kustomization.yaml`,
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../base\nnamePrefix: dev-\n',
  ],
  [
    `${ROOT}/prod/kustomization.yaml`,
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../base\nnamePrefix: prod-\n',
  ],
]);

describe('kustomize features the preview gets from the real kustomize', () => {
  it('components and a configMapGenerator: the preview equals what the simulated ArgoCD renders', async () => {
    const context = planContext('per-vm-applicationset');
    const state = { paths: [...files.keys()], files };
    const change = await planVmChange(
      validOperation(
        {
          operation: 'set-run-strategy',
          vmName: 'lab-vm',
          runStrategy: 'Halted',
          environments: ['dev'],
        },
        context.config,
        ['dev', 'prod'],
      ),
      state,
      context,
    );
    expect(change.files.map(file => file.path)).toEqual([
      `${ROOT}/dev/kustomization.yaml`,
    ]);
    const root = await mkdtemp(
      path.join(os.tmpdir(), 'kubevirt-gitops-argocd-'),
    );
    try {
      const after = new Map(files);
      for (const file of change.files)
        if ('content' in file) after.set(file.path, file.content);
      for (const [file, text] of after) {
        await mkdir(path.dirname(path.join(root, file)), { recursive: true });
        await writeFile(path.join(root, file), text);
      }
      for (const preview of change.previews) {
        const argocd = await renderKustomize(
          path.join(root, preview.directory),
        );
        const previewed = parseAllDocuments(preview.manifests ?? '').map(
          document => document.toJS(),
        );
        expect(previewed).toEqual(argocd);
        expect(
          previewed
            .map(object => `${object.kind}/${object.metadata.name}`)
            .sort(),
        ).toEqual(
          expect.arrayContaining([
            expect.stringMatching(
              new RegExp(
                `^ConfigMap/${preview.environment}-lab-vm-motd-[a-z0-9]+$`,
              ),
            ),
            `VirtualMachine/${preview.environment}-lab-vm`,
          ]),
        );
        const vm = previewed.find(object => object.kind === 'VirtualMachine');
        expect(vm.metadata.labels).toEqual({ team: 'lab' });
        expect(vm.spec.runStrategy).toBe(
          preview.environment === 'dev' ? 'Halted' : 'Always',
        );
      }
      expect(
        change.previews.find(preview => preview.environment === 'dev')?.summary,
      ).toMatchObject({ vmName: 'dev-lab-vm', runStrategy: 'Halted' });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
