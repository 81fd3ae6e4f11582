/*
 * `decommission` of some environments of a VM (the whole VM is planned in
 * planVmChange): the overlays of those environments go, and whatever
 * deploys them stops doing so. In the per-VM layout that is the
 * environment's generator in the VM's ApplicationSet (edited in place); in
 * the shared layout the git directories generator follows the folders. A
 * discovered layout whose ApplicationSet picks overlays by a cluster label
 * cannot be narrowed by removing a folder: that is refused, saying what to
 * change.
 */
import { InputError } from '@backstage/errors';
import type { DecommissionVmOperation } from '@internal/plugin-kubevirt-gitops-common';
import type { VmPaths } from '@internal/plugin-kubevirt-gitops-common';
import { YamlTextEditor } from '../yamlText/YamlTextEditor';
import type { FileChange, VmRepositoryState } from './types';

function generatorEnvironment(generator: unknown): string | undefined {
  if (typeof generator !== 'object' || generator === null) return undefined;
  const clusters = (generator as { clusters?: { values?: { env?: unknown } } })
    .clusters;
  return typeof clusters?.values?.env === 'string'
    ? clusters.values.env
    : undefined;
}

/** The files of removing the VM from `environments` (some, not all, of its environments). */
export function planPartialDecommission(
  operation: DecommissionVmOperation & { environments: string[] },
  paths: VmPaths,
  state: VmRepositoryState,
  vmEnvironments: readonly string[],
): FileChange[] {
  const missing = operation.environments.filter(
    env => !vmEnvironments.includes(env),
  );
  if (missing.length > 0) {
    throw new InputError(
      `Invalid VM request: environments: VM "${
        operation.vmName
      }" is not in ${missing.join(', ')} (its environments: ${
        vmEnvironments.join(', ') || 'none'
      })`,
    );
  }
  if (paths.discovered) {
    throw new InputError(
      `VM "${operation.vmName}" cannot leave only ${operation.environments.join(
        ', ',
      )}: ${
        paths.discovered.source
      } deploys an overlay to every cluster whose label names one, so removing the ${operation.environments.join(
        ', ',
      )} folder would leave those clusters with a failing Application. Narrow that ApplicationSet's generator (e.g. a matchExpressions NotIn on the env label) by hand, or decommission every environment.`,
    );
  }
  const files: FileChange[] = operation.environments.flatMap(env =>
    state.paths
      .filter(file => file.startsWith(`${paths.environmentDir(env)}/`))
      .sort()
      .map(file => ({ path: file, deleted: true as const })),
  );
  const applicationSet = paths.applicationSetFile;
  if (applicationSet) {
    const text = state.files.get(applicationSet);
    if (text === undefined) {
      throw new InputError(
        `${applicationSet} is missing: the VM's ApplicationSet decides where it runs, so its environments cannot be removed without it. Restore the file, or decommission every environment (that removes the VM's whole folder).`,
      );
    }
    const editor = new YamlTextEditor(text, applicationSet);
    const generators = editor.value(['spec', 'generators']);
    const list = Array.isArray(generators) ? generators : [];
    const indexes = list.flatMap((generator, index) =>
      operation.environments.includes(generatorEnvironment(generator) ?? '')
        ? [index]
        : [],
    );
    const found = new Set(
      indexes.map(index => generatorEnvironment(list[index])),
    );
    const without = operation.environments.filter(env => !found.has(env));
    if (without.length > 0) {
      throw new InputError(
        `${applicationSet} has no clusters generator with values.env ${without.join(
          ', ',
        )}: it is not written the way this product writes it, so removing ${without.join(
          ', ',
        )} is refused; change it by hand`,
      );
    }
    for (const index of indexes.sort((a, b) => b - a))
      editor.delete(['spec', 'generators', index], false);
    files.push({ path: applicationSet, content: editor.text });
  }
  return files;
}
