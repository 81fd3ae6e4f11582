import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGitFixture } from '../../__testUtils__/gitFixture';
import { canDecorateInProcess, decorate } from './decorate';
import { KustomizeError, renderKustomize } from './renderKustomize';
import { createRenderService } from './renderService';

const vmBase = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: web-01
  labels:
    app: web-01
spec:
  runStrategy: Always
  dataVolumeTemplates:
    - metadata:
        name: web-01-root
      spec:
        storage:
          resources:
            requests:
              storage: 10Gi
        sourceRef:
          kind: DataSource
          name: fedora
          namespace: openshift-virtualization-os-images
  template:
    spec:
      domain:
        devices: {}
        memory:
          guest: 2Gi
      volumes:
        - name: root
          dataVolume:
            name: web-01-root
`;

const files: Record<string, string> = {
  'vms/web-01/base/kustomization.yaml': 'resources:\n  - virtualmachine.yaml\n',
  'vms/web-01/base/virtualmachine.yaml': vmBase,
  'vms/web-01/dev/kustomization.yaml': `resources:
  - ../base
namePrefix: dev-
patches:
  - target:
      kind: VirtualMachine
    patch: |
      - op: replace
        path: /spec/template/spec/domain/memory/guest
        value: 4Gi
`,
  'vms/broken/kustomization.yaml': 'resources:\n  - missing.yaml\n',
  'operators/cdi/namespace.yaml':
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: cdi\n',
};

function writeTree(root: string): void {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
}

describe('renderKustomize (real kubectl)', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-test-'));
    writeTree(root);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('renders an overlay with its prefix and patch', async () => {
    const [vm] = await renderKustomize(path.join(root, 'vms/web-01/dev'));
    expect(vm.metadata).toEqual({
      name: 'dev-web-01',
      labels: { app: 'web-01' },
    });
    expect(vm).toHaveProperty('spec.template.spec.domain.memory.guest', '4Gi');
  });

  it('applies ArgoCD kustomize options on a copy, replacing the namePrefix', async () => {
    const dir = path.join(root, 'vms/web-01/dev');
    const [vm] = await renderKustomize(dir, {
      namePrefix: 'east-',
      commonAnnotations: { 'managed-cluster': 'dev-1' },
      commonLabels: { 'kubevirt-gitops.io/env': 'dev' },
    });
    expect(vm.metadata).toEqual({
      name: 'east-web-01',
      annotations: { 'managed-cluster': 'dev-1' },
      labels: { app: 'web-01', 'kubevirt-gitops.io/env': 'dev' },
    });
    expect(fs.readdirSync(path.dirname(dir)).sort()).toEqual(['base', 'dev']);
  });

  it('adds commonLabels/commonAnnotations in process exactly as kustomize does for KubeVirt kinds', async () => {
    const dir = path.join(root, 'vms/web-01/dev');
    const decoration = {
      commonAnnotations: { 'managed-cluster': 'dev-1' },
      commonLabels: { team: 'vm-team' },
    };
    const plain = await renderKustomize(dir);
    expect(canDecorateInProcess(plain)).toBe(true);
    expect(decorate(plain, decoration)).toEqual(
      await renderKustomize(dir, decoration),
    );
    expect(
      canDecorateInProcess([{ apiVersion: 'apps/v1', kind: 'Deployment' }]),
    ).toBe(false);
  });

  it('reports kustomize errors with its message', async () => {
    await expect(
      renderKustomize(path.join(root, 'vms/broken')),
    ).rejects.toThrow(KustomizeError);
    await expect(
      renderKustomize(path.join(root, 'vms/broken')),
    ).rejects.toThrow(/missing\.yaml/);
  });
});

describe('render service', () => {
  it('checks out each revision once and renders each overlay once across clusters', async () => {
    const fixture = createGitFixture(files);
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'render-service-'));
    const service = createRenderService({
      git: fixture.git,
      owner: fixture.owner,
      repo: fixture.repo,
      workDir,
      kubectl: 'kubectl',
    });
    try {
      const revision = fixture.head();
      const outcomes = await Promise.all(
        ['dev-1', 'dev-2', 'dev-3'].map(cluster =>
          service.render({
            revision,
            path: 'vms/web-01/dev',
            options: { commonAnnotations: { 'managed-cluster': cluster } },
          }),
        ),
      );
      expect(
        outcomes.map(o => (o.ok ? o.source.manifests[0].metadata : o.message)),
      ).toEqual([
        {
          name: 'dev-web-01',
          labels: { app: 'web-01' },
          annotations: { 'managed-cluster': 'dev-1' },
        },
        {
          name: 'dev-web-01',
          labels: { app: 'web-01' },
          annotations: { 'managed-cluster': 'dev-2' },
        },
        {
          name: 'dev-web-01',
          labels: { app: 'web-01' },
          annotations: { 'managed-cluster': 'dev-3' },
        },
      ]);
      expect(service.stats()).toMatchObject({ kubectlRuns: 1, checkouts: 1 });

      const directory = await service.render({
        revision,
        path: 'operators/cdi',
        options: {},
      });
      expect(directory.ok && directory.source.sourceType).toBe('Directory');

      const broken = await service.render({
        revision,
        path: 'vms/broken',
        options: {},
      });
      expect(broken.ok).toBe(false);
      expect(!broken.ok && broken.message).toMatch(
        /^Failed to load target state: .*`kustomize build vms\/broken` failed exit status 1: .*missing\.yaml/,
      );
      expect(!broken.ok && broken.message).not.toContain(workDir);

      const absent = await service.render({
        revision,
        path: 'vms/nope/dev',
        options: {},
      });
      expect(!absent.ok && absent.message).toMatch(
        /vms\/nope\/dev: app path does not exist$/,
      );
    } finally {
      await service.dispose();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  });

  it('keeps a bounded number of checkouts, dropping the oldest revisions', async () => {
    const fixture = createGitFixture(files);
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'render-service-'));
    const service = createRenderService({
      git: fixture.git,
      owner: fixture.owner,
      repo: fixture.repo,
      workDir,
      kubectl: 'kubectl',
      maxRevisions: 1,
    });
    try {
      const first = fixture.head();
      await service.render({
        revision: first,
        path: 'operators/cdi',
        options: {},
      });
      const second = fixture.commit({
        'operators/cdi/extra.yaml':
          'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n',
      });
      const outcome = await service.render({
        revision: second,
        path: 'operators/cdi',
        options: {},
      });
      expect(
        outcome.ok &&
          outcome.source.manifests.map(
            m => (m.metadata as { name: string }).name,
          ),
      ).toEqual(['extra', 'cdi']);
      expect(service.stats()).toMatchObject({ checkouts: 1, cached: 1 });
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(fs.readdirSync(path.join(workDir, 'checkouts'))).toEqual([second]);
    } finally {
      await service.dispose();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  });
});
