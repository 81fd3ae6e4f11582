/*
 * Renders every environment of a VM from its files after a change, as
 * `kubectl kustomize` will, and summarises the VM each one gets.
 */
import type { GitopsConfig } from '@internal/plugin-kubevirt-gitops-common';
import type { VmPaths } from '../layout/layouts';
import type { EnvironmentPreview } from '../operations/types';
import { renderKustomizationObjects } from './kustomize/render';
import { toGoYaml } from './goYamlEmitter';
import { summarizeVm } from './summarizeVm';
import type { VirtualFiles } from './kustomize/types';

/** Previews of `environments` (environment overlays of `paths`) over `files`. */
export function renderEnvironmentPreviews(
  files: VirtualFiles,
  paths: VmPaths,
  environments: readonly string[],
  config: GitopsConfig,
): EnvironmentPreview[] {
  return environments.map(environment => {
    const directory = paths.environmentDir(environment);
    try {
      const objects = renderKustomizationObjects(files, directory);
      const environmentConfig = config.environments.find(env => env.name === environment);
      return {
        environment,
        directory,
        objects,
        manifests: objects.map(object => toGoYaml(object)).join('---\n'),
        summary: environmentConfig ? summarizeVm(objects, environmentConfig) : undefined,
      };
    } catch (error) {
      return {
        environment,
        directory,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  });
}
