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
import { planContext, validOperation } from '../__testUtils__/fixtures';
import {
  ownLayout,
  seedLayout,
  strategicMergeFilesLayout,
  twoVmLayout,
  type LayoutFixture,
} from '../__testUtils__/layoutFixtures';
import { planVmChange } from './planVmChange';
import type { VmChangeSet, VmRepositoryState } from './types';

type Operation = { label: string; input: Record<string, unknown>; owned: string[][]; met: (vm: JsonObject) => boolean };

const DOMAIN = ['spec', 'template', 'spec', 'domain'];
function get(value: JsonValue | undefined, keys: readonly string[]): JsonValue | undefined {
  return keys.reduce<JsonValue | undefined>((node, key) => (node && typeof node === 'object' && !Array.isArray(node) ? node[key] : undefined), value);
}
const vcpus = (vm: JsonObject) => ['cores', 'sockets', 'threads'].reduce((n, key) => n * Number(get(vm, [...DOMAIN, 'cpu', key]) ?? 1), 1);

const OPERATIONS: Operation[] = [
  {
    label: 'start',
    input: { operation: 'set-run-strategy', runStrategy: 'Always' },
    owned: [['spec', 'runStrategy'], ['spec', 'running']],
    met: vm => get(vm, ['spec', 'runStrategy']) === 'Always' && get(vm, ['spec', 'running']) === undefined,
  },
  {
    label: 'stop',
    input: { operation: 'set-run-strategy', runStrategy: 'Halted' },
    owned: [['spec', 'runStrategy'], ['spec', 'running']],
    met: vm => get(vm, ['spec', 'runStrategy']) === 'Halted' && get(vm, ['spec', 'running']) === undefined,
  },
  {
    label: 'resize u1.small',
    input: { operation: 'resize', size: { instancetype: 'u1.small' } },
    owned: [['spec', 'instancetype'], [...DOMAIN, 'cpu'], [...DOMAIN, 'memory'], [...DOMAIN, 'resources']],
    met: vm => get(vm, ['spec', 'instancetype', 'name']) === 'u1.small' && get(vm, [...DOMAIN, 'memory']) === undefined,
  },
  {
    label: 'resize 2 vCPUs 6Gi',
    input: { operation: 'resize', size: { vcpus: 2, memory: '6Gi' } },
    owned: [['spec', 'instancetype'], [...DOMAIN, 'cpu'], [...DOMAIN, 'memory'], [...DOMAIN, 'resources']],
    met: vm => get(vm, ['spec', 'instancetype']) === undefined && vcpus(vm) === 2 && (get(vm, [...DOMAIN, 'memory', 'guest']) ?? get(vm, [...DOMAIN, 'resources', 'requests', 'memory'])) === '6Gi',
  },
];

function subsets(environments: readonly string[]): string[][] {
  return environments.flatMap((_env, index) => [[environments[index]]]).concat(environments.length > 1 ? [[...environments]] : []);
}

function kustomizationDirs(files: ReadonlyMap<string, string>): string[] {
  return [...files.keys()].filter(file => file.endsWith('/kustomization.yaml')).map(file => path.posix.dirname(file)).sort();
}

async function renderAll(files: ReadonlyMap<string, string>): Promise<Map<string, JsonObject[]>> {
  const result = new Map<string, JsonObject[]>();
  for (const dir of kustomizationDirs(files)) {
    const text = await kubectlKustomizeFiles(files, dir);
    result.set(dir, parseAllDocuments(text).map(document => document.toJS() as JsonObject));
  }
  return result;
}

function keyOf(object: JsonObject): string {
  const metadata = object.metadata as JsonObject;
  return `${String(object.kind)}/${String(metadata.namespace ?? '')}/${String(metadata.name)}`;
}

function differingPaths(a: JsonValue | undefined, b: JsonValue | undefined, at: string[] = []): string[][] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap(key => differingPaths(a[key], b[key], [...at, key]));
  }
  return [at];
}

function after(state: VmRepositoryState, change: VmChangeSet): Map<string, string> {
  const files = new Map(state.files);
  for (const file of change.files) {
    if ('deleted' in file) files.delete(file.path);
    else files.set(file.path, file.content);
  }
  return files;
}

const matrix: string[] = [];

afterAll(() => {
  const text = `${matrix.join('\n')}\n`;
  const dir = path.resolve(__dirname, '../../../../test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'only-asked-changes.txt'), text);
  // eslint-disable-next-line no-console
  console.log(`layout × operation × environments:\n${text}`);
});

async function fixtures(): Promise<LayoutFixture[]> {
  return [await ownLayout('per-vm-applicationset'), await ownLayout('shared-applicationset'), seedLayout(), twoVmLayout(), strategicMergeFilesLayout()];
}

describe('a lifecycle pull request changes exactly what was asked', () => {
  let all: LayoutFixture[];
  const before = new Map<string, Map<string, JsonObject[]>>();

  beforeAll(async () => {
    all = await fixtures();
    for (const fixture of all) before.set(fixture.name, await renderAll(fixture.state.files));
  }, 120_000);

  it.each(['own per-vm-applicationset', 'own shared-applicationset', 'seed (JSON 6902, bases:, running)', 'two VMs per overlay (shared JSON 6902)', 'strategic-merge patch files, folder != metadata.name'])(
    '%s: every operation on every subset of environments',
    async name => {
      const fixture = all.find(candidate => candidate.name === name);
      if (!fixture) throw new Error(`no fixture ${name}`);
      const context = planContext(fixture.layout);
      const rendered = before.get(fixture.name) ?? new Map();
      const envDir = (env: string) => (fixture.layout === 'shared-applicationset' ? `vms/${fixture.vm}/${env}` : `applicationsets/vms/${fixture.vm}/kustomize/${env}`);
      const isAsked = (object: JsonObject) => object.kind === 'VirtualMachine' && String((object.metadata as JsonObject).name).endsWith(fixture.sourceName);
      for (const operation of OPERATIONS) {
        for (const environments of subsets(fixture.environments)) {
          const label = `${fixture.name} | ${operation.label} | ${environments.join('+')}`;
          const input = { ...operation.input, vmName: fixture.vm, environments };
          const alreadyMet = environments.every(env => (rendered.get(envDir(env)) ?? []).filter(isAsked).every(operation.met));
          let change: VmChangeSet;
          try {
            change = await planVmChange(validOperation(input, context.config, fixture.environments), fixture.state, context);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            matrix.push(`${label} | ${/^Nothing to change/.test(message) ? 'nothing to change, no PR' : `refused: ${message}`}`);
            if (alreadyMet) {
              expect(message).toMatch(/^Nothing to change/);
            } else {
              // the only refusal expected here: a patch shared by two VMs
              expect(fixture.neighbour).toBeDefined();
              expect(operation.label).toMatch(/^resize/);
              expect(message).toMatch(/patches\[0\] changes \/spec\/template\/spec\/domain\/\S+ of every VirtualMachine it targets, and in this overlay that is also \w+-vm-web-02/);
            }
            continue;
          }
          expect(alreadyMet).toBe(false);
          const files = after(fixture.state, change);
          const renderedAfter = await renderAll(files);
          const everyEnvironment = fixture.environments.every(env => environments.includes(env));
          for (const dir of new Set([...rendered.keys(), ...renderedAfter.keys()])) {
            const env = fixture.environments.find(candidate => envDir(candidate) === dir);
            const mayChange = env ? environments.includes(env) : everyEnvironment;
            const was = new Map((rendered.get(dir) ?? []).map(object => [keyOf(object), object]));
            const now = new Map((renderedAfter.get(dir) ?? []).map(object => [keyOf(object), object]));
            expect([...now.keys()].sort()).toEqual([...was.keys()].sort());
            for (const [key, object] of was) {
              const next = now.get(key) ?? {};
              if (!mayChange || !isAsked(object)) {
                expect({ label, dir, key, object: next }).toEqual({ label, dir, key, object });
                continue;
              }
              for (const changed of differingPaths(object, next)) {
                expect({ label, dir, key, changed, owned: operation.owned.some(owned => owned.every((k, i) => changed[i] === k)) }).toEqual({ label, dir, key, changed, owned: true });
              }
              if (env) expect({ label, env, met: operation.met(next) }).toEqual({ label, env, met: true });
            }
          }
          // only the asked environments' files (and the base, when every environment is asked) were written
          for (const file of change.files) {
            const owner = fixture.environments.find(env => file.path.startsWith(`${envDir(env)}/`));
            expect({ label, file: file.path, allowed: owner ? environments.includes(owner) : everyEnvironment }).toEqual({ label, file: file.path, allowed: true });
          }
          expect(change.verification).toHaveProperty('verdict.problems', []);
          matrix.push(`${label} | only asked fields changed (${change.files.length} file${change.files.length === 1 ? '' : 's'}: ${change.changedEnvironments.join('+')})`);
        }
      }
    },
    240_000,
  );
});
