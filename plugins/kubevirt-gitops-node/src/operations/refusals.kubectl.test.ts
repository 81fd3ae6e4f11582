/*
 * Every refusal of a lifecycle operation on a repository this product did
 * not write says which file (or folder), which construct, and what the user
 * can do. Each case below breaks one thing in a layout taken from a real
 * public repository (the fixtures name theirs) and plans the operation with
 * the real kubectl; the list of messages is printed and written to
 * test-results/refusals.txt. Refusals never open a pull request: a refused
 * plan returns no change set at all.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { validateVmOperation } from '@internal/plugin-kubevirt-gitops-common';
import {
  planContext,
  targetIn,
  validOperation,
} from '../__testUtils__/fixtures';
import {
  ownLayout,
  seedLayout,
  twoVmLayout,
  type LayoutFixture,
} from '../__testUtils__/layoutFixtures';
import { createKustomizeRunner } from '../kustomize/kustomizeRunner';
import {
  discoveredVmPaths,
  discoverVmLayout,
} from '../layout/discoverVmLayout';
import type { VmPaths } from '@internal/plugin-kubevirt-gitops-common';
import { planVmChange } from './planVmChange';
import type { PlanContext, VmRepositoryState } from './types';

jest.setTimeout(120_000);

type Case = {
  name: string;
  /** The layout it starts from and where that comes from. */
  from: string;
  /** Plans the operation; must reject. */
  plan: () => Promise<unknown>;
  /** The file or folder the message must name. */
  file: string;
  /** The construct the message must name. */
  construct: RegExp;
  /** What the user can do, as the message must say it. */
  remedy: RegExp;
};

function withFiles(
  fixture: LayoutFixture,
  change: Record<string, string | null>,
): VmRepositoryState {
  const files = new Map(fixture.state.files);
  for (const [file, text] of Object.entries(change)) {
    if (text === null) files.delete(file);
    else files.set(file, text);
  }
  return { paths: [...files.keys()].sort(), files };
}

const SEED_DEV = 'applicationsets/vms/demo-vm/kustomize/dev';
const OWN_ROOT = 'applicationsets/vms/build-runner';
const WEB_ROOT = 'vms/vm-web-01';

function stop(vmName: string, environments: string[]) {
  return {
    operation: 'set-run-strategy',
    runStrategy: 'Halted',
    vmName,
    environments,
  };
}

async function cases(): Promise<Case[]> {
  const seed = seedLayout();
  const web = twoVmLayout();
  const own = await ownLayout('per-vm-applicationset');
  const seedContext = planContext(seed.layout);
  const ownContext = planContext(own.layout);
  const webContext = planContext(web.layout);
  const seedOp = (input: Record<string, unknown>) =>
    validOperation(input, seedContext.config, seed.environments);

  const seedOverlay = seed.state.files.get(`${SEED_DEV}/kustomization.yaml`)!;
  const ownApplicationSet = own.state.files.get(
    `${OWN_ROOT}/applicationset.yaml`,
  )!;

  // The two VMs of anibalcoral's base in a folder named after neither.
  const webAsOne: Record<string, string | null> = {};
  for (const [file, text] of web.state.files) {
    webAsOne[file] = null;
    webAsOne[file.replace(WEB_ROOT, 'vms/web')] = text;
  }

  // rmallam/kubevirt-gitops keeps one folder per VM with nested overlays
  // in two parents and no ApplicationSet beside them.
  const scattered = new Map([
    [
      'vms/scattered/base/kustomization.yaml',
      seed.state.files.get(
        'applicationsets/vms/demo-vm/kustomize/base/kustomization.yaml',
      )!,
    ],
    [
      'vms/scattered/base/virtualmachine.yaml',
      seed.state.files.get(
        'applicationsets/vms/demo-vm/kustomize/base/virtualmachine.yaml',
      )!,
    ],
    [
      'vms/scattered/east/dev/kustomization.yaml',
      seedOverlay.replace('../base', '../../base'),
    ],
    [
      'vms/scattered/west/prod/kustomization.yaml',
      seedOverlay.replace('../base', '../../base'),
    ],
  ]);

  const labelFolder = 'applicationsets/vms/demo-vm';
  const labelFiles = new Map([
    ...seed.state.files,
    [
      `${labelFolder}/applicationset.yaml`,
      `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: demo-vm\nspec:\n  generators:\n    - clusters: {}\n  template:\n    spec:\n      source:\n        path: "${labelFolder}/kustomize/{{metadata.labels.env}}"\n`,
    ],
  ]);
  const labelPaths: VmPaths = discoveredVmPaths(
    seedContext.config.layout,
    labelFolder,
    discoverVmLayout(labelFolder, labelFiles),
    labelFiles,
  );

  const noKustomize: PlanContext = {
    ...seedContext,
    kustomize: createKustomizeRunner({
      command: ['/nonexistent/kubectl-for-this-test', 'kustomize'],
    }),
  };

  return [
    {
      name: 'resize through a patch shared by two VMs',
      from: web.source,
      plan: () =>
        planVmChange(
          validOperation(
            {
              operation: 'resize',
              vmName: web.vm,
              environments: ['dev'],
              size: { vcpus: 2, memory: '6Gi' },
            },
            webContext.config,
            web.environments,
          ),
          web.state,
          webContext,
        ),
      file: `${WEB_ROOT}/dev/kustomization.yaml`,
      construct:
        /patches\[0\] changes \/spec\/template\/spec\/domain\/cpu\/sockets of every VirtualMachine it targets/,
      remedy: /Give the patch a target\.name \(or split it per VM\)/,
    },
    {
      name: 'an overlay that does not render on the base branch',
      from: seed.source,
      plan: () =>
        planVmChange(
          seedOp(stop(seed.vm, ['dev'])),
          withFiles(seed, {
            [`${SEED_DEV}/kustomization.yaml`]: seedOverlay.replace(
              'bases:\n  - ../base\n',
              'bases:\n  - ../base\nresources:\n  - missing-disk.yaml\n',
            ),
          }),
          seedContext,
        ),
      file: SEED_DEV,
      construct:
        /does not render on the base branch: accumulating resources: .*missing-disk\.yaml: no such file or directory/s,
      remedy: /Fix it before changing the VM there/,
    },
    {
      name: 'an overlay that renders no VirtualMachine',
      from: seed.source,
      plan: () =>
        planVmChange(
          seedOp(stop(seed.vm, ['dev'])),
          withFiles(seed, {
            [`${SEED_DEV}/kustomization.yaml`]:
              'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n\nconfigMapGenerator:\n  - name: notes\n    literals:\n      - owner=platform\n',
          }),
          seedContext,
        ),
      file: SEED_DEV,
      construct:
        /does not render the VM demo-vm from applicationsets\/vms\/demo-vm\/kustomize\/base\/virtualmachine\.yaml/,
      remedy:
        /Add that folder back to its resources \(or bases:\), or leave dev out of the environments asked/,
    },
    {
      name: 'a folder with two VMs, none named after it',
      from: web.source,
      plan: () =>
        planVmChange(
          validOperation(
            stop('web', ['dev']),
            webContext.config,
            web.environments,
          ),
          withFiles(web, webAsOne),
          webContext,
        ),
      file: 'vms/web',
      construct:
        /renders several VirtualMachines \(vm-web-01 from vms\/web\/base\/vm-web-01\.yaml, vm-web-02 from vms\/web\/base\/vm-web-02\.yaml\)/,
      remedy: /none is named web/,
    },
    {
      name: 'overlays whose environments cannot be told',
      from: 'rmallam/kubevirt-gitops (one folder per VM), overlays in two parents',
      plan: async () => discoverVmLayout('vms/scattered', scattered),
      file: 'vms/scattered',
      construct:
        /no ApplicationSet in the folder has an Application path with one placeholder/,
      remedy:
        /Add such an ApplicationSet, or move the overlays to <folder>\/<environment>\//,
    },
    {
      name: 'decommission of one environment picked by a cluster label',
      from: seed.source,
      plan: () => {
        const operation = seedOp({
          operation: 'decommission',
          vmName: 'demo-vm',
          reason: 'dev is not needed',
          environments: ['dev'],
        });
        return planVmChange(
          operation,
          { paths: [...labelFiles.keys()].sort(), files: labelFiles },
          seedContext,
          targetIn(operation, labelPaths),
        );
      },
      file: `${labelFolder}/applicationset.yaml`,
      construct:
        /ApplicationSet demo-vm, path applicationsets\/vms\/demo-vm\/kustomize\/\{\{metadata\.labels\.env\}\}\) deploys an overlay to every cluster whose label names one/,
      remedy: /cannot leave only dev/,
    },
    {
      name: "decommission of one environment when the VM's ApplicationSet is gone",
      from: own.source,
      plan: () =>
        planVmChange(
          validOperation(
            {
              operation: 'decommission',
              vmName: own.vm,
              reason: 'dev is not needed',
              environments: ['dev'],
            },
            ownContext.config,
            own.environments,
          ),
          withFiles(own, { [`${OWN_ROOT}/applicationset.yaml`]: null }),
          ownContext,
        ),
      file: `${OWN_ROOT}/applicationset.yaml`,
      construct: /is missing: the VM's ApplicationSet decides where it runs/,
      remedy: /Restore the file, or decommission every environment/,
    },
    {
      name: 'decommission of one environment from an ApplicationSet written by hand',
      from: own.source,
      plan: () =>
        planVmChange(
          validOperation(
            {
              operation: 'decommission',
              vmName: own.vm,
              reason: 'dev is not needed',
              environments: ['dev'],
            },
            ownContext.config,
            own.environments,
          ),
          withFiles(own, {
            [`${OWN_ROOT}/applicationset.yaml`]: ownApplicationSet.replace(
              /env: dev/g,
              'stage: dev',
            ),
          }),
          ownContext,
        ),
      file: `${OWN_ROOT}/applicationset.yaml`,
      construct: /has no clusters generator with values\.env dev/,
      remedy: /change it by hand/,
    },
    {
      name: 'an environment the VM is not in',
      from: own.source,
      plan: async () => {
        // without the entity's environments, the plan itself finds it out
        const result = validateVmOperation(
          {
            operation: 'decommission',
            vmName: own.vm,
            reason: 'lab is not needed',
            environments: ['lab'],
          },
          ownContext.config,
        );
        if (!result.ok) throw new Error(JSON.stringify(result.issues));
        return planVmChange(result.value, own.state, ownContext);
      },
      file: 'environments',
      construct:
        /VM "build-runner" is not in lab \(its environments: dev, prod\)/,
      remedy: /its environments: dev, prod/,
    },
    {
      name: 'a VM that is not in the repository',
      from: seed.source,
      // the repository reader hands the plan the files under the VM's folder: none
      plan: () =>
        planVmChange(
          seedOp(stop('ghost-vm', ['dev'])),
          { paths: [], files: new Map() },
          seedContext,
        ),
      file: 'applicationsets/vms/ghost-vm',
      construct: /does not exist on the base branch/,
      remedy: /kubevirt-gitops\.io\/gitops-path annotation/,
    },
    {
      name: 'a folder whose kustomizations render no VirtualMachine',
      from: seed.source,
      plan: () =>
        planVmChange(
          seedOp(stop(seed.vm, ['dev'])),
          withFiles(seed, {
            'applicationsets/vms/demo-vm/kustomize/base/kustomization.yaml':
              'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n\nresources: []\n',
          }),
          seedContext,
        ),
      file: 'applicationsets/vms/demo-vm',
      construct:
        /none of its kustomizations \(.*applicationsets\/vms\/demo-vm\/kustomize\/base.*\) renders a kind: VirtualMachine/,
      remedy: /List the VM's manifest in a kustomization's resources/,
    },
    {
      name: 'no kustomize where the backend runs',
      from: seed.source,
      plan: () =>
        planVmChange(seedOp(stop(seed.vm, ['dev'])), seed.state, noKustomize),
      file: '/nonexistent/kubectl-for-this-test',
      construct: /verified by rendering every overlay with kustomize/,
      remedy:
        /install kubectl \(or kustomize\) where the backend runs, or set kubevirtGitops\.preview\.kustomizeCommand/,
    },
  ];
}

const listed: string[] = [];

afterAll(() => {
  const text = `${listed.join('\n')}\n`;
  const dir = path.resolve(__dirname, '../../../../test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'refusals.txt'), text);
  // eslint-disable-next-line no-console
  console.log(`refusals:\n${text}`);
});

describe('every refusal names the file, the construct and what to do', () => {
  it('lists them', async () => {
    const all = await cases();
    expect(all.length).toBeGreaterThanOrEqual(12);
    const problems: string[] = [];
    for (const refusal of all) {
      let message: string | undefined;
      try {
        await refusal.plan();
      } catch (error) {
        message = (error as Error).message;
      }
      listed.push(
        `${refusal.name} [${refusal.from}]\n  → ${message ?? 'NOT REFUSED'}`,
      );
      if (message === undefined) {
        problems.push(`${refusal.name}: was not refused`);
        continue;
      }
      if (!message.includes(refusal.file))
        problems.push(`${refusal.name}: does not name ${refusal.file}`);
      if (!refusal.construct.test(message))
        problems.push(`${refusal.name}: does not name ${refusal.construct}`);
      if (!refusal.remedy.test(message))
        problems.push(`${refusal.name}: does not say ${refusal.remedy}`);
      if (/it is in: \)|it is in: $/.test(message))
        problems.push(`${refusal.name}: an empty list in the message`);
    }
    expect(problems).toEqual([]);
  });
});
