/*
 * ApplicationSets: one per VM (per-vm layout, the seed's demo-vm pattern
 * with a clusters generator per environment), or the single matrix
 * ApplicationSet of the shared layout (bootstrap). Every generated
 * Application carries the vm, env and cluster labels.
 */
import type { JsonObject } from '@backstage/types';
import {
  CLUSTER_LABEL,
  ENV_LABEL,
  VM_LABEL,
  type EnvironmentConfig,
} from '@internal/plugin-kubevirt-gitops-common';
import {
  createYamlDocument,
  GENERATED_COMMENT,
  yamlText,
} from './yamlDocument';

/** ArgoCD settings shared by the generated Applications. */
export interface ArgocdTarget {
  /** The repository URL ArgoCD clones, e.g. `https://github.com/acme/vm-gitops.git`. */
  repoUrl: string;
  /** Branch ArgoCD follows. */
  targetRevision: string;
  /** ArgoCD project of the Applications. */
  project: string;
}

const SYNC_POLICY = {
  syncOptions: ['CreateNamespace=true'],
  automated: { selfHeal: true, prune: true },
};

/** Name of a VM's ApplicationSet in the per-vm layout. */
export function vmApplicationSetName(vm: string): string {
  return `vm-${vm}`;
}

function clusterGenerator(environment: EnvironmentConfig): JsonObject {
  return {
    clusters: {
      selector: {
        matchLabels: {
          'argocd.argoproj.io/secret-type': 'cluster',
          ...environment.clusterSelector,
        },
      },
      values: { env: environment.name },
    },
  };
}

/** The per-vm ApplicationSet: one clusters generator per environment. */
export function vmApplicationSetText(options: {
  vm: string;
  namespace: string;
  environments: readonly EnvironmentConfig[];
  kustomizeRoot: string;
  argocd: ArgocdTarget;
}): string {
  const { vm } = options;
  const value = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: vmApplicationSetName(vm), labels: { [VM_LABEL]: vm } },
    spec: {
      generators: options.environments.map(clusterGenerator),
      template: {
        metadata: {
          name: `{{nameNormalized}}-${vm}`,
          labels: {
            [VM_LABEL]: vm,
            [ENV_LABEL]: '{{values.env}}',
            [CLUSTER_LABEL]: '{{nameNormalized}}',
          },
        },
        spec: {
          project: options.argocd.project,
          source: {
            repoURL: options.argocd.repoUrl,
            targetRevision: options.argocd.targetRevision,
            path: `${options.kustomizeRoot}/{{values.env}}`,
            kustomize: {
              commonAnnotations: { 'managed-cluster': '{{nameNormalized}}' },
            },
          },
          destination: { server: '{{server}}', namespace: options.namespace },
          syncPolicy: SYNC_POLICY,
        },
      },
    },
  };
  return yamlText(createYamlDocument(value, GENERATED_COMMENT));
}

/**
 * The shared layout's bootstrap ApplicationSet: git directories
 * `vms/*\/*` (without `vms/*\/base`) x the clusters whose `env` label is the
 * folder name. The destination namespace comes from the overlay (the base
 * kustomization sets it), so Applications use `kubevirt-gitops-vms` only
 * as a fallback.
 */
export function sharedApplicationSetText(argocd: ArgocdTarget): string {
  const value = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'kubevirt-gitops-vms' },
    spec: {
      generators: [
        {
          matrix: {
            generators: [
              {
                git: {
                  repoURL: argocd.repoUrl,
                  revision: argocd.targetRevision,
                  directories: [
                    { path: 'vms/*/*' },
                    { path: 'vms/*/base', exclude: true },
                  ],
                },
              },
              {
                clusters: {
                  selector: {
                    matchLabels: {
                      'argocd.argoproj.io/secret-type': 'cluster',
                      env: '{{path.basename}}',
                    },
                  },
                },
              },
            ],
          },
        },
      ],
      template: {
        metadata: {
          name: '{{nameNormalized}}-{{path[1]}}',
          labels: {
            [VM_LABEL]: '{{path[1]}}',
            [ENV_LABEL]: '{{path.basename}}',
            [CLUSTER_LABEL]: '{{nameNormalized}}',
          },
        },
        spec: {
          project: argocd.project,
          source: {
            repoURL: argocd.repoUrl,
            targetRevision: argocd.targetRevision,
            path: '{{path}}',
            kustomize: {
              commonAnnotations: { 'managed-cluster': '{{nameNormalized}}' },
            },
          },
          destination: {
            server: '{{server}}',
            namespace: 'kubevirt-gitops-vms',
          },
          syncPolicy: SYNC_POLICY,
        },
      },
    },
  };
  return yamlText(createYamlDocument(value, GENERATED_COMMENT));
}
