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
 * Every entity of one discovery: the VMs, and one environment entity per
 * environment some VM is deployed to.
 *
 * @public
 */
export function discoveredEntities(
  vms: readonly RepositoryVm[],
  context: VmEntityContext,
): Entity[] {
  const byEnvironment = new Map<string, RepositoryVm[]>();
  for (const vm of vms) {
    for (const environment of vm.environments) {
      byEnvironment.set(environment, [
        ...(byEnvironment.get(environment) ?? []),
        vm,
      ]);
    }
  }
  return [
    ...vms.map(vm => vmEntity(vm, context)),
    ...[...byEnvironment.keys()]
      .sort()
      .map(environment =>
        environmentEntity(
          environment,
          byEnvironment.get(environment) ?? [],
          context,
        ),
      ),
  ];
}
