/*
 * The VM request event (common's VmRequestEvent) of a pull request the
 * writer opened: built in one place for the scaffolder action and the
 * lifecycle actions, which publish it through Backstage's events service.
 */
import {
  parseGitopsRepoUrl,
  type VmOperationRequest,
  type VmRequestEvent,
  type VmRunStrategy,
} from '@internal/plugin-kubevirt-gitops-common';
import type { VmPullRequestOutcome } from './vmPullRequestWriter';

function stateOfRunStrategy(
  runStrategy: VmRunStrategy,
): VmRequestEvent['declaredState'] {
  if (runStrategy === 'Always' || runStrategy === 'RerunOnFailure') {
    return 'Running';
  }
  if (runStrategy === 'Halted') return 'Stopped';
  return undefined;
}

/**
 * The state a VM should reach once the operation lands, when it says one.
 *
 * @public
 */
export function declaredStateOf(
  operation: VmOperationRequest,
): VmRequestEvent['declaredState'] {
  switch (operation.operation) {
    case 'create': {
      // one state for every environment, or none (each VM's own run
      // strategy then says what it should reach)
      const states = new Set(
        operation.request.environments.map(environment =>
          stateOfRunStrategy(
            operation.request.overrides?.[environment]?.runStrategy ??
              operation.request.runStrategy,
          ),
        ),
      );
      return states.size === 1 ? [...states][0] : undefined;
    }
    case 'set-run-strategy':
      return stateOfRunStrategy(operation.runStrategy);
    case 'decommission':
      return 'Deleted';
    default:
      return undefined;
  }
}

/**
 * The event of an opened (or reused) pull request; undefined on a dry run.
 *
 * @public
 */
export function vmRequestEventOf(options: {
  outcome: VmPullRequestOutcome;
  operation: VmOperationRequest;
  /** The repository's web URL as configured. */
  repoUrl: string;
  requester?: string;
  now?: () => Date;
}): VmRequestEvent | undefined {
  const { outcome, operation } = options;
  const pull = outcome.pullRequest;
  const repository = parseGitopsRepoUrl(options.repoUrl);
  if (!pull || !repository) return undefined;
  const declaredState = declaredStateOf(operation);
  return {
    kind: 'opened',
    ...(options.requester ? { requester: options.requester } : {}),
    repository: `${repository.owner}/${repository.repo}`,
    repoUrl: options.repoUrl,
    pullRequest: {
      number: pull.number,
      url: pull.url,
      title: outcome.changeSet.title,
      branch: pull.branch,
      reused: pull.reused,
    },
    vmName: outcome.changeSet.vm,
    entityRef: pull.entityRef,
    operation: outcome.changeSet.operation,
    environments: [...outcome.changeSet.changedEnvironments],
    ...(declaredState ? { declaredState } : {}),
    openedAt: (options.now ?? (() => new Date()))().toISOString(),
  };
}
