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
    },
  };
}
