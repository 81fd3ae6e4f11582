import type { GitStore } from '../../contracts';
import type { AppRuntime, AppTarget } from './appRuntime';
import { targetManifests } from './appSync';
import type { GitopsRepository } from '../repoServer/gitopsRepository';
import {
  findGitopsRepository,
  resolveRevision,
} from '../repoServer/gitopsRepository';
import { kustomizeOptionsFrom } from '../repoServer/kustomize/options';
import type { RenderService } from '../repoServer/kustomize/renderService';

const PREFIX =
  'Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = ';

function failed(message: string, revision?: string): AppTarget {
  return { revision, outcome: { ok: false, message }, manifests: new Map() };
}

/** Where target states are read from: the served repositories and a render service per repository. */
export interface TargetContext {
  git: GitStore;
  repositories: readonly GitopsRepository[];
  rendersOf(repository: GitopsRepository): RenderService;
}

/**
 * Reads an application's target state from Git: finds the served
 * repository its `repoURL` names, resolves its `targetRevision` there and
 * renders its source path (kustomize or plain manifests) from that
 * repository. With `hard`, cached renders of that revision and path are dropped.
 */
export async function computeTarget(
  runtime: AppRuntime,
  context: TargetContext,
  hard: boolean,
): Promise<AppTarget> {
  const source = runtime.desired.spec.source;
  if (!source?.repoURL) {
    return failed(
      'spec.source.repoURL is required: the simulator supports single-source Applications',
    );
  }
  const repository = findGitopsRepository(context.repositories, source.repoURL);
  if (!repository) {
    return failed(
      `${PREFIX}failed to list refs: repository not found: ${source.repoURL}`,
    );
  }
  const requested = source.targetRevision ?? 'HEAD';
  const revision = resolveRevision(context.git, repository, requested);
  if (!revision) {
    return failed(`${PREFIX}unable to resolve '${requested}' to a commit SHA`);
  }
  const path = source.path ?? '';
  const renders = context.rendersOf(repository);
  if (hard) {
    renders.invalidate(revision, path);
  }
  const outcome = await renders.render({
    revision,
    path,
    options: kustomizeOptionsFrom(source.kustomize),
  });
  if (!outcome.ok) {
    return { revision, outcome, manifests: new Map() };
  }
  const namespace = runtime.desired.spec.destination.namespace ?? '';
  return {
    revision,
    outcome,
    manifests: targetManifests(outcome.source.manifests, namespace),
  };
}
