/*
 * The GitOps repository layout model, written once: the two layouts as path
 * templates with `{vm}` and `{env}` placeholders (architecture.md, "The GitOps
 * repository"), a VM's concrete paths in one, and the VM, paths and branch
 * of one operation. The writer (node) plans with it, the backend finds a
 * VM's folder with it, and the fleet simulator generates its repositories
 * with it.
 */
import { InputError } from '@backstage/errors';
import type { GitopsLayout } from '../config/configTypes';
import { checkDnsLabel } from '../request/textRules';

/**
 * How a VM kept outside the configured layout was found: the ApplicationSet
 * (or folder) its environment overlays are read from, for messages, and the
 * environment folder with `{env}`.
 *
 * @public
 */
export interface DiscoveredLayout {
  /** Where the environment folder comes from. */
  source: string;
  /** The environment folder with `{env}`. */
  environmentDirTemplate: string;
}

/**
 * Where a layout keeps a VM's files. `{vm}` is the VM's base name, `{env}`
 * an environment name.
 *
 * @public
 */
export interface LayoutPathTemplates {
  /** The VM's folder; everything under it belongs to the VM. */
  vmDir: string;
  /** Kustomize base (virtualmachine.yaml + kustomization.yaml). */
  baseDir: string;
  /** One overlay per environment. */
  environmentDir: string;
  /** The VM's own ApplicationSet (per-vm layout only). */
  applicationSet?: string;
  /** The VM's catalog entity. */
  catalogInfo: string;
}

/**
 * A layout: its path templates and, for the shared layout, the one
 * ApplicationSet the repository is bootstrapped with.
 *
 * @public
 */
export interface GitopsLayoutDefinition {
  name: GitopsLayout;
  description: string;
  paths: LayoutPathTemplates;
  /** Path of the bootstrap ApplicationSet shared by every VM (shared layout). */
  sharedApplicationSet?: string;
}

/**
 * The built-in layouts.
 *
 * @public
 */
export const gitopsLayouts: Record<GitopsLayout, GitopsLayoutDefinition> = {
  'per-vm-applicationset': {
    name: 'per-vm-applicationset',
    description:
      "One ApplicationSet per VM (the seed's demo-vm pattern): a clusters generator per environment renders the VM's overlay for that environment.",
    paths: {
      vmDir: 'applicationsets/vms/{vm}',
      baseDir: 'applicationsets/vms/{vm}/kustomize/base',
      environmentDir: 'applicationsets/vms/{vm}/kustomize/{env}',
      applicationSet: 'applicationsets/vms/{vm}/applicationset.yaml',
      catalogInfo: 'applicationsets/vms/{vm}/catalog-info.yaml',
    },
  },
  'shared-applicationset': {
    name: 'shared-applicationset',
    description:
      'One matrix ApplicationSet (git directories vms/*/* x clusters with env = the folder name) for every VM; a VM pull request only adds vms/<vm>/{base,<env>}.',
    paths: {
      vmDir: 'vms/{vm}',
      baseDir: 'vms/{vm}/base',
      environmentDir: 'vms/{vm}/{env}',
      catalogInfo: 'vms/{vm}/catalog-info.yaml',
    },
    sharedApplicationSet: 'applicationsets/kubevirt-gitops-vms.yaml',
  },
};

/**
 * Concrete paths of one VM in a layout.
 *
 * @public
 */
export interface VmPaths {
  layout: GitopsLayout;
  vmDir: string;
  baseDir: string;
  /** The folder holding the base and the environment overlays. */
  kustomizeRoot: string;
  virtualMachineFile: string;
  baseKustomizationFile: string;
  environmentDir(environment: string): string;
  environmentKustomizationFile(environment: string): string;
  applicationSetFile?: string;
  catalogInfoFile: string;
  /** Set when the folder's layout was discovered rather than configured. */
  discovered?: DiscoveredLayout;
}

function checkedSegment(value: string, what: string): string {
  const problem = checkDnsLabel(value);
  if (problem) {
    throw new InputError(`${what} "${value}" ${problem}`);
  }
  return value;
}

/**
 * Fills a path template. Values must be DNS labels, so no value can add a
 * path segment or climb out of the repository.
 *
 * @public
 */
export function fillPathTemplate(
  template: string,
  values: { vm: string; env?: string },
): string {
  return template.replace(/\{(vm|env)\}/g, (_match, key: 'vm' | 'env') => {
    const value = values[key];
    if (value === undefined) {
      throw new InputError(`path template ${template} needs {${key}}`);
    }
    return checkedSegment(value, key === 'vm' ? 'VM name' : 'environment');
  });
}

/**
 * The paths of a VM in a layout.
 *
 * @public
 */
export function vmPaths(layout: GitopsLayout, vm: string): VmPaths {
  const { paths } = gitopsLayouts[layout];
  const baseDir = fillPathTemplate(paths.baseDir, { vm });
  const environmentDir = (env: string) =>
    fillPathTemplate(paths.environmentDir, { vm, env });
  return {
    layout,
    vmDir: fillPathTemplate(paths.vmDir, { vm }),
    baseDir,
    kustomizeRoot: fillPathTemplate(
      paths.environmentDir.replace(/\/\{env\}$/, ''),
      { vm },
    ),
    virtualMachineFile: `${baseDir}/virtualmachine.yaml`,
    baseKustomizationFile: `${baseDir}/kustomization.yaml`,
    environmentDir,
    environmentKustomizationFile: env =>
      `${environmentDir(env)}/kustomization.yaml`,
    applicationSetFile: paths.applicationSet
      ? fillPathTemplate(paths.applicationSet, { vm })
      : undefined,
    catalogInfoFile: fillPathTemplate(paths.catalogInfo, { vm }),
  };
}

/**
 * The environments a VM has in the repository: the overlay folders next to
 * its base that hold a kustomization.
 *
 * @public
 */
export function vmEnvironmentsIn(
  paths: VmPaths,
  files: Iterable<string>,
): string[] {
  const probe = 'environment';
  const prefix = paths.environmentDir(probe).slice(0, -probe.length);
  const found = new Set<string>();
  for (const file of files) {
    if (file.startsWith(prefix) && file.endsWith('/kustomization.yaml')) {
      const env = file.slice(prefix.length, -'/kustomization.yaml'.length);
      if (env !== 'base' && !env.includes('/') && !checkDnsLabel(env)) {
        found.add(env);
      }
    }
  }
  return [...found].sort();
}
