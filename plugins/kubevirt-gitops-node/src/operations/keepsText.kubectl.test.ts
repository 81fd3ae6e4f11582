/*
 * Byte-level checks of what lifecycle pull requests write into existing
 * files: edits in place, in each file's own style (sequence indentation,
 * block scalar style, key order, final newline), and nothing else.
 */
import { planContext, validOperation } from '../__testUtils__/fixtures';
import {
  ownLayout,
  seedLayout,
  strategicMergeFilesLayout,
  type LayoutFixture,
} from '../__testUtils__/layoutFixtures';
import { planVmChange } from './planVmChange';
import type { VmChangeSet } from './types';

// every case runs the real kubectl several times; a loaded machine needs more than 5 s
jest.setTimeout(60_000);

async function plan(
  fixture: LayoutFixture,
  input: Record<string, unknown>,
): Promise<VmChangeSet> {
  const context = planContext(fixture.layout);
  return planVmChange(
    validOperation(
      { ...input, vmName: fixture.vm },
      context.config,
      fixture.environments,
    ),
    fixture.state,
    context,
  );
}

function written(change: VmChangeSet): Record<string, string> {
  return Object.fromEntries(
    change.files.map(file => [
      file.path,
      'content' in file ? file.content : '(deleted)',
    ]),
  );
}

const SEED = 'applicationsets/vms/demo-vm/kustomize';

describe('lifecycle edits keep the text', () => {
  it('seed, start everywhere: `running: false` becomes `runStrategy: Always` where it stood, and only the base changes', async () => {
    const seed = seedLayout();
    const change = await plan(seed, {
      operation: 'set-run-strategy',
      runStrategy: 'Always',
    });
    const base = `${SEED}/base/virtualmachine.yaml`;
    expect(written(change)).toEqual({
      [base]: (seed.state.files.get(base) ?? '').replace(
        '  running: false\n',
        '  runStrategy: Always\n',
      ),
    });
  });

  it("seed, stop dev: the dev patch gets two operations in its own `|` block style; prod's files are not written", async () => {
    const seed = seedLayout();
    const change = await plan(seed, {
      operation: 'set-run-strategy',
      runStrategy: 'Halted',
      environments: ['dev'],
    });
    const dev = `${SEED}/dev/kustomization.yaml`;
    expect(written(change)).toEqual({
      [dev]: (seed.state.files.get(dev) ?? '').replace(
        '        value: 4096M\n',
        '        value: 4096M\n      - op: add\n        path: /spec/runStrategy\n        value: Halted\n      - op: remove\n        path: /spec/running\n',
      ),
    });
  });

  it("seed, resize prod to 2 vCPUs and 6Gi: prod's memory value changes in place, dev's memory patch stays", async () => {
    const seed = seedLayout();
    const change = await plan(seed, {
      operation: 'resize',
      size: { vcpus: 2, memory: '6Gi' },
      environments: ['prod'],
    });
    const prod = `${SEED}/prod/kustomization.yaml`;
    expect(written(change)).toEqual({
      [prod]: (seed.state.files.get(prod) ?? '').replace(
        '        value: 2048M\n',
        '        value: 6Gi\n      - op: add\n        path: /spec/template/spec/domain/cpu\n        value:\n          cores: 2\n',
      ),
    });
    expect(
      change.previews.find(preview => preview.environment === 'dev')?.manifests,
    ).toContain('guest: 4096M');
  });

  it("own layout, stop prod: prod's patch gets runStrategy; dev keeps its Halted override untouched", async () => {
    const own = await ownLayout('per-vm-applicationset');
    const change = await plan(own, {
      operation: 'set-run-strategy',
      runStrategy: 'Halted',
      environments: ['prod'],
    });
    const prod =
      'applicationsets/vms/build-runner/kustomize/prod/kustomization.yaml';
    const before = own.state.files.get(prod) ?? '';
    const after = written(change)[prod];
    expect(Object.keys(written(change))).toEqual([prod]);
    // exactly one line added, at the end of the patch's spec, in its indentation
    const added = after
      .split('\n')
      .filter(line => !before.split('\n').includes(line));
    expect(added).toEqual(['        runStrategy: Halted']);
    expect(after.split('\n').length).toBe(before.split('\n').length + 1);
  });

  it('strategic-merge files, resize dev: the patch file is edited in place with its comments; the kustomization is not written', async () => {
    const stretch = strategicMergeFilesLayout();
    const change = await plan(stretch, {
      operation: 'resize',
      size: { vcpus: 2, memory: '6Gi' },
      environments: ['dev'],
    });
    const patch = 'applicationsets/vms/stretchtest/kustomize/dev/patches.yaml';
    expect(written(change)).toEqual({
      [patch]: (stretch.state.files.get(patch) ?? '').replace(
        '            memory: 4Gi\n',
        '            memory: 6Gi\n        cpu:\n          cores: 2\n',
      ),
    });
  });

  it('a start where every asked environment already runs opens nothing and says so', async () => {
    const own = await ownLayout('per-vm-applicationset');
    await expect(
      plan(own, {
        operation: 'set-run-strategy',
        runStrategy: 'Always',
        environments: ['prod'],
      }),
    ).rejects.toThrow(
      'Nothing to change: VM build-runner already has run strategy Always in prod; no pull request was opened.',
    );
  });
});
