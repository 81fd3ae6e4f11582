/*
 * The pull-request oracle: every kustomization of the VM's folder is
 * rendered with the real kustomize before and after the planned change, and
 * the objects are compared. Allowed to differ: the asked VM, in the asked
 * environments, in the fields the operation owns (or its existence, for a
 * request or a decommission). Anything else that differs, an overlay that
 * stops rendering, a VM the KubeVirt schema or KubeVirt's rules refuse, or
 * an asked environment that did not get what was asked: the verdict lists
 * it, naming the environment, object and field, and no pull request opens.
 */
import type { JsonObject, JsonValue } from '@backstage/types';
import type {
  KustomizeBuild,
  KustomizeRunner,
} from '../kustomize/kustomizeRunner';
import { buildableKustomizationDirs } from '../kustomize/kustomizationFiles';
import {
  goalMissed,
  ownedBy,
  type FieldGoal,
  type ManagedFieldGroup,
} from '../edit/vmFields';
import { virtualMachineSchemaErrors } from './kubevirtSchema';
import { vmConflicts } from './vmRules';

/** Where the asked VM comes from: its source file and its name there. */
export interface VmSource {
  file: string;
  documentIndex: number;
  sourceName: string;
}

/** What the operation may change. */
export type OracleScope =
  | { kind: 'fields'; group: ManagedFieldGroup; goal: FieldGoal }
  | { kind: 'create' }
  | { kind: 'decommission'; environments?: readonly string[] };

export interface OracleInput {
  runner: KustomizeRunner;
  before: ReadonlyMap<string, string>;
  after: ReadonlyMap<string, string>;
  /** environment -> overlay folder, for every environment of the VM. */
  environmentDirs: ReadonlyMap<string, string>;
  askedEnvironments: readonly string[];
  source: VmSource;
  scope: OracleScope;
  /** Builds of `before` already made (the planner's), to reuse. */
  beforeBuilds?: ReadonlyMap<string, KustomizeBuild>;
}

/** One object that changed. */
export interface OracleChange {
  environment?: string;
  directory: string;
  object: string;
  fields: string[];
  /** Each changed field's value before and after (absent: not set). */
  values?: Array<{ field: string; before?: JsonValue; after?: JsonValue }>;
}

/**
 * The verdict.
 *
 * @public
 */
export interface OracleVerdict {
  command: string;
  /** Folders rendered before and after. */
  directories: string[];
  changes: OracleChange[];
  /** Everything that stops the pull request. */
  problems: string[];
  /** Folders (by environment where they are one) whose objects did not change. */
  unchanged: string[];
}

type Built = Extract<KustomizeBuild, { ok: true }>;

export function objectKey(object: JsonObject): string {
  const metadata = (object.metadata ?? {}) as JsonObject;
  const namespace =
    typeof metadata.namespace === 'string' ? `${metadata.namespace}/` : '';
  return `${String(object.kind)}/${namespace}${String(metadata.name)}`;
}

/** The asked VM in one build: a VirtualMachine from the source file, by name where the file has several. */
export function findVm(
  build: Built,
  source: VmSource,
): { object: JsonObject; index: number } | undefined {
  const candidates = build.objects
    .map((object, index) => ({ object, index }))
    .filter(
      ({ object, index }) =>
        object.kind === 'VirtualMachine' &&
        build.origins[index] === source.file,
    );
  if (candidates.length <= 1) return candidates[0];
  const named = candidates.filter(({ object }) =>
    String((object.metadata as JsonObject | undefined)?.name ?? '').includes(
      source.sourceName,
    ),
  );
  return named.length === 1 ? named[0] : undefined;
}

/**
 * For a decommission, in one build: why an object it would remove belongs to
 * another VM (another VirtualMachine, or anything rendered from the same file
 * as one), or undefined when it is the asked VM's. Indexes the build once.
 */
function neighbourCheck(
  build: KustomizeBuild | undefined,
  asked: { object: JsonObject } | undefined,
  source: VmSource,
): (object: JsonObject, key: string) => string | undefined {
  if (!build?.ok) return () => undefined;
  const isAskedVm = (candidate: JsonObject) =>
    asked
      ? candidate === asked.object
      : String(
          (candidate.metadata as JsonObject | undefined)?.name ?? '',
        ).includes(source.sourceName);
  const originOf = new Map<JsonObject, string | undefined>();
  /** The first other VirtualMachine each file renders. */
  const otherVmFrom = new Map<string, JsonObject>();
  build.objects.forEach((object, index) => {
    const origin = build.origins[index];
    originOf.set(object, origin);
    if (
      origin &&
      object.kind === 'VirtualMachine' &&
      !isAskedVm(object) &&
      !otherVmFrom.has(origin)
    )
      otherVmFrom.set(origin, object);
  });
  return (object, key) => {
    if (object.kind === 'VirtualMachine')
      return isAskedVm(object) ? undefined : 'another VirtualMachine';
    const origin = originOf.get(object);
    const neighbour = origin ? otherVmFrom.get(origin) : undefined;
    return neighbour
      ? `${origin} also renders ${objectKey(neighbour)}; ${key} comes from it`
      : undefined;
  };
}

/** Leaf differences of two values, as paths (an added or removed map counts at its own path). */
function differences(
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  path: string[] = [],
): string[][] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isMap = (value: JsonValue | undefined): value is JsonObject =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isMap(before) && isMap(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap(key =>
      differences(before[key], after[key], [...path, key]),
    );
  }
  if (
    Array.isArray(before) &&
    Array.isArray(after) &&
    before.length === after.length
  ) {
    return before.flatMap((item, index) =>
      differences(item, after[index], [...path, String(index)]),
    );
  }
  return [path];
}

function valueAt(
  value: JsonValue | undefined,
  path: readonly string[],
): JsonValue | undefined {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current)) current = current[Number(key)];
    else if (typeof current === 'object' && current !== null)
      current = current[key];
    else return undefined;
  }
  return current;
}

function dotted(path: readonly string[]): string {
  return path.length === 0 ? '(the whole object)' : path.join('.');
}

/** Runs the oracle. */
export async function checkChange(input: OracleInput): Promise<{
  verdict: OracleVerdict;
  afterBuilds: Map<string, KustomizeBuild>;
}> {
  const { runner, scope, source } = input;
  // each tree's kustomizations found once (parsing every kustomization file)
  const beforeDirs = buildableKustomizationDirs(input.before);
  const afterDirs = buildableKustomizationDirs(input.after);
  const directories = [...new Set([...beforeDirs, ...afterDirs])].sort();
  const missingBefore = beforeDirs.filter(dir => !input.beforeBuilds?.has(dir));
  const [builtBefore, after] = await Promise.all([
    missingBefore.length > 0
      ? runner.build(input.before, missingBefore, { origins: true })
      : Promise.resolve(new Map<string, KustomizeBuild>()),
    runner.build(input.after, afterDirs, { origins: true }),
  ]);
  const before = new Map<string, KustomizeBuild>([
    ...(input.beforeBuilds ?? new Map<string, KustomizeBuild>()),
    ...builtBefore,
  ]);
  const environmentOf = new Map(
    [...input.environmentDirs].map(([environment, dir]) => [dir, environment]),
  );
  const everyEnvironmentAsked = [...input.environmentDirs.keys()].every(env =>
    input.askedEnvironments.includes(env),
  );
  const where = (dir: string) =>
    environmentOf.has(dir) ? `${environmentOf.get(dir)} (${dir})` : dir;

  const changes: OracleChange[] = [];
  const problems: string[] = [];
  const unchanged: string[] = [];

  for (const dir of directories) {
    const environment = environmentOf.get(dir);
    const was = before.get(dir);
    const now = after.get(dir);
    const mayChangeHere =
      environment !== undefined
        ? input.askedEnvironments.includes(environment)
        : everyEnvironmentAsked;
    if (was?.ok === false && (now === undefined || now.ok === false)) continue; // broken before, not ours
    if (now?.ok === false) {
      problems.push(
        `${where(dir)} no longer renders after the change: ${now.error}`,
      );
      continue;
    }
    const wasObjects = was?.ok ? was.objects : [];
    const nowObjects = now?.ok ? now.objects : [];
    const askedBefore = was?.ok ? findVm(was, source) : undefined;
    const askedAfter = now?.ok ? findVm(now, source) : undefined;
    const beforeByKey = new Map<string, JsonObject>(
      wasObjects.map(object => [objectKey(object), object]),
    );
    const afterByKey = new Map<string, JsonObject>(
      nowObjects.map(object => [objectKey(object), object]),
    );
    const removedNeighbour =
      scope.kind === 'decommission'
        ? neighbourCheck(was, askedBefore, source)
        : undefined;
    let changedHere = false;
    for (const key of new Set([...beforeByKey.keys(), ...afterByKey.keys()])) {
      const old = beforeByKey.get(key);
      const next = afterByKey.get(key);
      const isAsked =
        (old !== undefined && old === askedBefore?.object) ||
        (next !== undefined && next === askedAfter?.object);
      if (!old || !next) {
        changedHere = true;
        const existenceAllowed =
          (scope.kind === 'create' && !old) ||
          (scope.kind === 'decommission' &&
            !next &&
            (!scope.environments || mayChangeHere));
        changes.push({
          environment,
          directory: dir,
          object: key,
          fields: [old ? 'removed' : 'added'],
        });
        const operationName =
          scope.kind === 'fields' ? `change of ${scope.group}` : scope.kind;
        const otherVm = old && !next ? removedNeighbour?.(old, key) : undefined;
        if (existenceAllowed && otherVm) {
          problems.push(
            `${where(
              dir,
            )}: ${key} would be removed, and it is not the VM asked for (${otherVm}). Deleting what renders VM ${
              source.sourceName
            } here deletes it too: move ${
              source.sourceName
            } to a folder of its own, or remove it from the kustomization that lists it by hand`,
          );
        } else if (!existenceAllowed)
          problems.push(
            `${where(dir)}: ${key} would be ${
              old ? 'removed' : 'added'
            }, which a ${operationName} must not do`,
          );
        continue;
      }
      const diff = differences(old, next);
      if (diff.length === 0) continue;
      changedHere = true;
      changes.push({
        environment,
        directory: dir,
        object: key,
        fields: diff.map(dotted),
        values: diff.map(path => ({
          field: dotted(path),
          before: valueAt(old, path),
          after: valueAt(next, path),
        })),
      });
      for (const path of diff) {
        const allowed =
          scope.kind === 'fields' &&
          isAsked &&
          mayChangeHere &&
          ownedBy(path, scope.group);
        if (!allowed) {
          let why = 'the operation does not own that field';
          if (!isAsked) why = 'it is not the VM asked for';
          else if (!mayChangeHere)
            why = `${environment ?? dir} was not asked for`;
          problems.push(
            `${where(dir)}: ${key} field ${dotted(
              path,
            )} would change, and ${why}`,
          );
        }
      }
    }
    if (!changedHere && now?.ok) unchanged.push(environment ?? dir);

    // the VM as it will be: valid, consistent, and what was asked
    if (askedAfter) {
      const schemaBefore = new Set(
        askedBefore ? virtualMachineSchemaErrors(askedBefore.object) : [],
      );
      for (const error of virtualMachineSchemaErrors(askedAfter.object)) {
        if (!schemaBefore.has(error))
          problems.push(
            `${where(dir)}: ${objectKey(
              askedAfter.object,
            )} fails the KubeVirt schema: ${error}`,
          );
      }
      const conflictsBefore = new Set(
        askedBefore ? vmConflicts(askedBefore.object) : [],
      );
      for (const conflict of vmConflicts(askedAfter.object)) {
        if (!conflictsBefore.has(conflict))
          problems.push(
            `${where(dir)}: ${objectKey(askedAfter.object)}: ${conflict}`,
          );
      }
      if (
        scope.kind === 'fields' &&
        environment !== undefined &&
        input.askedEnvironments.includes(environment)
      ) {
        const missed = goalMissed(askedAfter.object, scope.goal);
        if (missed)
          problems.push(
            `${where(
              dir,
            )}: the change does not take effect: ${missed} (another statement of the overlay decides it)`,
          );
      }
    } else if (
      now?.ok &&
      (scope.kind === 'create' ||
        (environment !== undefined &&
          input.askedEnvironments.includes(environment) &&
          scope.kind === 'fields'))
    ) {
      problems.push(
        `${where(dir)}: the VM ${source.sourceName} from ${
          source.file
        } is not in what it renders`,
      );
    }
  }
  return {
    verdict: {
      command: runner.commandLine,
      directories,
      changes,
      problems,
      unchanged,
    },
    afterBuilds: after,
  };
}
