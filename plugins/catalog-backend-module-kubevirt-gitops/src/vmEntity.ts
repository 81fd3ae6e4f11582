/*
 * The catalog entity of a discovered VM: the annotations the VM tab, the
 * backend and the lifecycle templates read (vm-name, applicationset,
 * gitops-path), where it comes from, and its owner.
 */
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_VIEW_URL,
  type Entity,
} from '@backstage/catalog-model';
import {
  APPLICATIONSET_ANNOTATION,
  GITOPS_PATH_ANNOTATION,
  GITOPS_REPO_ANNOTATION,
  VM_NAME_ANNOTATION,
  gitopsRepoWebUrl,
  type GitopsRepository,
} from '@internal/plugin-kubevirt-gitops-common';
import type { RepositoryVm } from '@internal/plugin-kubevirt-gitops-node';
import { codeownersEntityOwner, type CodeownersRule } from './codeowners';

/**
 * What every discovered entity shares.
 *
 * @public
 */
export interface VmEntityContext {
  repository: GitopsRepository;
  baseBranch: string;
  /**
   * Set for an adopted repository (not `kubevirtGitops.gitops.repoUrl`):
   * written to the `kubevirt-gitops.io/gitops-repo` annotation, so the tab
   * and the lifecycle templates use that repository.
   */
  adoptedRepoUrl?: string;
  /** The CODEOWNERS rules GitHub applies (empty without a CODEOWNERS file). */
  codeowners: readonly CodeownersRule[];
  defaultOwner: string;
  system?: string;
  /** Titles of the configured environments (`kubevirtGitops.gitops.environments`), by name. */
  environmentTitles?: ReadonlyMap<string, string>;
}

/**
 * The `spec.type` of an environment entity.
 *
 * @public
 */
export const ENVIRONMENT_ENTITY_TYPE = 'kubevirt-environment';

/**
 * The catalog name of an environment's entity: `vm-environment-<name>`
 * (prefixed: a bare `dev` would clash with other Resources).
 *
 * @public
 */
export function environmentEntityName(environment: string): string {
  return `vm-environment-${environment}`;
}

/**
 * The ref a VM's `spec.dependsOn` names for an environment.
 *
 * @public
 */
export function environmentEntityRef(environment: string): string {
  return `resource:default/${environmentEntityName(environment)}`;
}

/**
 * The `url:` location of a VM folder: `<repository>/tree/<branch>/<folder>`.
 *
 * @public
 */
export function vmFolderUrl(
  repository: GitopsRepository,
  baseBranch: string,
  folder: string,
): string {
  return `${gitopsRepoWebUrl(repository)}/tree/${baseBranch}/${folder}`;
}

/**
 * The Resource entity of a discovered VM.
 *
 * @public
 */
export function vmEntity(vm: RepositoryVm, context: VmEntityContext): Entity {
  const url = vmFolderUrl(context.repository, context.baseBranch, vm.folder);
  const owner =
    codeownersEntityOwner(context.codeowners, vm.manifestFile) ??
    context.defaultOwner;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: vm.name,
      namespace: 'default',
      title: vm.name,
      description: `Virtual machine ${vm.name} in ${vm.folder} of ${context.repository.owner}/${context.repository.repo}, deployed by the ApplicationSet ${vm.applicationSet} (found by kubevirt-gitops discovery).`,
      annotations: {
        [VM_NAME_ANNOTATION]: vm.name,
        [APPLICATIONSET_ANNOTATION]: vm.applicationSet,
        [GITOPS_PATH_ANNOTATION]: vm.folder,
        ...(context.adoptedRepoUrl
          ? { [GITOPS_REPO_ANNOTATION]: context.adoptedRepoUrl }
          : {}),
        [ANNOTATION_LOCATION]: `url:${url}`,
        [ANNOTATION_ORIGIN_LOCATION]: `url:${url}`,
        [ANNOTATION_VIEW_URL]: url,
      },
      tags: ['virtual-machine', 'kubevirt'],
    },
    spec: {
      type: 'virtual-machine',
      owner,
      ...(context.system ? { system: context.system } : {}),
      ...(vm.environments.length > 0
        ? { dependsOn: vm.environments.map(environmentEntityRef) }
        : {}),
    },
  };
}

/**
 * The Resource entity of an environment the discovered VMs are deployed to
 * (each VM depends on the environments it has an overlay for, so the
 * catalog graph shows a VM's environments and an environment's VMs).
 *
 * @public
 */
export function environmentEntity(
  environment: string,
  vms: readonly RepositoryVm[],
  context: VmEntityContext,
): Entity {
  const url = `${gitopsRepoWebUrl(context.repository)}/tree/${
    context.baseBranch
  }`;
  const title = context.environmentTitles?.get(environment) ?? environment;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: environmentEntityName(environment),
      namespace: 'default',
      title: `${title} (VM environment)`,
      description: `The ${environment} environment of ${context.repository.owner}/${context.repository.repo}: ${vms.length} discovered VM(s) have an overlay for it (found by kubevirt-gitops discovery).`,
      annotations: {
        [ANNOTATION_LOCATION]: `url:${url}`,
        [ANNOTATION_ORIGIN_LOCATION]: `url:${url}`,
      },
      tags: ['kubevirt', 'environment'],
    },
    spec: {
      type: ENVIRONMENT_ENTITY_TYPE,
      owner: context.defaultOwner,
      ...(context.system ? { system: context.system } : {}),
    },
  };
}

/**
 * What discovery found in one repository.
 *
 * @public
 */
export interface RepositoryDiscovery {
  vms: readonly RepositoryVm[];
  context: VmEntityContext;
}

/**
 * Every entity of one discovery over one or more repositories: the VMs
 * (a name found in two repositories is kept from the first, with a warning
 * naming both), and one environment entity per environment some VM is
 * deployed to (located in the first repository).
 *
 * @public
 */
export function mergedEntities(repositories: readonly RepositoryDiscovery[]): {
  entities: Entity[];
  warnings: string[];
} {
  const warnings: string[] = [];
  const kept = new Map<string, { vm: RepositoryVm; where: string }>();
  const entities: Entity[] = [];
  const byEnvironment = new Map<string, RepositoryVm[]>();
  for (const { vms, context } of repositories) {
    const repo = `${context.repository.owner}/${context.repository.repo}`;
    for (const vm of vms) {
      const where = `${vm.folder} of ${repo}`;
      const first = kept.get(vm.name);
      if (first) {
        warnings.push(
          `VM ${vm.name} in ${where} has the same name as the VM in ${first.where}; the catalog shows the one in ${first.where} (repositories are read in the order of kubevirtGitops.gitops: repoUrl, then adoptedRepositories). Rename one of them to see both.`,
        );
        continue;
      }
      kept.set(vm.name, { vm, where });
      entities.push(vmEntity(vm, context));
      for (const environment of vm.environments) {
        byEnvironment.set(environment, [
          ...(byEnvironment.get(environment) ?? []),
          vm,
        ]);
      }
    }
  }
  const first = repositories[0]?.context;
  if (first) {
    for (const environment of [...byEnvironment.keys()].sort()) {
      entities.push(
        environmentEntity(
          environment,
          byEnvironment.get(environment) ?? [],
          first,
        ),
      );
    }
  }
  return { entities, warnings };
}

/**
 * Every entity of one repository's discovery: the VMs, and one environment
 * entity per environment some VM is deployed to.
 *
 * @public
 */
export function discoveredEntities(
  vms: readonly RepositoryVm[],
  context: VmEntityContext,
): Entity[] {
  return mergedEntities([{ vms, context }]).entities;
}
