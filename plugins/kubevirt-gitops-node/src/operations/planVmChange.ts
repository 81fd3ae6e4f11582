/*
 * Plans one operation against the VM's files on the base branch: the file
 * change set of its pull request and the rendered preview of every
 * environment.
 */
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  vmEnvironmentsIn,
  vmTarget,
  type VmOperationRequest,
  type VmPaths,
  type VmTarget,
} from '@internal/plugin-kubevirt-gitops-common';
import type { KustomizeBuild } from '../kustomize/kustomizeRunner';
import {
  checkChange,
  type OracleScope,
  type OracleVerdict,
  type VmSource,
} from '../oracle/checkChange';
import { catalogTombstoneText, vmEntityRef } from '../manifests/catalogInfo';
import { renderEnvironmentPreviews } from '../preview/renderPreviews';
import { operationDescription, operationTitle } from './describeOperation';
import { planCreateFiles } from './planCreate';
import { planPartialDecommission } from './planDecommission';
import {
  assertFolderHoldsVm,
  planLifecycle,
  vmDocumentsUnder,
} from './planLifecycle';
import type {
  FileChange,
  PlanContext,
  VmChangeSet,
  VmRepositoryState,
} from './types';

function applyChanges(
  state: VmRepositoryState,
  files: readonly FileChange[],
): Map<string, string> {
  const result = new Map(state.files);
  for (const change of files) {
    if ('deleted' in change) result.delete(change.path);
    else result.set(change.path, change.content);
  }
  return result;
}

function environmentDirs(
  paths: VmPaths,
  environments: readonly string[],
): Map<string, string> {
  return new Map(
    environments.map(environment => [
      environment,
      paths.environmentDir(environment),
    ]),
  );
}

function refuse(vm: string, verdict: OracleVerdict): never {
  throw new InputError(
    `The change to VM "${vm}" was not opened as a pull request: rendered with ${
      verdict.command
    }, it would ${
      verdict.problems.length === 1
        ? 'do this'
        : `do these ${verdict.problems.length} things`
    } it must not: ${verdict.problems.join('; ')}`,
  );
}

/**
 * Plans a validated operation and checks it with the oracle. Throws
 * ConflictError for a `create` of a VM that exists, NotFoundError for a
 * change to a VM that does not, InputError when there is nothing to change
 * or the oracle refuses the change (naming environment, object and field).
 */
export async function planVmChange(
  operation: VmOperationRequest,
  state: VmRepositoryState,
  context: PlanContext,
  target: VmTarget = vmTarget(context.config.layout, operation),
): Promise<VmChangeSet> {
  const { vm, paths, branch } = target;
  const vmEnvironments = vmEnvironmentsIn(paths, state.paths);
  const unavailable = await context.kustomize.unavailable();
  // A decommissioned VM leaves only its emptied catalog-info.yaml behind.
  const vmFiles = state.paths.filter(path => path !== paths.catalogInfoFile);

  let files: FileChange[];
  let environments: string[];
  let changedEnvironments: string[];
  let source: VmSource = {
    file: paths.virtualMachineFile,
    documentIndex: 0,
    sourceName: vm,
  };
  let scope: OracleScope;
  let beforeBuilds: Map<string, KustomizeBuild> | undefined;
  if (operation.operation === 'create') {
    if (vmFiles.length > 0) {
      throw new ConflictError(
        `VM "${vm}" already exists in the GitOps repository (${paths.vmDir} holds ${vmFiles.length} files on the base branch). Choose another name, or change the existing VM with the power, resize or decommission templates.`,
      );
    }
    files = planCreateFiles(operation, context, paths).files;
    environments = operation.request.environments;
    changedEnvironments = environments;
    scope = { kind: 'create' };
  } else {
    if (vmFiles.length === 0) {
      throw new NotFoundError(
        `VM "${vm}" is not in the GitOps repository: ${paths.vmDir} does not exist on the base branch (was it decommissioned, or is its creation pull request still open? A VM kept in another folder, like the seed's applicationsets/demo-vm, needs that folder in its entity's kubevirt-gitops.io/gitops-path annotation)`,
      );
    }
    if (operation.operation === 'decommission') {
      assertFolderHoldsVm(
        paths,
        vm,
        vmDocumentsUnder(state.files, paths.vmDir),
      );
    }
    if (
      operation.operation === 'decommission' &&
      operation.environments &&
      !vmEnvironments.every(env => operation.environments?.includes(env))
    ) {
      files = planPartialDecommission(
        { ...operation, environments: operation.environments },
        paths,
        state,
        vmEnvironments,
      );
      environments = vmEnvironments.filter(
        env => !operation.environments?.includes(env),
      );
      changedEnvironments = [...operation.environments];
      scope = { kind: 'decommission', environments: operation.environments };
    } else if (operation.operation === 'decommission') {
      // a discovered VM's entity may live elsewhere: empty a catalog-info.yaml only where there is one
      const tombstone =
        !paths.discovered || state.paths.includes(paths.catalogInfoFile);
      files = [
        ...[...vmFiles].sort().map(path => ({ path, deleted: true as const })),
        ...(tombstone
          ? [
              {
                path: paths.catalogInfoFile,
                content: catalogTombstoneText(vm, operation.reason),
              },
            ]
          : []),
      ];
      environments = [];
      changedEnvironments = vmEnvironments;
      scope = { kind: 'decommission' };
    } else {
      if (unavailable) {
        throw new InputError(
          `Cannot check this change before opening its pull request: ${unavailable}. Changes to existing VMs are verified by rendering every overlay with kustomize; install kubectl (or kustomize) where the backend runs, or set kubevirtGitops.preview.kustomizeCommand.`,
        );
      }
      const plan = await planLifecycle(
        operation,
        paths,
        state,
        vmEnvironments,
        context.kustomize,
      );
      files = plan.files;
      environments = vmEnvironments;
      changedEnvironments = plan.changedEnvironments;
      source = plan.source;
      beforeBuilds = plan.beforeBuilds;
      scope = { kind: 'fields', group: plan.group, goal: plan.goal };
      if (files.length === 0) {
        throw new InputError(
          `Nothing to change: VM "${vm}" already renders what was asked in ${changedEnvironments.join(
            ', ',
          )}; no pull request was opened.`,
        );
      }
    }
  }

  const after = applyChanges(state, files);
  let verification: VmChangeSet['verification'] = { notRun: unavailable ?? '' };
  let originBuilds: Map<string, KustomizeBuild> | undefined;
  if (!unavailable) {
    const checked = await checkChange({
      runner: context.kustomize,
      before: state.files,
      after,
      environmentDirs: environmentDirs(paths, [
        ...new Set([...vmEnvironments, ...environments]),
      ]),
      askedEnvironments: changedEnvironments,
      source,
      scope,
      beforeBuilds,
    });
    if (checked.verdict.problems.length > 0) refuse(vm, checked.verdict);
    if (
      operation.operation !== 'decommission' &&
      checked.verdict.changes.length === 0
    ) {
      throw new InputError(
        `Nothing to change: VM "${vm}" renders the same in every environment after this change; no pull request was opened.`,
      );
    }
    verification = { verdict: checked.verdict };
    originBuilds = checked.afterBuilds;
  }
  return {
    operation: operation.operation,
    vm,
    paths,
    branch,
    title: operationTitle(operation, changedEnvironments),
    description: operationDescription(operation),
    files,
    environments,
    changedEnvironments,
    previews: await renderEnvironmentPreviews({
      runner: context.kustomize,
      files: after,
      paths,
      environments,
      config: context.config,
      source,
      originBuilds,
      unavailable,
    }),
    entityRef: vmEntityRef(vm),
    verification,
  };
}
