import fs from 'node:fs/promises';
import path from 'node:path';
import type { GitStore } from '../../../contracts';
import type { JsonObject } from '../../health';
import { deepFreeze } from '../../../store';
import { canDecorateInProcess, decorate } from './decorate';
import { readDirectorySource } from './directorySource';
import { createLimiter } from './limiter';
import type { KustomizeOptions } from './options';
import { decorationPart, hasOptions, structuralPart } from './options';
import {
  KustomizeError,
  findKustomization,
  renderKustomize,
} from './renderKustomize';

/** Manifests rendered from one source path, shared and frozen. */
export interface RenderedSource {
  sourceType: 'Kustomize' | 'Directory';
  manifests: readonly JsonObject[];
}

export type RenderOutcome =
  | { ok: true; source: RenderedSource }
  | { ok: false; message: string };

export interface RenderRequest {
  revision: string;
  /** Path inside the repository. */
  path: string;
  options: KustomizeOptions;
}

export interface RenderStats {
  /** Distinct renders held (by revision, path and options). */
  cached: number;
  kubectlRuns: number;
  failures: number;
  checkouts: number;
}

export interface RenderServiceOptions {
  git: GitStore;
  owner: string;
  repo: string;
  workDir: string;
  kubectl: string;
  /** Parallel kubectl processes (default 2). */
  concurrency?: number;
  /** Checkouts (and their renders) kept; older revisions are dropped (default 8). */
  maxRevisions?: number;
}

const MANIFEST_ERROR_PREFIX =
  'Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = ';

/**
 * Renders application sources from checkouts of the GitOps repository: one
 * checkout per revision, one kubectl run per revision + path + structural
 * options; per-app commonLabels/commonAnnotations are added in process when
 * that gives kustomize's result, so thousands of clusters share one render.
 */
export function createRenderService(options: RenderServiceOptions) {
  const { git, owner, repo, workDir, kubectl } = options;
  const maxRevisions = options.maxRevisions ?? 8;
  const limit = createLimiter(options.concurrency ?? 2);
  const checkouts = new Map<string, Promise<string>>();
  const renders = new Map<string, Promise<RenderOutcome>>();
  const stats = { kubectlRuns: 0, failures: 0 };
  /** Renders in flight per revision: their checkout must stay. */
  const busy = new Map<string, number>();

  /** Drops the oldest idle checkouts (and their cached renders) beyond the limit. */
  function evictOldRevisions(): void {
    for (const [revision, dir] of checkouts) {
      if (checkouts.size <= maxRevisions) return;
      if (busy.get(revision)) continue;
      checkouts.delete(revision);
      const prefix = `${JSON.stringify([revision]).slice(0, -1)},`;
      for (const key of [...renders.keys()]) {
        if (key.startsWith(prefix)) renders.delete(key);
      }
      dir
        .then(d => fs.rm(d, { recursive: true, force: true }))
        .catch(() => undefined);
    }
  }

  function checkout(revision: string): Promise<string> {
    let dir = checkouts.get(revision);
    if (!dir) {
      const target = path.join(workDir, 'checkouts', revision);
      dir = git.checkout(owner, repo, revision, target).then(() => target);
      checkouts.set(revision, dir);
      dir.catch(() => checkouts.delete(revision));
      evictOldRevisions();
    }
    return dir;
  }

  async function renderUncached(
    request: RenderRequest,
  ): Promise<RenderOutcome> {
    busy.set(request.revision, (busy.get(request.revision) ?? 0) + 1);
    try {
      return await renderInCheckout(request);
    } finally {
      busy.set(request.revision, (busy.get(request.revision) ?? 1) - 1);
    }
  }

  async function renderInCheckout(
    request: RenderRequest,
  ): Promise<RenderOutcome> {
    const root = await checkout(request.revision);
    const dir = path.resolve(root, request.path);
    const relative = request.path.replace(/^\/+|\/+$/g, '') || '.';
    if (dir !== root && !dir.startsWith(`${root}${path.sep}`)) {
      return {
        ok: false,
        message: `${MANIFEST_ERROR_PREFIX}${relative}: path is outside the repository`,
      };
    }
    const exists = await fs.stat(dir).then(
      s => s.isDirectory(),
      () => false,
    );
    if (!exists) {
      return {
        ok: false,
        message: `${MANIFEST_ERROR_PREFIX}${relative}: app path does not exist`,
      };
    }
    try {
      if (await findKustomization(dir)) {
        stats.kubectlRuns++;
        const manifests = await limit(() =>
          renderKustomize(dir, request.options, kubectl),
        );
        return {
          ok: true,
          source: deepFreeze({ sourceType: 'Kustomize', manifests }),
        };
      }
      const manifests = await readDirectorySource(dir);
      return {
        ok: true,
        source: deepFreeze({ sourceType: 'Directory', manifests }),
      };
    } catch (error) {
      stats.failures++;
      const message = (
        error instanceof KustomizeError ? error.message : String(error)
      )
        .split(`${root}${path.sep}`)
        .join('');
      return {
        ok: false,
        message: `${MANIFEST_ERROR_PREFIX}\`kustomize build ${relative}\` failed exit status 1: ${message}`,
      };
    }
  }

  function cached(request: RenderRequest): Promise<RenderOutcome> {
    const key = JSON.stringify([
      request.revision,
      request.path,
      request.options,
    ]);
    let outcome = renders.get(key);
    if (!outcome) {
      outcome = renderUncached(request);
      renders.set(key, outcome);
    }
    return outcome;
  }

  return {
    /** Renders a source; failures come back as `{ ok: false, message }`. */
    async render(request: RenderRequest): Promise<RenderOutcome> {
      const decoration = decorationPart(request.options);
      if (!hasOptions(decoration)) {
        return cached(request);
      }
      const base = await cached({
        ...request,
        options: structuralPart(request.options),
      });
      if (!base.ok || base.source.sourceType !== 'Kustomize') {
        return base.ok ? cached(request) : base;
      }
      if (!canDecorateInProcess(base.source.manifests)) {
        return cached(request);
      }
      return {
        ok: true,
        source: {
          sourceType: 'Kustomize',
          manifests: decorate(base.source.manifests, decoration),
        },
      };
    },
    /** Forgets the renders of a revision + path (ArgoCD's hard refresh). */
    invalidate(revision: string, sourcePath: string): void {
      for (const key of renders.keys()) {
        const [keyRevision, keyPath] = JSON.parse(key) as [string, string];
        if (keyRevision === revision && keyPath === sourcePath) {
          renders.delete(key);
        }
      }
    },
    stats(): RenderStats {
      return { cached: renders.size, ...stats, checkouts: checkouts.size };
    },
    async dispose(): Promise<void> {
      renders.clear();
      checkouts.clear();
      await fs.rm(path.join(workDir, 'checkouts'), {
        recursive: true,
        force: true,
      });
    },
  };
}

export type RenderService = ReturnType<typeof createRenderService>;
