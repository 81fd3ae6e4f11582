import { vmPaths } from '@internal/plugin-kubevirt-gitops-common';
import { stringify } from 'yaml';

/** The layout the simulator's generated VMs use (the seed's demo-vm's): its paths come from the product's one layout model. */
const pathsOf = (vm: string) => vmPaths('per-vm-applicationset', vm);

/** Options for one generated VM folder. */
export interface VmFolderOptions {
  vm: string;
  envs: readonly string[];
  repoUrl: string;
  /** Namespace the ApplicationSet lives in (ArgoCD's). */
  argocdNamespace: string;
  memoryByEnv?: Record<string, string>;
  owner?: string;
}

const SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFleetSimulatorGeneratedKeyForTestsOnly0000000 fleet-simulator';

function applicationSet(options: VmFolderOptions) {
  const { vm } = options;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: vm, namespace: options.argocdNamespace },
    spec: {
      generators: [
        {
          clusters: {
            selector: {
              matchExpressions: [
                { key: 'env', operator: 'In', values: [...options.envs] },
              ],
            },
          },
        },
      ],
      template: {
        metadata: {
          name: `{{nameNormalized}}-${vm}`,
          labels: {
            'kubevirt-gitops.io/vm': vm,
            'kubevirt-gitops.io/env': '{{metadata.labels.env}}',
            'kubevirt-gitops.io/cluster': '{{name}}',
          },
        },
        spec: {
          project: 'default',
          source: {
            repoURL: options.repoUrl,
            targetRevision: 'HEAD',
            path: `${pathsOf(vm).kustomizeRoot}/{{metadata.labels.env}}`,
            kustomize: {
              commonAnnotations: { 'managed-cluster': '{{nameNormalized}}' },
            },
          },
          destination: { server: '{{server}}', namespace: 'vms' },
          syncPolicy: {
            automated: { prune: true, selfHeal: true },
            syncOptions: ['CreateNamespace=true'],
          },
        },
      },
    },
  };
}

function virtualMachine(vm: string) {
  const rootDisk = `${vm}-rootdisk`;
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: vm, labels: { 'app.kubernetes.io/name': vm } },
    spec: {
      runStrategy: 'Always',
      dataVolumeTemplates: [
        {
          metadata: { name: rootDisk },
          spec: {
            sourceRef: {
              kind: 'DataSource',
              name: 'fedora',
              namespace: 'openshift-virtualization-os-images',
            },
            storage: { resources: { requests: { storage: '30Gi' } } },
          },
        },
      ],
      template: {
        metadata: { labels: { 'kubevirt.io/domain': vm } },
        spec: {
          domain: {
            cpu: { cores: 1 },
            memory: { guest: '2Gi' },
            devices: {
              disks: [
                { name: 'rootdisk', disk: { bus: 'virtio' } },
                { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
              ],
              interfaces: [{ name: 'default', masquerade: {} }],
            },
          },
          networks: [{ name: 'default', pod: {} }],
          volumes: [
            { name: 'rootdisk', dataVolume: { name: rootDisk } },
            {
              name: 'cloudinitdisk',
              cloudInitNoCloud: {
                userData: `#cloud-config\nssh_authorized_keys:\n  - ${SSH_KEY}\n`,
              },
            },
          ],
        },
      },
    },
  };
}

function overlay(env: string, memory: string) {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['../base'],
    namePrefix: `${env}-`,
    patches: [
      {
        patch: stringify([
          {
            op: 'replace',
            path: '/spec/template/spec/domain/memory/guest',
            value: memory,
          },
        ]),
        target: { kind: 'VirtualMachine' },
      },
    ],
  };
}

function catalogInfo(options: VmFolderOptions) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: options.vm,
      annotations: {
        'kubevirt-gitops.io/vm-name': options.vm,
        'kubevirt-gitops.io/argocd-app-selector': `kubevirt-gitops.io/vm=${options.vm}`,
        'kubevirt-gitops.io/gitops-path': pathsOf(options.vm).vmDir,
      },
    },
    spec: {
      type: 'virtual-machine',
      owner: options.owner ?? 'group:default/platform-team',
      lifecycle: 'experimental',
    },
  };
}

/** The files of one VM in the `per-vm-applicationset` layout (path → content). */
export function vmFolderFiles(
  options: VmFolderOptions,
): Record<string, string> {
  const paths = pathsOf(options.vm);
  const applicationSetFile = paths.applicationSetFile;
  if (!applicationSetFile) {
    throw new Error(
      'the per-vm-applicationset layout names no ApplicationSet file',
    );
  }
  const files: Record<string, string> = {
    [applicationSetFile]: stringify(applicationSet(options)),
    [paths.baseKustomizationFile]: stringify({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['virtualmachine.yaml'],
    }),
    [paths.virtualMachineFile]: stringify(virtualMachine(options.vm)),
    [paths.catalogInfoFile]: stringify(catalogInfo(options)),
  };
  for (const env of options.envs) {
    const memory = options.memoryByEnv?.[env] ?? '2Gi';
    files[paths.environmentKustomizationFile(env)] = stringify(
      overlay(env, memory),
    );
  }
  return files;
}
