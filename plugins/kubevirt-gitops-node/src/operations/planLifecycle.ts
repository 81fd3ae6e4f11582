/*
 * `set-run-strategy` and `resize` on an existing VM, planned against what the
 * repository renders today (the real kustomize):
 *
 * 1. find the VM's source (the file and document its VirtualMachine comes
 *    from, by `metadata.name`, not the folder name);
 * 2. keep only the asked environments whose VM does not already have what is
 *    asked (none left: nothing to change, no pull request);
 * 3. when every environment of the VM needs it, write it in the source and
 *    drop what the overlays say about those fields; otherwise edit only the
 *    overlays of the environments that need it, where they hold the value.
 *
 * Only the files of the asked environments (and the source, in case 3)
 * change, and a file whose parsed meaning stays the same is not written.
 */
import { InputError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type {
  ResizeVmOperation,
  SetRunStrategyOperation,
} from '@internal/plugin-kubevirt-gitops-common';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import {
  applyInOverlay,
  dropInOverlay,
  editSourceVm,
  type OverlayContext,
} from '../edit/editVmFiles';
import type { RenderedVmName } from '../edit/overlayStatements';
import {
  changesFor,
  type FieldChange,
  describeGoal,
  goalMissed,
  type FieldGoal,
  type ManagedFieldGroup,
} from '../edit/vmFields';
import type {
  KustomizeBuild,
  KustomizeRunner,
} from '../kustomize/kustomizeRunner';
import {
  buildableKustomizationDirs,
  kustomizationFileIn,
} from '../kustomize/kustomizationFiles';
import type { VmPaths } from '@internal/plugin-kubevirt-gitops-common';
import { findVm, type VmSource } from '../oracle/checkChange';
import type { FileChange, VmRepositoryState } from './types';

type Built = Extract<KustomizeBuild, { ok: true }>;

function documentsOf(text: string | undefined): unknown[] {
  if (text === undefined) return [];
  const documents = parseAllDocuments(text);
  return Array.isArray(documents)
    ? documents.map(document => document.toJS() as unknown)
    : [];
}

function nameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const metadata = (value as { metadata?: { name?: unknown } }).metadata;
  return typeof metadata?.name === 'string' ? metadata.name : undefined;
}

function kindOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null
    ? (value as { kind?: unknown }).kind
    : undefined;
}

/** The VirtualMachine documents of the files the builds' VMs come from. */
function sourceCandidates(
  builds: ReadonlyMap<string, KustomizeBuild>,
  files: ReadonlyMap<string, string>,
  vmDir: string,
): VmSource[] {
  const origins = new Set<string>();
  for (const build of builds.values()) {
    if (!build.ok) continue;
    build.objects.forEach((object, index) => {
      const origin = build.origins[index];
      if (
        object.kind === 'VirtualMachine' &&
        origin &&
        origin.startsWith(`${vmDir}/`)
      )
        origins.add(origin);
    });
  }
  return [...origins].sort().flatMap(file =>
    documentsOf(files.get(file)).flatMap((document, documentIndex) => {
      const sourceName = nameOf(document);
      return kindOf(document) === 'VirtualMachine' && sourceName
        ? [{ file, documentIndex, sourceName }]
        : [];
    }),
  );
}

/**
 * The folder's VM may carry another metadata.name (a base named `vm`, a
 * prefix added by the overlays), but the folder must be the asked VM's:
 * a direct or agent call naming one VM and another VM's folder would
 * otherwise change (or delete) the other VM. Accepted when the folder is
 * named after the VM, or a VirtualMachine it holds or renders is named
 * after it; refused naming gitopsPath otherwise.
 */
export function assertFolderHoldsVm(
  paths: VmPaths,
  vm: string,
  found: ReadonlyArray<{
    sourceName: string;
    file: string;
    rendered?: readonly string[];
  }>,
): void {
  if (found.length === 0) return;
  if (paths.vmDir.split('/').pop() === vm) return;
  const names = found.flatMap(f => [f.sourceName, ...(f.rendered ?? [])]);
  if (
    names.some(
      name =>
        name === vm || name.endsWith(`-${vm}`) || name.startsWith(`${vm}-`),
    )
  )
    return;
  throw new InputError(
    `gitopsPath: ${paths.vmDir} holds the VM ${found
      .map(f => `${f.sourceName} (${f.file})`)
      .join(
        ', ',
      )}, not ${vm} (vmName); point gitopsPath at ${vm}'s folder (the entity's kubevirt-gitops.io/gitops-path annotation)`,
  );
}

/** The VirtualMachine documents of the files under `dir` (no rendering). */
export function vmDocumentsUnder(
  files: ReadonlyMap<string, string>,
  dir: string,
): Array<{ sourceName: string; file: string }> {
  return [...files.keys()]
    .filter(file => file.startsWith(`${dir}/`) && /\.ya?ml$/.test(file))
    .sort()
    .flatMap(file =>
      documentsOf(files.get(file)).flatMap(document => {
        const sourceName = nameOf(document);
        return kindOf(document) === 'VirtualMachine' && sourceName
          ? [{ sourceName, file }]
          : [];
      }),
    );
}

/** The asked VM's source: the VirtualMachine named `vm`, or the folder's only one. */
export function locateVmSource(
  builds: ReadonlyMap<string, KustomizeBuild>,
  files: ReadonlyMap<string, string>,
  paths: VmPaths,
  vm: string,
): VmSource {
  const candidates = sourceCandidates(builds, files, paths.vmDir);
  const named = candidates.filter(candidate => candidate.sourceName === vm);
  if (named.length === 1) return named[0];
  if (named.length === 0 && candidates.length === 1) {
    const [only] = candidates;
    const rendered = [...builds.values()].flatMap(build =>
      build.ok
        ? build.objects
            .filter(object => object.kind === 'VirtualMachine')
            .map(object =>
              String((object.metadata as JsonObject | undefined)?.name ?? ''),
            )
        : [],
    );
    assertFolderHoldsVm(paths, vm, [{ ...only, rendered }]);
    return only;
  }
  const broken = [...builds]
    .filter(([, build]) => !build.ok)
    .map(([dir, build]) => `${dir}: ${build.ok ? '' : build.error}`);
  if (candidates.length === 0) {
    const dirs = [...builds.keys()];
    throw new InputError(
      `No VirtualMachine is rendered from ${paths.vmDir}: ${
        dirs.length === 0
          ? 'it holds no kustomization.yaml'
          : `none of its kustomizations (${dirs.join(
              ', ',
            )}) renders a kind: VirtualMachine`
      }${
        broken.length > 0 ? ` (${broken.join('; ')})` : ''
      }. List the VM's manifest in a kustomization's resources (or fix the overlays that fail), or point the entity's kubevirt-gitops.io/gitops-path annotation at the folder that holds it.`,
    );
  }
  throw new InputError(
    `${paths.vmDir} renders several VirtualMachines (${candidates
      .map(candidate => `${candidate.sourceName} from ${candidate.file}`)
      .join(', ')}) and ${
      named.length === 0
        ? `none is named ${vm}`
        : `more than one is named ${vm}`
    }; say which one by its metadata.name`,
  );
}

function sourceObject(
  files: ReadonlyMap<string, string>,
  source: VmSource,
): JsonObject {
  const value = documentsOf(files.get(source.file))[source.documentIndex];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError(
      `${source.file} no longer holds the VM ${source.sourceName}`,
    );
  return value as JsonObject;
}

function renderedNames(
  build: Built,
  files: ReadonlyMap<string, string>,
): RenderedVmName[] {
  return build.objects.flatMap((object, index) => {
    if (object.kind !== 'VirtualMachine') return [];
    const metadata = (object.metadata ?? {}) as JsonObject;
    const renderedName = String(metadata.name ?? '');
    const origin = build.origins[index];
    const documents = origin
      ? documentsOf(files.get(origin)).filter(
          document => kindOf(document) === 'VirtualMachine',
        )
      : [];
    const sourceName =
      documents
        .map(nameOf)
        .find(name => name !== undefined && renderedName.includes(name)) ??
      renderedName;
    const labels =
      typeof metadata.labels === 'object' &&
      metadata.labels !== null &&
      !Array.isArray(metadata.labels)
        ? (metadata.labels as Record<string, string>)
        : {};
    return [{ sourceName, renderedName, labels }];
  });
}

/** Whether two texts of a YAML file mean the same. */
export function sameMeaning(
  before: string | undefined,
  after: string | undefined,
): boolean {
  if (before === undefined || after === undefined) return before === after;
  return isDeepStrictEqual(documentsOf(before), documentsOf(after));
}

export interface LifecyclePlan {
  files: FileChange[];
  changedEnvironments: string[];
  source: VmSource;
  beforeBuilds: Map<string, KustomizeBuild>;
  goal: FieldGoal;
  group: ManagedFieldGroup;
}

/** Plans a run-strategy or size change of an existing VM. */
export async function planLifecycle(
  operation: SetRunStrategyOperation | ResizeVmOperation,
  paths: VmPaths,
  state: VmRepositoryState,
  vmEnvironments: readonly string[],
  runner: KustomizeRunner,
): Promise<LifecyclePlan> {
  const goal: FieldGoal =
    operation.operation === 'resize'
      ? { group: 'size', size: operation.size }
      : { group: 'runStrategy', runStrategy: operation.runStrategy };
  const group = goal.group;
  const beforeBuilds = await runner.build(
    state.files,
    buildableKustomizationDirs(state.files),
    { origins: true },
  );
  const source = locateVmSource(
    beforeBuilds,
    state.files,
    paths,
    operation.vmName,
  );
  const asked = operation.environments ?? vmEnvironments;

  const rendered = new Map<
    string,
    { build: Built; vm: JsonObject; dir: string; file: string }
  >();
  for (const environment of vmEnvironments) {
    const dir = paths.environmentDir(environment);
    const build = beforeBuilds.get(dir);
    if (!build || !build.ok) {
      if (!asked.includes(environment)) continue;
      throw new InputError(
        `The ${environment} overlay (${dir}) does not render on the base branch${
          build && !build.ok ? `: ${build.error}` : ''
        }. Fix it before changing the VM there.`,
      );
    }
    const vm = findVm(build, source);
    const file = kustomizationFileIn(state.files, dir);
    if (!vm || !file) {
      if (!asked.includes(environment)) continue;
      throw new InputError(
        `The ${environment} overlay (${dir}) does not render the VM ${source.sourceName} from ${source.file}: its kustomization no longer includes the folder that holds it. Add that folder back to its resources (or bases:), or leave ${environment} out of the environments asked.`,
      );
    }
    rendered.set(environment, { build, vm: vm.object, dir, file });
  }

  const needed = asked.filter(environment => {
    const entry = rendered.get(environment);
    return entry !== undefined && goalMissed(entry.vm, goal) !== undefined;
  });
  if (needed.length === 0) {
    throw new InputError(
      `Nothing to change: VM ${source.sourceName} already has ${describeGoal(
        goal,
      )} in ${asked.join(', ')}; no pull request was opened.`,
    );
  }

  const working = new Map(state.files);
  const written = new Map<string, string | null>();
  const apply = (changed: Map<string, string | null>) => {
    for (const [file, text] of changed) {
      written.set(file, text);
      if (text === null) working.delete(file);
      else working.set(file, text);
    }
  };
  /** The edit context of the VM in one build of the kustomization `file`. */
  const overlayContext = (
    file: string,
    build: Built,
    vm: JsonObject,
  ): OverlayContext => {
    const renderedVms = renderedNames(build, state.files);
    const renderedName = String((vm.metadata as JsonObject).name);
    return {
      file,
      files: working,
      vm: renderedVms.find(name => name.renderedName === renderedName) ?? {
        sourceName: source.sourceName,
        renderedName,
        labels: {},
      },
      renderedVms,
      renderedVm: vm,
      sourceVm: sourceObject(state.files, source),
    };
  };
  const contextOf = (environment: string): OverlayContext => {
    const entry = rendered.get(environment);
    if (!entry)
      throw new InputError(`The ${environment} overlay does not render the VM`);
    return overlayContext(entry.file, entry.build, entry.vm);
  };

  const everyEnvironment =
    vmEnvironments.length > 0 &&
    vmEnvironments.every(environment => needed.includes(environment));
  if (everyEnvironment) {
    // the folder holding the source: its kustomization's patches hold a value before the source does
    const sourceDir = path.posix.dirname(source.file);
    const sourceBuild = beforeBuilds.get(sourceDir);
    const sourceKustomization = kustomizationFileIn(state.files, sourceDir);
    const baseVm = sourceBuild?.ok ? findVm(sourceBuild, source) : undefined;
    const toSource = (changes: FieldChange[]) =>
      new Map([
        [
          source.file,
          editSourceVm(
            working.get(source.file) ?? '',
            source.file,
            source.documentIndex,
            changes,
          ),
        ],
      ]);
    if (sourceBuild?.ok && baseVm && sourceKustomization) {
      apply(
        applyInOverlay(
          overlayContext(sourceKustomization, sourceBuild, baseVm.object),
          changesFor(baseVm.object, goal),
          group,
          { unheld: toSource },
        ),
      );
    } else {
      apply(toSource(changesFor(sourceObject(state.files, source), goal)));
    }
    for (const environment of vmEnvironments)
      apply(dropInOverlay(contextOf(environment), group));
  } else {
    for (const environment of needed) {
      const context = contextOf(environment);
      apply(
        applyInOverlay(context, changesFor(context.renderedVm, goal), group),
      );
    }
  }

  const files: FileChange[] = [];
  for (const [file, text] of [...written].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (text === null) files.push({ path: file, deleted: true });
    else if (!sameMeaning(state.files.get(file), text))
      files.push({ path: file, content: text });
  }
  return {
    files,
    changedEnvironments: needed,
    source,
    beforeBuilds,
    goal,
    group,
  };
}
