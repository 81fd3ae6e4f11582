import type { GitStore } from '../contracts';
import type { AppRuntime, AppTarget } from './appRuntime';
import { targetManifests } from './appSync';
import type { GitopsRepository } from './gitopsRepository';
import { isGitopsRepository, resolveRevision } from './gitopsRepository';
import { kustomizeOptionsFrom } from './kustomize/options';
import type { RenderService } from './kustomize/renderService';

const PREFIX =
  'Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = ';

function failed(message: string, revision?: string): AppTarget {
  return { revision, outcome: { ok: false, message }, manifests: new Map() };
}

/**
 * Reads an application's target state from Git: resolves its
 * `targetRevision` and renders its source path (kustomize or plain
 * manifests). With `hard`, cached renders of that revision and path are dropped.
 */
export async function computeTarget(
  runtime: AppRuntime,
  context: {
    git: GitStore;
    repository: GitopsRepository;
    renders: RenderService;
  },
  hard: boolean,
): Promise<AppTarget> {
  const source = runtime.desired.spec.source;
  if (!source?.repoURL) {
    return failed(
      'spec.source.repoURL is required: the simulator supports single-source Applications',
    );
  }
  if (!isGitopsRepository(context.repository, source.repoURL)) {
    return failed(
      `${PREFIX}failed to list refs: repository not found: ${source.repoURL}`,
    );
  }
  const requested = source.targetRevision ?? 'HEAD';
  const revision = resolveRevision(context.git, context.repository, requested);
  if (!revision) {
    return failed(`${PREFIX}unable to resolve '${requested}' to a commit SHA`);
  }
  const path = source.path ?? '';
  if (hard) {
    context.renders.invalidate(revision, path);
  }
  const outcome = await context.renders.render({
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
