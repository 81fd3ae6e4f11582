/*
 * Reads `kubevirtGitops.gitops` once at startup into a typed object; bad
 * configuration fails fast with messages naming the key.
 */
import type { Config } from '@backstage/config';
import {
  parseGitopsConfig,
  type GitopsConfig,
} from '@internal/plugin-kubevirt-gitops-common';
import type { KustomizeRunnerOptions } from '../kustomize/kustomizeRunner';

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
  /** `kubevirtGitops.preview`: how kustomize runs. */
  kustomize: KustomizeRunnerOptions;
}

/**
 * Reads the writer's configuration, or undefined when `kubevirtGitops.gitops`
 * is absent (the action then explains what to configure).
 *
 * @public
 */
export function readGitopsWriterConfig(
  config: Config,
): GitopsWriterConfig | undefined {
  const raw = config.getOptional('kubevirtGitops.gitops');
  if (raw === undefined) {
    return undefined;
  }
  return {
    gitops: parseGitopsConfig(raw),
    argocdProject:
      config.getOptionalString('kubevirtGitops.gitops.argocdProject') ??
      'default',
    // without a trailing slash, so callers append paths directly
    backstageBaseUrl: config
      .getOptionalString('app.baseUrl')
      ?.replace(/\/+$/, ''),
    kustomize: readKustomizeOptions(config),
  };
}

function readKustomizeOptions(config: Config): KustomizeRunnerOptions {
  const command = config.getOptionalStringArray(
    'kubevirtGitops.preview.kustomizeCommand',
  );
  if (command !== undefined && command.length === 0) {
    throw new Error(
      'kubevirtGitops.preview.kustomizeCommand must name a command, e.g. [kubectl, kustomize]',
    );
  }
  const timeoutSeconds = config.getOptionalNumber(
    'kubevirtGitops.preview.timeoutSeconds',
  );
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) {
    throw new Error(
      'kubevirtGitops.preview.timeoutSeconds must be a positive number of seconds',
    );
  }
  const maxOutputBytes = config.getOptionalNumber(
    'kubevirtGitops.preview.maxOutputBytes',
  );
  if (maxOutputBytes !== undefined && !(maxOutputBytes > 0)) {
    throw new Error(
      'kubevirtGitops.preview.maxOutputBytes must be a positive number of bytes',
    );
  }
  return {
    command,
    timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
    maxOutputBytes,
  };
}
