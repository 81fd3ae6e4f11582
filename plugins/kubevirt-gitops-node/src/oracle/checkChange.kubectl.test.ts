/*
 * The oracle on hand-made before/after trees (rendered with the real
 * kubectl): it lets the asked change through and refuses, naming the
 * environment, object and field, what a pull request must never do.
 */
import { seedLayout, twoVmLayout } from '../__testUtils__/layoutFixtures';
import { createKustomizeRunner } from '../kustomize/kustomizeRunner';
import { checkChange, type OracleInput } from './checkChange';

// every case runs the real kubectl several times; a loaded machine needs more than 5 s
jest.setTimeout(60_000);
const runner = createKustomizeRunner();
const seed = seedLayout();
const root = 'applicationsets/vms/demo-vm/kustomize';
const source = {
  file: `${root}/base/virtualmachine.yaml`,
  documentIndex: 0,
  sourceName: 'demo-vm',
};
const environmentDirs = new Map([
  ['dev', `${root}/dev`],
  ['prod', `${root}/prod`],
]);

function input(
  edit: (files: Map<string, string>) => void,
  overrides: Partial<OracleInput> = {},
): OracleInput {
  const after = new Map(seed.state.files);
  edit(after);
  return {
    runner,
    before: seed.state.files,
    after,
    environmentDirs,
    askedEnvironments: ['prod'],
    source,
    scope: {
      kind: 'fields',
      group: 'runStrategy',
      goal: { group: 'runStrategy', runStrategy: 'Halted' },
    },
    ...overrides,
  };
}

const prodKustomization = `${root}/prod/kustomization.yaml`;
const devKustomization = `${root}/dev/kustomization.yaml`;
const halt = (files: Map<string, string>, file: string, spec: string) =>
  files.set(
    file,
    `${files.get(
      file,
    )}  - patch: |\n      apiVersion: kubevirt.io/v1\n      kind: VirtualMachine\n      metadata:\n        name: demo-vm\n      spec:\n${spec}`,
  );

describe('checkChange', () => {
  it('passes the asked field in the asked environment, and says what did not change', async () => {
    const { verdict } = await checkChange(
      input(files =>
        halt(
          files,
          prodKustomization,
          '        running: null\n        runStrategy: Halted\n',
        ),
      ),
    );
    expect(verdict.problems).toEqual([]);
    expect(verdict.changes).toEqual([
      {
        environment: 'prod',
        directory: `${root}/prod`,
        object: 'VirtualMachine/prod-demo-vm',
        fields: ['spec.running', 'spec.runStrategy'],
        values: [
          { field: 'spec.running', before: false, after: undefined },
          { field: 'spec.runStrategy', before: undefined, after: 'Halted' },
        ],
      },
    ]);
    expect(verdict.unchanged).toEqual([`${root}/base`, 'dev']);
  });

  it('refuses a change in an environment that was not asked', async () => {
    const { verdict } = await checkChange(
      input(files =>
        halt(
          files,
          devKustomization,
          '        running: null\n        runStrategy: Halted\n',
        ),
      ),
    );
    expect(verdict.problems).toEqual(
      expect.arrayContaining([
        `dev (${root}/dev): VirtualMachine/dev-demo-vm field spec.running would change, and dev was not asked for`,
        `prod (${root}/prod): the change does not take effect: spec.runStrategy is null, not Halted (another statement of the overlay decides it)`,
      ]),
    );
  });

  it('refuses runStrategy next to running (KubeVirt rejects it)', async () => {
    const { verdict } = await checkChange(
      input(files =>
        halt(files, prodKustomization, '        runStrategy: Halted\n'),
      ),
    );
    expect(verdict.problems).toContain(
      `prod (${root}/prod): VirtualMachine/prod-demo-vm: spec.runStrategy and spec.running are both set (KubeVirt accepts only one)`,
    );
  });

  it('refuses an instancetype next to memory.guest, and memory.guest above the requested memory', async () => {
    const size = {
      kind: 'fields' as const,
      group: 'size' as const,
      goal: { group: 'size' as const, size: { instancetype: 'u1.small' } },
    };
    const instancetype = await checkChange(
      input(
        files =>
          halt(
            files,
            prodKustomization,
            '        instancetype:\n          kind: VirtualMachineClusterInstancetype\n          name: u1.small\n',
          ),
        { scope: size },
      ),
    );
    expect(instancetype.verdict.problems).toContain(
      `prod (${root}/prod): VirtualMachine/prod-demo-vm: spec.instancetype is set next to spec.template.spec.domain.memory.guest (the instancetype decides it; KubeVirt refuses both)`,
    );
    const custom = {
      kind: 'fields' as const,
      group: 'size' as const,
      goal: { group: 'size' as const, size: { vcpus: 1, memory: '2048M' } },
    };
    const guest = await checkChange(
      input(
        files =>
          halt(
            files,
            prodKustomization,
            '        template:\n          spec:\n            domain:\n              resources:\n                requests:\n                  memory: 1Gi\n',
          ),
        { scope: custom },
      ),
    );
    expect(guest.verdict.problems).toContain(
      `prod (${root}/prod): VirtualMachine/prod-demo-vm: spec.template.spec.domain.memory.guest (2048M) is above resources.requests.memory (1Gi)`,
    );
  });

  it('refuses a field the KubeVirt schema does not know', async () => {
    const { verdict } = await checkChange(
      input(files =>
        halt(
          files,
          prodKustomization,
          '        running: null\n        runStategy: Halted\n',
        ),
      ),
    );
    expect(verdict.problems).toEqual(
      expect.arrayContaining([
        `prod (${root}/prod): VirtualMachine/prod-demo-vm fails the KubeVirt schema: /spec must NOT have additional properties (runStategy)`,
      ]),
    );
  });

  it("refuses an overlay that stops rendering, with kustomize's reason", async () => {
    const { verdict } = await checkChange(
      input(files =>
        files.set(
          prodKustomization,
          `${files.get(prodKustomization)}  - path: missing-patch.yaml\n`,
        ),
      ),
    );
    expect(verdict.problems).toHaveLength(1);
    expect(verdict.problems[0]).toMatch(
      new RegExp(
        `^prod \\(${root}/prod\\) no longer renders after the change: .*missing-patch\\.yaml`,
      ),
    );
  });

  it("refuses a change to the asked VM's neighbour", async () => {
    const web = twoVmLayout();
    const after = new Map(web.state.files);
    after.set(
      'vms/vm-web-01/base/vm-web-02.yaml',
      (after.get('vms/vm-web-01/base/vm-web-02.yaml') ?? '').replace(
        'runStrategy: Always',
        'runStrategy: Halted',
      ),
    );
    const { verdict } = await checkChange({
      runner,
      before: web.state.files,
      after,
      environmentDirs: new Map([
        ['dev', 'vms/vm-web-01/dev'],
        ['prod', 'vms/vm-web-01/prod'],
      ]),
      askedEnvironments: ['dev', 'prod'],
      source: {
        file: 'vms/vm-web-01/base/vm-web-01.yaml',
        documentIndex: 0,
        sourceName: 'vm-web-01',
      },
      scope: {
        kind: 'fields',
        group: 'runStrategy',
        goal: { group: 'runStrategy', runStrategy: 'Halted' },
      },
    });
    expect(verdict.problems).toEqual(
      expect.arrayContaining([
        'dev (vms/vm-web-01/dev): VirtualMachine/workshop-vms-dev/dev-vm-web-02 field spec.runStrategy would change, and it is not the VM asked for',
        'vms/vm-web-01/base: VirtualMachine/vm-web-02 field spec.runStrategy would change, and it is not the VM asked for',
      ]),
    );
  });

  it('refuses a remote base without running kustomize on it', async () => {
    const { verdict } = await checkChange(
      input(files =>
        files.set(
          prodKustomization,
          (files.get(prodKustomization) ?? '').replace(
            '  - ../base',
            '  - ../base\n  - https://github.com/acme/vms//base?ref=v1',
          ),
        ),
      ),
    );
    expect(verdict.problems).toEqual([
      `prod (${root}/prod) no longer renders after the change: ${prodKustomization} refers to the remote resource https://github.com/acme/vms//base?ref=v1; previews are rendered without network access, so remote bases are not supported (vendor it into the repository)`,
    ]);
  });
});
