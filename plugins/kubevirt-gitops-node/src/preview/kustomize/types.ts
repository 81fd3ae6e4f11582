/*
 * Shapes shared by the in-memory kustomize renderer.
 */
import type { JsonObject } from '@backstage/types';

/** Repository files by path (POSIX, relative to the repository root). */
export type VirtualFiles = ReadonlyMap<string, string>;

/** One resource while a kustomization is built. */
export interface KustomizeResource {
  object: JsonObject;
  /** The name and namespace it had when first loaded (patch targets match either). */
  originalName: string;
  originalNamespace?: string;
}

/**
 * A kustomization uses something the preview renderer does not implement;
 * the preview says so instead of guessing.
 *
 * @public
 */
export class UnsupportedKustomizationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedKustomizationError';
  }
}

/**
 * The files do not form a kustomization `kubectl kustomize` could build
 * (missing files, bad YAML, a patch that does not apply).
 *
 * @public
 */
export class KustomizeBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KustomizeBuildError';
  }
}
