/*
 * Reads `kubevirtGitops.gitops` once at startup into a typed object; bad
 * configuration fails fast with messages naming the key.
 */
import type { Config } from '@backstage/config';
import { parseGitopsConfig, type GitopsConfig } from '@internal/plugin-kubevirt-gitops-common';

/**
 * The writer's configuration: `kubevirtGitops.gitops` plus the ArgoCD
 * project of generated Applications and Backstage's base URL.
 *
 * @public
 */
export interface GitopsWriterConfig {
  gitops: GitopsConfig;
  /** `kubevirtGitops.gitops.argocdProject`, default `default`. */
  argocdProject: string;
  /** `app.baseUrl`, for links back to Backstage. */
  backstageBaseUrl?: string;
}

/**
 * Reads the writer's configuration, or undefined when `kubevirtGitops.gitops`
 * is absent (the action then explains what to configure).
 *
 * @public
 */
export function readGitopsWriterConfig(config: Config): GitopsWriterConfig | undefined {
  const raw = config.getOptional('kubevirtGitops.gitops');
  if (raw === undefined) {
    return undefined;
  }
  return {
    gitops: parseGitopsConfig(raw),
    argocdProject: config.getOptionalString('kubevirtGitops.gitops.argocdProject') ?? 'default',
    // without a trailing slash, so callers append paths directly
    backstageBaseUrl: config.getOptionalString('app.baseUrl')?.replace(/\/+$/, ''),
  };
}
