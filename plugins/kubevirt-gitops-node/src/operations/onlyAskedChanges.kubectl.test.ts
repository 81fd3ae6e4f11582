/*
 * The property of every lifecycle pull request, checked with the real
 * kubectl by the test itself (not by the product's own oracle): for each
 * layout, each operation and each subset of the VM's environments, either
 * the plan is refused / has nothing to change (no pull request), or
 * rendering every kustomization before and after shows that only the asked
 * VM, in the asked environments, in the fields the operation owns, differs,
 * and that it got what was asked. The matrix is printed and written to
 * test-results/only-asked-changes.txt.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { JsonObject, JsonValue } from '@backstage/types';
import { kubectlKustomizeFiles } from '../__testUtils__/kubectl';
import {
  planContext,
  targetIn,
  validOperation,
} from '../__testUtils__/fixtures';
import {
  discoveredWorkshopLayout,
  nestedBaseLayout,
  ownLayout,
  regexTargetLayout,
  seedLayout,
  strategicMergeFilesLayout,
  twoVmLayout,
  type LayoutFixture,
} from '../__testUtils__/layoutFixtures';
import {
  discoveredVmPaths,
  discoverVmLayout,
} from '../layout/discoverVmLayout';
import type { VmPaths } from '@internal/plugin-kubevirt-gitops-common';
import { planVmChange } from './planVmChange';
import type { VmChangeSet, VmRepositoryState } from './types';

type Operation = {
  label: string;
  input: Record<string, unknown>;
  owned: string[][];
  met: (vm: JsonObject) => boolean;
};

const DOMAIN = ['spec', 'template', 'spec', 'domain'];
function get(
  value: JsonValue | undefined,
  keys: readonly string[],
): JsonValue | undefined {
  return keys.reduce<JsonValue | undefined>(
    (node, key) =>
      node && typeof node === 'object' && !Array.isArray(node)
        ? node[key]
        : undefined,
    value,
  );
}
const vcpus = (vm: JsonObject) =>
  ['cores', 'sockets', 'threads'].reduce(
    (n, key) => n * Number(get(vm, [...DOMAIN, 'cpu', key]) ?? 1),
    1,
  );

const OPERATIONS: Operation[] = [
  {
    label: 'start',
    input: { operation: 'set-run-strategy', runStrategy: 'Always' },
    owned: [
      ['spec', 'runStrategy'],
      ['spec', 'running'],
    ],
    met: vm =>
      get(vm, ['spec', 'runStrategy']) === 'Always' &&
      get(vm, ['spec', 'running']) === undefined,
  },
  {
    label: 'stop',
    input: { operation: 'set-run-strategy', runStrategy: 'Halted' },
    owned: [
      ['spec', 'runStrategy'],
      ['spec', 'running'],
    ],
    met: vm =>
      get(vm, ['spec', 'runStrategy']) === 'Halted' &&
      get(vm, ['spec', 'running']) === undefined,
  },
  {
    label: 'resize u1.small',
    input: { operation: 'resize', size: { instancetype: 'u1.small' } },
    owned: [
      ['spec', 'instancetype'],
      [...DOMAIN, 'cpu'],
      [...DOMAIN, 'memory'],
      [...DOMAIN, 'resources'],
    ],
    met: vm =>
      get(vm, ['spec', 'instancetype', 'name']) === 'u1.small' &&
      get(vm, [...DOMAIN, 'memory']) === undefined,
  },
  {
    label: 'resize 2 vCPUs 6Gi',
    input: { operation: 'resize', size: { vcpus: 2, memory: '6Gi' } },
    owned: [
      ['spec', 'instancetype'],
      [...DOMAIN, 'cpu'],
      [...DOMAIN, 'memory'],
      [...DOMAIN, 'resources'],
    ],
    met: vm =>
      get(vm, ['spec', 'instancetype']) === undefined &&
      vcpus(vm) === 2 &&
      (get(vm, [...DOMAIN, 'memory', 'guest']) ??
        get(vm, [...DOMAIN, 'resources', 'requests', 'memory'])) === '6Gi',
  },
];

function subsets(environments: readonly string[]): string[][] {
  return environments
    .flatMap((_env, index) => [[environments[index]]])
    .concat(environments.length > 1 ? [[...environments]] : []);
}

function kustomizationDirs(files: ReadonlyMap<string, string>): string[] {
  return [...files.keys()]
    .filter(file => file.endsWith('/kustomization.yaml'))
    .map(file => path.posix.dirname(file))
    .sort();
}

async function renderAll(
  files: ReadonlyMap<string, string>,
): Promise<Map<string, JsonObject[]>> {
  const result = new Map<string, JsonObject[]>();
  for (const dir of kustomizationDirs(files)) {
    const text = await kubectlKustomizeFiles(files, dir);
    result.set(
      dir,
      parseAllDocuments(text).map(document => document.toJS() as JsonObject),
    );
  }
  return result;
}

function keyOf(object: JsonObject): string {
  const metadata = object.metadata as JsonObject;
  return `${String(object.kind)}/${String(metadata.namespace ?? '')}/${String(
    metadata.name,
  )}`;
}

function differingPaths(
  a: JsonValue | undefined,
  b: JsonValue | undefined,
  at: string[] = [],
): string[][] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (
    a &&
    b &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap(key =>
      differingPaths(a[key], b[key], [...at, key]),
    );
  }
  return [at];
}

function after(
  state: VmRepositoryState,
  change: VmChangeSet,
): Map<string, string> {
  const files = new Map(state.files);
  for (const file of change.files) {
    if ('deleted' in file) files.delete(file.path);
    else files.set(file.path, file.content);
  }
  return files;
}

const matrix: string[] = [];

function describeOutcome(
  change: VmChangeSet | undefined,
  outcome: string,
  message: string | undefined,
): string {
  if (change)
    return `only asked fields changed (${change.files.length} file${
      change.files.length === 1 ? '' : 's'
    }: ${change.changedEnvironments.join('+')})`;
  return outcome === 'nothing to change'
    ? 'nothing to change, no PR'
    : `refused: ${message}`;
}

function classify(message: string | undefined): string {
  if (message === undefined) return 'changed';
  if (/^Nothing to change/.test(message)) return 'nothing to change';
  if (
    /patches\[0\] changes \/spec\/template\/spec\/domain\/\S+ of every VirtualMachine it targets, and in this overlay that is also \w+-vm-web-02: changing it for \w+-vm-web-01/.test(
      message,
    )
  ) {
    return 'refused: shared patch';
  }
  return 'refused';
}

/** Everything that differs and must not, for one planned change (empty when it holds). */
function changeViolations(input: {
  fixture: LayoutFixture;
  operation: Operation;
  environments: string[];
  label: string;
  envDir: (env: string) => string;
  isAsked: (object: JsonObject) => boolean;
  change: VmChangeSet;
  rendered: Map<string, JsonObject[]>;
  renderedAfter: Map<string, JsonObject[]>;
}): string[] {
  const {
    fixture,
    operation,
    environments,
    label,
    envDir,
    isAsked,
    change,
    rendered,
    renderedAfter,
  } = input;
  const violations: string[] = [];
  const everyEnvironment = fixture.environments.every(env =>
    environments.includes(env),
  );
  for (const dir of new Set([...rendered.keys(), ...renderedAfter.keys()])) {
    const env = fixture.environments.find(
      candidate => envDir(candidate) === dir,
    );
    const mayChange = env ? environments.includes(env) : everyEnvironment;
    const was = new Map<string, JsonObject>(
      (rendered.get(dir) ?? []).map(object => [keyOf(object), object]),
    );
    const now = new Map<string, JsonObject>(
      (renderedAfter.get(dir) ?? []).map(object => [keyOf(object), object]),
    );
    if (
      JSON.stringify([...now.keys()].sort()) !==
      JSON.stringify([...was.keys()].sort())
    )
      violations.push(`${label}: ${dir} renders other objects`);
    for (const [key, object] of was) {
      const next = now.get(key) ?? {};
      const changed = differingPaths(object, next);
      if (!mayChange || !isAsked(object)) {
        if (changed.length > 0)
          violations.push(
            `${label}: ${dir} ${key} changed at ${changed
              .map(p => p.join('.'))
              .join(', ')} and must not`,
          );
        continue;
      }
      for (const field of changed) {
        if (
          !operation.owned.some(owned => owned.every((k, i) => field[i] === k))
        )
          violations.push(
            `${label}: ${dir} ${key} field ${field.join(
              '.',
            )} is not the operation's`,
          );
      }
      if (env && !operation.met(next))
        violations.push(`${label}: ${env} did not get what was asked`);
    }
  }
  for (const file of change.files) {
    const owner = fixture.environments.find(env =>
      file.path.startsWith(`${envDir(env)}/`),
    );
    if (!(owner ? environments.includes(owner) : everyEnvironment))
      violations.push(`${label}: ${file.path} was written`);
  }
  if (
    !('verdict' in change.verification) ||
    change.verification.verdict.problems.length > 0
  )
    violations.push(`${label}: no clean verdict`);
  return violations;
}

afterAll(() => {
  const text = `${matrix.join('\n')}\n`;
  const dir = path.resolve(__dirname, '../../../../test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'only-asked-changes.txt'), text);
  // eslint-disable-next-line no-console
  console.log(`layout × operation × environments:\n${text}`);
});

async function fixtures(): Promise<LayoutFixture[]> {
  return [
    await ownLayout('per-vm-applicationset'),
    await ownLayout('shared-applicationset'),
    seedLayout(),
    twoVmLayout(),
    strategicMergeFilesLayout(),
    regexTargetLayout(),
    nestedBaseLayout(),
    discoveredWorkshopLayout(),
  ];
}

/** Where the fixture's VM and its environments are, and which rendered objects are it. */
function whereIs(fixture: LayoutFixture) {
  // a VM outside this product's layout paths is planned in the layout discovered from its files
  const vmFolder: VmPaths | undefined = fixture.vmDir
    ? discoveredVmPaths(
        fixture.layout,
        fixture.vmDir,
        discoverVmLayout(fixture.vmDir, fixture.state.files),
        fixture.state.files,
      )
    : undefined;
  const envDir = (env: string) => {
    if (vmFolder) return vmFolder.environmentDir(env);
    return fixture.layout === 'shared-applicationset'
      ? `vms/${fixture.vm}/${env}`
      : `applicationsets/vms/${fixture.vm}/kustomize/${env}`;
  };
  let folder = `applicationsets/vms/${fixture.vm}`;
  if (fixture.vmDir) folder = fixture.vmDir;
  else if (fixture.layout === 'shared-applicationset')
    folder = `vms/${fixture.vm}`;
  const isAsked = (object: JsonObject) =>
    object.kind === 'VirtualMachine' &&
    String((object.metadata as JsonObject).name).endsWith(fixture.sourceName);
  return { vmFolder, envDir, folder, isAsked };
}

/**
 * What each layout does when some or all of the VM's environments are
 * decommissioned, written out per layout (not derived from the product):
 * `changed`, or the refusal the message must match.
 */
const MISSING_APPLICATIONSET =
  /^applicationsets\/vms\/[\w-]+\/applicationset\.yaml is missing: .* Restore the file, or decommission every environment/;
const DECOMMISSION_EXPECTED: Record<
  string,
  (envs: string[]) => RegExp | 'changed'
> = {
  'own per-vm-applicationset': () => 'changed',
  'own shared-applicationset': () => 'changed',
  // this fixture has no ApplicationSet; partialDecommission.kubectl.test
  // plans the seed with its own (a cluster label picks the overlay: refused)
  'seed (JSON 6902, bases:, running)': envs =>
    envs.length === 1 ? MISSING_APPLICATIONSET : 'changed',
  // vm-web-02 renders from the same overlays: deleting them would take it too
  'two VMs per overlay (shared JSON 6902)': () =>
    /VirtualMachine\/(workshop-vms-(dev|prod)\/(dev|prod)-)?vm-web-02 would be removed, and it is not the VM asked for .*move vm-web-01 to a folder of its own/,
  'strategic-merge patch files, folder != metadata.name': envs =>
    envs.length === 1 ? MISSING_APPLICATIONSET : 'changed',
  'regex targets, a Component, the base kustomization decides': () => 'changed',
  'nested base, VM and DataVolume in one file, patch files without target':
    envs => (envs.length === 1 ? MISSING_APPLICATIONSET : 'changed'),
  // no ApplicationSet in the folder: the overlays are picked by a cluster label
  'discovered vms/<vm>/overlays/<env>, strategic-merge patch file with target, secretGenerator':
    envs =>
      envs.length === 1
        ? /cannot leave only (dev|prod): .*Narrow that ApplicationSet's generator .* or decommission every environment/
        : 'changed',
};

describe('a lifecycle pull request changes exactly what was asked', () => {
  let all: LayoutFixture[];
  const before = new Map<string, Map<string, JsonObject[]>>();

  beforeAll(async () => {
    all = await fixtures();
    for (const fixture of all)
      before.set(fixture.name, await renderAll(fixture.state.files));
  }, 120_000);

  /** A fixture by name, what it rendered before, and its planner (a refusal as its message). */
  function prepare(name: string) {
    const fixture = all.find(candidate => candidate.name === name);
    if (!fixture) throw new Error(`no fixture ${name}`);
    const context = planContext(fixture.layout);
    const where = whereIs(fixture);
    const plan = (input: Record<string, unknown>) => {
      const operation = validOperation(
        input,
        context.config,
        fixture.environments,
      );
      return planVmChange(
        operation,
        fixture.state,
        context,
        where.vmFolder && targetIn(operation, where.vmFolder),
      ).then(
        change => ({ change, message: undefined }),
        (error: Error) => ({ change: undefined, message: error.message }),
      );
    };
    const rendered: Map<string, JsonObject[]> =
      before.get(fixture.name) ?? new Map();
    return { fixture, rendered, plan, ...where };
  }

  it.each([
    'own per-vm-applicationset',
    'own shared-applicationset',
    'seed (JSON 6902, bases:, running)',
    'two VMs per overlay (shared JSON 6902)',
    'strategic-merge patch files, folder != metadata.name',
    'regex targets, a Component, the base kustomization decides',
    'nested base, VM and DataVolume in one file, patch files without target',
    'discovered vms/<vm>/overlays/<env>, strategic-merge patch file with target, secretGenerator',
  ])(
    '%s: every operation on every subset of environments',
    async name => {
      const { fixture, rendered, plan, envDir, isAsked } = prepare(name);
      expect([...rendered.keys()].length).toBeGreaterThanOrEqual(3);
      const violations: string[] = [];
      for (const operation of OPERATIONS) {
        for (const environments of subsets(fixture.environments)) {
          const label = `${fixture.name} | ${
            operation.label
          } | ${environments.join('+')}`;
          const input = {
            ...operation.input,
            vmName: fixture.vm,
            environments,
          };
          const alreadyMet = environments.every(env =>
            (rendered.get(envDir(env)) ?? [])
              .filter(isAsked)
              .every(operation.met),
          );
          let expected = 'changed';
          if (alreadyMet) expected = 'nothing to change';
          else if (fixture.neighbour && operation.label.startsWith('resize'))
            expected = 'refused: shared patch';
          const result = await plan(input);
          const outcome = classify(result.message);
          if (outcome !== expected)
            violations.push(
              `${label}: expected ${expected}, got ${outcome} (${
                result.message ?? 'a change'
              })`,
            );
          matrix.push(
            `${label} | ${describeOutcome(
              result.change,
              outcome,
              result.message,
            )}`,
          );
          if (!result.change) continue;
          const renderedAfter = await renderAll(
            after(fixture.state, result.change),
          );
          violations.push(
            ...changeViolations({
              fixture,
              operation,
              environments,
              label,
              envDir,
              isAsked,
              change: result.change,
              rendered,
              renderedAfter,
            }),
          );
        }
      }
      expect(violations).toEqual([]);
    },
    240_000,
  );

  it.each(Object.keys(DECOMMISSION_EXPECTED))(
    '%s: decommission of every subset of environments',
    async name => {
      const { fixture, rendered, plan, envDir, folder, isAsked } =
        prepare(name);
      const violations: string[] = [];
      for (const environments of subsets(fixture.environments)) {
        const label = `${fixture.name} | decommission | ${environments.join(
          '+',
        )}`;
        const everyEnvironment =
          environments.length === fixture.environments.length;
        const expected = DECOMMISSION_EXPECTED[name](environments);
        const result = await plan({
          operation: 'decommission',
          vmName: fixture.vm,
          reason: 'the matrix asks',
          environments,
        });
        matrix.push(
          `${label} | ${
            result.change
              ? `decommissioned (${result.change.files.length} file${
                  result.change.files.length === 1 ? '' : 's'
                }: ${result.change.files
                  .map(file =>
                    'deleted' in file ? `-${file.path}` : `~${file.path}`,
                  )
                  .join(' ')})`
              : `refused: ${result.message}`
          }`,
        );
        if (expected !== 'changed') {
          if (result.change || !expected.test(result.message ?? ''))
            violations.push(
              `${label}: expected a refusal matching ${expected}, got ${
                result.message ?? 'a change'
              }`,
            );
          continue;
        }
        if (!result.change) {
          violations.push(`${label}: refused (${result.message})`);
          continue;
        }
        const filesAfter = after(fixture.state, result.change);
        const renderedAfter = await renderAll(filesAfter);
        const askedDirs = new Set(environments.map(envDir));
        for (const [dir, objects] of rendered) {
          const was = new Map(objects.map(object => [keyOf(object), object]));
          const now = new Map(
            (renderedAfter.get(dir) ?? []).map(object => [
              keyOf(object),
              object,
            ]),
          );
          const hadVm = objects.some(isAsked);
          const mayGo =
            askedDirs.has(dir) ||
            (everyEnvironment && (hadVm || dir.startsWith(`${folder}/`)));
          if (!mayGo) {
            // every other overlay, and every folder of another VM, renders as before
            if (
              JSON.stringify(renderedAfter.get(dir)) !== JSON.stringify(objects)
            )
              violations.push(
                `${label}: ${dir} renders differently and must not`,
              );
            continue;
          }
          if ([...now.values()].some(isAsked))
            violations.push(`${label}: ${dir} still renders the VM`);
          // another VM rendered from the same folder stays exactly as it was
          for (const [key, object] of was) {
            if (object.kind !== 'VirtualMachine' || isAsked(object)) continue;
            if (JSON.stringify(now.get(key)) !== JSON.stringify(object))
              violations.push(
                `${label}: ${dir} ${key} changed or went and must not`,
              );
          }
        }
        for (const file of result.change.files) {
          if (!file.path.startsWith(`${folder}/`))
            violations.push(
              `${label}: ${file.path}, outside ${folder}, was written`,
            );
        }
        if (everyEnvironment) {
          // the whole folder goes; an emptied catalog-info.yaml (no entity) may stay
          const left = [...filesAfter.entries()]
            .filter(([file]) => file.startsWith(`${folder}/`))
            .filter(
              ([file, text]) =>
                file !== `${folder}/catalog-info.yaml` ||
                parseAllDocuments(text).some(doc => doc.toJS() !== null),
            )
            .map(([file]) => file);
          if (left.length > 0)
            violations.push(`${label}: ${folder} keeps ${left.join(', ')}`);
        }
      }
      expect(violations).toEqual([]);
    },
    240_000,
  );
});
