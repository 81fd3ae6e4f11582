/*
 * Repository layouts to plan operations against, each shaped like a real
 * GitOps repository (the source is named on each; the files are written
 * for these tests, with the structure and forms of the original) and placed
 * at this product's layout paths, or (`vmDir`) in a folder whose layout is
 * discovered.
 */
import type { GitopsLayout } from '@internal/plugin-kubevirt-gitops-common';
import { planVmChange } from '../operations/planVmChange';
import type { VmRepositoryState } from '../operations/types';
import { createInput, planContext, validOperation } from './fixtures';

export interface LayoutFixture {
  name: string;
  /** Where the shape comes from. */
  source: string;
  layout: GitopsLayout;
  /** The VM operated on (its folder name). */
  vm: string;
  /** Its `metadata.name` in its source. */
  sourceName: string;
  environments: string[];
  state: VmRepositoryState;
  /** The rendered name of the asked VM's neighbour, when the overlays render one. */
  neighbour?: string;
  /**
   * Set when the VM is not at this product's layout paths: its folder, to
   * plan with the layout discovered from its files (discoverVmLayout).
   */
  vmDir?: string;
  /** Files of the repository outside the VM's folder (its ApplicationSet), for discovery. */
  repositoryFiles?: Record<string, string>;
}

function stateOf(files: Record<string, string>): VmRepositoryState {
  return {
    paths: Object.keys(files).sort(),
    files: new Map(Object.entries(files)),
  };
}

/** A VM created by this product's own action (prod u1.large, dev Halted). */
export async function ownLayout(layout: GitopsLayout): Promise<LayoutFixture> {
  const context = planContext(layout);
  const create = await planVmChange(
    validOperation(createInput(), context.config),
    { paths: [], files: new Map() },
    context,
  );
  const files: Record<string, string> = {};
  for (const file of create.files)
    if ('content' in file) files[file.path] = file.content;
  return {
    name: `own ${layout}`,
    source: 'this product: the kubevirt:vm:pull-request action',
    layout,
    vm: 'build-runner',
    sourceName: 'build-runner',
    environments: ['dev', 'prod'],
    state: stateOf(files),
  };
}

const SEED_ROOT = 'applicationsets/vms/demo-vm/kustomize';

/**
 * Shaped like 0xFelix/gitops-demo, applicationsets/demo-vm/kustomize: a
 * hand-written base with `running: false`, compact sequences and a `|-`
 * cloud-init block; overlays with the deprecated `bases:`, `namePrefix` and
 * an inline JSON 6902 memory patch whose target names no VM.
 */
export function seedLayout(): LayoutFixture {
  const overlay = (
    env: string,
    memory: string,
  ) => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

bases:
  - ../base

namePrefix: ${env}-

patches:
  - patch: |
      - op: replace
        path: /spec/template/spec/domain/memory/guest
        value: ${memory}
    target:
      kind: VirtualMachine
`;
  return {
    name: 'seed (JSON 6902, bases:, running)',
    source:
      '0xFelix/gitops-demo applicationsets/demo-vm/kustomize/{base,dev,prod}',
    layout: 'per-vm-applicationset',
    vm: 'demo-vm',
    sourceName: 'demo-vm',
    environments: ['dev', 'prod'],
    state: stateOf({
      [`${SEED_ROOT}/base/kustomization.yaml`]:
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n\nresources:\n  - virtualmachine.yaml\n',
      [`${SEED_ROOT}/base/virtualmachine.yaml`]: `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: demo-vm
spec:
  running: false
  dataVolumeTemplates:
  - metadata:
      name: demo-vm-disk
    spec:
      sourceRef:
        kind: DataSource
        name: fedora
        namespace: openshift-virtualization-os-images
      storage:
        resources: {}
  template:
    spec:
      terminationGracePeriodSeconds: 180
      domain:
        devices:
          rng: {}
        memory:
          guest: 1024M
      volumes:
      - dataVolume:
          name: demo-vm-disk
        name: demo-vm-disk
      - cloudInitNoCloud:
          userData: |-
            #cloud-config
            user: fedora
            ssh_authorized_keys: []
        name: cloudinitdisk
`,
      [`${SEED_ROOT}/dev/kustomization.yaml`]: overlay('dev', '4096M'),
      [`${SEED_ROOT}/prod/kustomization.yaml`]: overlay('prod', '2048M'),
    }),
  };
}

const WEB_ROOT = 'vms/vm-web-01';

function webVm(name: string): string {
  return `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: ${name}
  labels:
    app: web-server
spec:
  runStrategy: Always
  template:
    metadata:
      labels:
        kubevirt.io/domain: ${name}
    spec:
      domain:
        cpu:
          cores: 1
          sockets: 1
          threads: 1
        devices:
          disks:
          - disk:
              bus: virtio
            name: rootdisk
        resources:
          requests:
            memory: 2Gi
      volumes:
      - containerDisk:
          image: quay.io/containerdisks/fedora:42
        name: rootdisk
`;
}

/**
 * Shaped like anibalcoral/OpenShift-Virtualization-GitOps-Apps (base/ +
 * overlays/{dev,hml,prd}): each overlay renders two VMs, sized by
 * `cpu.sockets` and `resources.requests.memory` through a `|-` JSON 6902
 * patch whose target names no VM, so it changes both.
 */
export function twoVmLayout(): LayoutFixture {
  const overlay = (
    env: string,
    sockets: number,
    memory: string,
  ) => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

resources:
  - ../base

namespace: workshop-vms-${env}

namePrefix: ${env}-

patches:
  - patch: |-
      - op: replace
        path: /spec/template/spec/domain/cpu/sockets
        value: ${sockets}
      - op: replace
        path: /spec/template/spec/domain/resources/requests/memory
        value: ${memory}
    target:
      kind: VirtualMachine
`;
  return {
    name: 'two VMs per overlay (shared JSON 6902)',
    source:
      'anibalcoral/OpenShift-Virtualization-GitOps-Apps base/ + overlays/{dev,hml,prd}',
    layout: 'shared-applicationset',
    vm: 'vm-web-01',
    sourceName: 'vm-web-01',
    environments: ['dev', 'prod'],
    neighbour: 'vm-web-02',
    state: stateOf({
      [`${WEB_ROOT}/base/kustomization.yaml`]:
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n\nresources:\n  - vm-web-01.yaml\n  - vm-web-02.yaml\n',
      [`${WEB_ROOT}/base/vm-web-01.yaml`]: webVm('vm-web-01'),
      [`${WEB_ROOT}/base/vm-web-02.yaml`]: webVm('vm-web-02'),
      [`${WEB_ROOT}/dev/kustomization.yaml`]: overlay('dev', 2, '2Gi'),
      [`${WEB_ROOT}/prod/kustomization.yaml`]: overlay('prod', 4, '8Gi'),
    }),
  };
}

const STRETCH_ROOT = 'applicationsets/vms/stretchtest/kustomize';

/**
 * Shaped like rmallam/kubevirt-gitops (3az-cluster-pattern/kustomize/
 * stretchtest: a base `resources.yaml` with `running: true` and
 * `resources.requests.memory`, an overlay with `patchesStrategicMerge:` and
 * a patch file) and allysonbrito/devopsdays (vm-infrastructure/environments:
 * `patches: - path:` with a strategic-merge file setting `cpu.cores`,
 * `memory.guest` and `resources.requests`). The folder name is not the VM's
 * `metadata.name`.
 */
export function strategicMergeFilesLayout(): LayoutFixture {
  return {
    name: 'strategic-merge patch files, folder != metadata.name',
    source:
      'rmallam/kubevirt-gitops 3az-cluster-pattern/kustomize/stretchtest; allysonbrito/devopsdays vm-infrastructure/environments',
    layout: 'per-vm-applicationset',
    vm: 'stretchtest',
    sourceName: 'stretchtest-vm',
    environments: ['dev', 'prod'],
    state: stateOf({
      [`${STRETCH_ROOT}/base/kustomization.yaml`]:
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n\nresources:\n- resources.yaml\n\ncommonLabels:\n  app: stretchtest\n',
      [`${STRETCH_ROOT}/base/resources.yaml`]: `# Base resources for the stretchtest application
apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: stretchtest-vm
spec:
  running: true
  template:
    spec:
      domain:
        devices: {}
        resources:
          requests:
            memory: 2Gi
      evictionStrategy: LiveMigrate
      terminationGracePeriodSeconds: 0
`,
      [`${STRETCH_ROOT}/dev/kustomization.yaml`]:
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n\nresources:\n- ../base\n\npatchesStrategicMerge:\n- patches.yaml\n\nnamespace: stretch-dev\n',
      [`${STRETCH_ROOT}/dev/patches.yaml`]: `# dev overrides
apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: stretchtest-vm
spec:
  template:
    spec:
      domain:
        # dev gets more memory
        resources:
          requests:
            memory: 4Gi
`,
      [`${STRETCH_ROOT}/prod/kustomization.yaml`]:
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n\nnamespace: stretch-prod\n\nresources:\n- ../base\n\npatches:\n- path: vm-config.yaml\n\nnamePrefix: prod-\n',
      [`${STRETCH_ROOT}/prod/vm-config.yaml`]: `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: stretchtest-vm
spec:
  template:
    spec:
      domain:
        cpu:
          cores: 4
        memory:
          guest: 8Gi
        resources:
          requests:
            memory: 8Gi
            cpu: 4
`,
    }),
  };
}

const AUTOFS_ROOT = 'vms/client';

/**
 * Shaped like dlbewley/demo-autofs (client/base + client/overlays/{l2,
 * localnet} + components/argocd-vm-management): the base VM says
 * `runStrategy: Halted` and a patch in the base kustomization, targeting
 * `group: kubevirt.io, version: v1, name: .*`, replaces it with `Always`;
 * the base includes a Component; each overlay patches the VM's network.
 */
export function regexTargetLayout(): LayoutFixture {
  const overlay = (network: string) => `---
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

resources:
  - ../base

patches:
  - target:
      group: kubevirt.io
      kind: VirtualMachine
      name: .*
      version: v1
    patch: |-
      - op: replace
        path: /spec/template/spec/networks/0
        value: {
          "name": "${network}",
          "pod": {}
        }
`;
  return {
    name: 'regex targets, a Component, the base kustomization decides',
    source:
      'dlbewley/demo-autofs client/base, client/overlays/{l2,localnet}, components/argocd-vm-management',
    layout: 'shared-applicationset',
    vm: 'client',
    sourceName: 'client',
    environments: ['dev', 'prod'],
    state: stateOf({
      [`${AUTOFS_ROOT}/base/kustomization.yaml`]: `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

namespace: demo-client

resources:
  - virtualmachine.yaml

components:
  - ../components/argocd-vm-management

patches:
  - target:
      group: kubevirt.io
      kind: VirtualMachine
      name: .*
      version: v1
    patch: |-
      - op: replace
        path: /spec/runStrategy
        value: Always
`,
      [`${AUTOFS_ROOT}/base/virtualmachine.yaml`]: `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: client
spec:
  runStrategy: Halted
  template:
    spec:
      domain:
        cpu:
          cores: 1
          sockets: 1
          threads: 1
        memory:
          guest: 2Gi
        devices:
          interfaces:
            - name: default
              masquerade: {}
      networks:
        - name: default
          pod: {}
      volumes:
        - name: rootdisk
          containerDisk:
            image: quay.io/containerdisks/fedora:42
`,
      [`${AUTOFS_ROOT}/components/argocd-vm-management/kustomization.yaml`]: `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component

commonAnnotations:
  argocd.argoproj.io/sync-options: SkipDryRunOnMissingResource=true
`,
      [`${AUTOFS_ROOT}/dev/kustomization.yaml`]: overlay('default'),
      [`${AUTOFS_ROOT}/prod/kustomization.yaml`]: overlay('nic-1924'),
    }),
  };
}

const DEVOPSDAYS_ROOT = 'applicationsets/vms/vm-app/kustomize';

/**
 * Shaped like allysonbrito/devopsdays (vm-infrastructure/base/vm nested in
 * base, environments/{staging,prod}): a VM file that also holds a
 * DataVolume, `running: true`, sized by `cpu.cores`, `memory.guest` and
 * `resources.requests` together; overlays with `patches: - path:` files
 * (no target) for the VM and the DataVolume, `labels`, `namespace`.
 */
export function nestedBaseLayout(): LayoutFixture {
  const overlay = (env: string) => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

namespace: vm-${env}

resources:
- ../base

patches:
- path: vm-config.yaml
- path: datavolume-config.yaml

namePrefix: ${env}-

labels:
- pairs:
    environment: ${env}
`;
  const vmConfig = (
    cores: number,
    memory: string,
  ) => `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: vm-app
spec:
  template:
    spec:
      domain:
        cpu:
          cores: ${cores}
        memory:
          guest: ${memory}
        resources:
          requests:
            memory: ${memory}
            cpu: ${cores}
`;
  const dataVolume = (size: string) => `apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: vm-app-rootdisk
spec:
  pvc:
    resources:
      requests:
        storage: ${size}
`;
  return {
    name: 'nested base, VM and DataVolume in one file, patch files without target',
    source:
      'allysonbrito/devopsdays vm-infrastructure/{base,base/vm,environments}',
    layout: 'per-vm-applicationset',
    vm: 'vm-app',
    sourceName: 'vm-app',
    environments: ['dev', 'prod'],
    state: stateOf({
      [`${DEVOPSDAYS_ROOT}/base/kustomization.yaml`]:
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n\nresources:\n- vm/\n\nlabels:\n- pairs:\n    managed-by: argocd\n',
      [`${DEVOPSDAYS_ROOT}/base/vm/kustomization.yaml`]:
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n\nresources:\n- vm-template.yaml\n\nlabels:\n- pairs:\n    component: virtualization\n',
      [`${DEVOPSDAYS_ROOT}/base/vm/vm-template.yaml`]: `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: vm-app
  labels:
    app: vm-application
spec:
  running: true
  template:
    spec:
      domain:
        cpu:
          cores: 2
        memory:
          guest: 4Gi
        devices:
          disks:
          - name: rootdisk
            disk:
              bus: virtio
        resources:
          requests:
            memory: 4Gi
            cpu: 2
      volumes:
      - name: rootdisk
        dataVolume:
          name: vm-app-rootdisk
---
apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: vm-app-rootdisk
spec:
  pvc:
    accessModes:
    - ReadWriteOnce
    resources:
      requests:
        storage: 20Gi
  source:
    registry:
      url: docker://quay.io/containerdisks/fedora:42
`,
      [`${DEVOPSDAYS_ROOT}/dev/kustomization.yaml`]: overlay('dev'),
      [`${DEVOPSDAYS_ROOT}/dev/vm-config.yaml`]: vmConfig(3, '6Gi'),
      [`${DEVOPSDAYS_ROOT}/dev/datavolume-config.yaml`]: dataVolume('10Gi'),
      [`${DEVOPSDAYS_ROOT}/prod/kustomization.yaml`]: overlay('prod'),
      [`${DEVOPSDAYS_ROOT}/prod/vm-config.yaml`]: vmConfig(4, '8Gi'),
      [`${DEVOPSDAYS_ROOT}/prod/datavolume-config.yaml`]: dataVolume('50Gi'),
    }),
  };
}

const WORKSHOP_DIR = 'vms/gitops-demo-f44-vm';

/**
 * Shaped like hybridpollo/virt-gitops-workshop (manifests/virtualmachines/
 * base, manifests/overlays/{home-lab,workshop} with patches/multus-network.yaml,
 * manifests/cloud-init/overlays/<env>): a VM exported from the console
 * (`---` document starts, `metadata.namespace` in the manifest,
 * `runStrategy: RerunOnFailure`, 4 sockets of 1 core, `memory.guest` next
 * to an empty `resources: {}`, `dataVolumeTemplates`, a multus network
 * named `placeholder-network`); each environment overlay patches the
 * network with a strategic-merge patch *file* in a `patches/` subfolder
 * that has a `target` (`kind: VirtualMachine`) and a placeholder
 * `metadata.name: not-used`, and includes a cloud-init kustomization whose
 * `secretGenerator` reads `files:` with `generatorOptions:
 * disableNameSuffixHash`. The original deploys each overlay with a plain
 * Application from a branch; here the overlays are at vms/<vm>/overlays/<env>
 * (home-lab, workshop renamed dev, prod), deployed by a git directory
 * generator (argoproj/argo-cd applicationset/examples/git-generator-directory)
 * and found by discovery, not at this product's layout paths.
 */
export function discoveredWorkshopLayout(): LayoutFixture {
  const name = 'gitops-demo-f44-vm';
  const overlay = (env: string) => `---
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

resources:
  - ../../base
  - ../../cloud-init/overlays/${env}

patches:
  - path: patches/multus-network.yaml
    target:
      kind: VirtualMachine
`;
  const network = (vlan: string) => `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: not-used
spec:
  template:
    spec:
      networks:
        - name: default
          multus:
            networkName: ${vlan}
`;
  const cloudInit = `---
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

generatorOptions:
  disableNameSuffixHash: true

secretGenerator:
  - name: ${name}-cloudinit
    namespace: berto-virt-gitops-demo
    files:
      - userdata=userdata
      - networkdata=networkdata
`;
  const networkData = (address: string) => `version: 2
ethernets:
  eth0:
    addresses:
      - ${address}/24
`;
  return {
    name: 'discovered vms/<vm>/overlays/<env>, strategic-merge patch file with target, secretGenerator',
    source:
      'hybridpollo/virt-gitops-workshop manifests/{virtualmachines/base,overlays/<env>/patches,cloud-init/overlays/<env>}; argoproj/argo-cd applicationset/examples/git-generator-directory',
    layout: 'shared-applicationset',
    vm: name,
    sourceName: name,
    environments: ['dev', 'prod'],
    vmDir: WORKSHOP_DIR,
    repositoryFiles: {
      'applicationsets/workshop-vms.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: workshop-vms
  namespace: openshift-gitops
spec:
  generators:
  - git:
      repoURL: https://github.com/acme/vm-gitops.git
      revision: HEAD
      directories:
      - path: vms/*/overlays/*
  template:
    metadata:
      name: '{{path[1]}}-{{path.basename}}'
    spec:
      project: default
      source:
        repoURL: https://github.com/acme/vm-gitops.git
        targetRevision: HEAD
        path: '{{path}}'
      destination:
        server: https://kubernetes.default.svc
        namespace: berto-virt-gitops-demo
      syncPolicy:
        automated:
          prune: true
          selfHeal: true
`,
    },
    state: stateOf({
      [`${WORKSHOP_DIR}/base/kustomization.yaml`]: `---
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

# Shared Fedora VM template. Overlays patch the network per environment.
resources:
  - virtualmachine.yaml
`,
      [`${WORKSHOP_DIR}/base/virtualmachine.yaml`]: `---
apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: ${name}
  namespace: berto-virt-gitops-demo
  labels:
    app: ${name}
    kubevirt.io/dynamic-credentials-support: "true"
    vm.kubevirt.io/template: fedora-server-small
spec:
  dataVolumeTemplates:
    - apiVersion: cdi.kubevirt.io/v1beta1
      kind: DataVolume
      metadata:
        name: ${name}-dv
      spec:
        sourceRef:
          kind: DataSource
          name: fedora
          namespace: openshift-virtualization-os-images
        storage:
          resources:
            requests:
              storage: 30Gi
  runStrategy: RerunOnFailure
  template:
    metadata:
      annotations:
        vm.kubevirt.io/flavor: small
        vm.kubevirt.io/os: fedora
        vm.kubevirt.io/workload: server
      labels:
        kubevirt.io/domain: ${name}
        kubevirt.io/size: small
    spec:
      architecture: amd64
      domain:
        cpu:
          cores: 1
          sockets: 4
          threads: 1
        devices:
          disks:
            - name: rootdisk
              disk:
                bus: virtio
            - name: cloudinitdisk
              disk:
                bus: virtio
          interfaces:
            - name: default
              model: virtio
              bridge: {}
          rng: {}
        machine:
          type: pc-q35-rhel9.4.0
        memory:
          guest: 8Gi
        resources: {}
      networks:
        - name: default
          multus:
            networkName: placeholder-network
      terminationGracePeriodSeconds: 180
      volumes:
        - name: rootdisk
          dataVolume:
            name: ${name}-dv
        - name: cloudinitdisk
          cloudInitNoCloud:
            secretRef:
              name: ${name}-cloudinit
            networkDataSecretRef:
              name: ${name}-cloudinit
`,
      [`${WORKSHOP_DIR}/cloud-init/overlays/dev/kustomization.yaml`]: cloudInit,
      [`${WORKSHOP_DIR}/cloud-init/overlays/dev/userdata`]:
        '#cloud-config\nuser: fedora\n',
      [`${WORKSHOP_DIR}/cloud-init/overlays/dev/networkdata`]:
        networkData('192.168.100.21'),
      [`${WORKSHOP_DIR}/cloud-init/overlays/prod/kustomization.yaml`]:
        cloudInit,
      [`${WORKSHOP_DIR}/cloud-init/overlays/prod/userdata`]:
        '#cloud-config\nuser: fedora\n',
      [`${WORKSHOP_DIR}/cloud-init/overlays/prod/networkdata`]:
        networkData('10.21.3.21'),
      [`${WORKSHOP_DIR}/overlays/dev/kustomization.yaml`]: overlay('dev'),
      [`${WORKSHOP_DIR}/overlays/dev/patches/multus-network.yaml`]:
        network('home-lab-bridge'),
      [`${WORKSHOP_DIR}/overlays/prod/kustomization.yaml`]: overlay('prod'),
      [`${WORKSHOP_DIR}/overlays/prod/patches/multus-network.yaml`]:
        network('vlan-2103-cudn'),
    }),
  };
}
