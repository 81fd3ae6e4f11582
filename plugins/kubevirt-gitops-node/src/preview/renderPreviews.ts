/*
 * The previews of a pull request: every environment of the VM after the
 * change, exactly as the real kustomize prints it, and a summary of the
 * asked VM (found by its source, not "the first VirtualMachine").
 */
import type { GitopsConfig } from '@internal/plugin-kubevirt-gitops-common';
import type {
  KustomizeBuild,
  KustomizeRunner,
} from '../kustomize/kustomizeRunner';
import type { VmPaths } from '@internal/plugin-kubevirt-gitops-common';
import { findVm, objectKey, type VmSource } from '../oracle/checkChange';
import type { EnvironmentPreview } from '../operations/types';
import { summarizeVm } from './summarizeVm';

/** Previews of `environments` of `paths` over `files`. */
export async function renderEnvironmentPreviews(options: {
  runner: KustomizeRunner;
  files: ReadonlyMap<string, string>;
  paths: VmPaths;
  environments: readonly string[];
  config: GitopsConfig;
  source: VmSource;
  /** The oracle's builds of the same files, with origins (to find the asked VM). */
  originBuilds?: ReadonlyMap<string, KustomizeBuild>;
  /** Why kustomize cannot run, when it cannot. */
  unavailable?: string;
}): Promise<EnvironmentPreview[]> {
  const { paths, environments } = options;
  const directories = environments.map(environment =>
    paths.environmentDir(environment),
  );
  if (options.unavailable) {
    return environments.map((environment, index) => ({
      environment,
      directory: directories[index],
      error: `not rendered: ${options.unavailable}`,
    }));
  }
  const builds = await options.runner.build(options.files, directories);
  return environments.map((environment, index) => {
    const directory = directories[index];
    const build = builds.get(directory);
    if (!build || !build.ok)
      return {
        environment,
        directory,
        error: build && !build.ok ? build.error : 'not rendered',
      };
    const withOrigins = options.originBuilds?.get(directory);
    const asked = withOrigins?.ok
      ? findVm(withOrigins, options.source)
      : undefined;
    const vm = asked
      ? build.objects.find(
          object => objectKey(object) === objectKey(asked.object),
        )
      : undefined;
    const environmentConfig = options.config.environments.find(
      env => env.name === environment,
    );
    return {
      environment,
      directory,
      objects: build.objects,
      manifests: build.text,
      summary:
        environmentConfig && vm
          ? summarizeVm([vm], environmentConfig)
          : undefined,
    };
  });
}
