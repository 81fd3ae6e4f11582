import { deriveVmState } from '@internal/plugin-kubevirt-gitops-common';
import {
  dataVolume,
  resourceTree,
  virtualMachine,
  virtualMachineInstance,
} from '../__testUtils__/fixtures';
import {
  conditionsThatMatter,
  findVmNodes,
  mapDataVolume,
  mapTreeNodes,
  mapVmi,
  vmStateFields,
} from './mapVmDetail';

describe('resource tree', () => {
  const nodes = findVmNodes(
    mapTreeNodes(
      resourceTree({
        vmName: 'dev-web',
        printableStatus: 'Running',
        vmi: true,
        node: 'worker-7',
        dataVolume: { name: 'dev-web-rootdisk', phase: 'ImportInProgress' },
      }),
    ),
  );

  it('finds the VM, its VMI, the launcher Pod and the DataVolumes', () => {
    expect(nodes.vm).toMatchObject({
      kind: 'VirtualMachine',
      name: 'dev-web',
      health: { message: 'Running' },
    });
    expect(nodes.vmi?.kind).toBe('VirtualMachineInstance');
    expect(nodes.launcherPod?.info.Node).toBe('worker-7');
    expect(nodes.dataVolumes.map(node => node.name)).toEqual([
      'dev-web-rootdisk',
    ]);
  });

  it('takes the DataVolume phase from the tree when the live object is not read', () => {
    expect(mapDataVolume(nodes.dataVolumes[0], undefined)).toEqual({
      name: 'dev-web-rootdisk',
      phase: 'ImportInProgress',
      health: { status: 'Progressing', message: 'ImportInProgress' },
    });
    expect(
      mapDataVolume(
        nodes.dataVolumes[0],
        dataVolume({ name: 'x', phase: 'ImportInProgress', progress: '45.5%' }),
      ),
    ).toEqual({
      name: 'dev-web-rootdisk',
      phase: 'ImportInProgress',
      progress: '45.5%',
      health: { status: 'Progressing', message: 'ImportInProgress' },
    });
  });

  it('reads the VMI phase, node, IPs and guest OS', () => {
    expect(
      mapVmi(
        virtualMachineInstance({
          name: 'dev-web',
          node: 'worker-3',
          ips: ['10.0.0.5', 'fd00::5'],
          guestOs: 'Fedora Linux 42',
        }),
        nodes,
      ),
    ).toEqual({
      phase: 'Running',
      node: 'worker-3',
      ipAddresses: ['10.0.0.5', 'fd00::5'],
      guestOs: 'Fedora Linux 42',
      health: { status: 'Healthy', message: 'Running' },
    });
  });

  it('falls back to the tree for phase and node when the VMI could not be read', () => {
    expect(mapVmi(undefined, nodes)).toEqual({
      phase: 'Running',
      node: 'worker-7',
      ipAddresses: [],
      health: { status: 'Healthy', message: 'Running' },
    });
  });
});

describe('vmStateFields', () => {
  it('reads run strategy, printableStatus and the VMI phase', () => {
    expect(
      vmStateFields(
        virtualMachine({
          name: 'vm',
          runStrategy: 'Halted',
          printableStatus: 'Running',
        }),
        virtualMachineInstance({ name: 'vm' }),
        undefined,
      ),
    ).toMatchObject({
      runStrategy: 'Halted',
      printableStatus: 'Running',
      vmiPhase: 'Running',
    });
  });

  it("uses ArgoCD's VM health message as printableStatus when the live VM was not read", () => {
    const tree = findVmNodes(
      mapTreeNodes(
        resourceTree({ vmName: 'vm', printableStatus: 'ErrorUnschedulable' }),
      ),
    );
    expect(vmStateFields(undefined, undefined, tree.vm).printableStatus).toBe(
      'ErrorUnschedulable',
    );
  });

  // Issue 18 point 2: the message was copied unchecked, so rows read
  // "Unknown: Stopped as declared". Tree nodes as ArgoCD's VirtualMachine
  // health.lua (after PR #29664) reports them: testdata
  // healthy_halted_runstrategy.yaml → Healthy "Stopped as declared", and a
  // VM without status → Progressing "No status available".
  it("never takes ArgoCD's own words for a printableStatus: 'Stopped as declared' is a halted, stopped VM; 'No status available' is no status", () => {
    const node = (status: string, message: string) =>
      mapTreeNodes({
        nodes: [
          {
            group: 'kubevirt.io',
            version: 'v1',
            kind: 'VirtualMachine',
            namespace: 'default',
            name: 'testvm',
            uid: 'u',
            health: { status, message },
          },
        ],
      })[0];
    const declared = vmStateFields(
      undefined,
      undefined,
      node('Healthy', 'Stopped as declared'),
    );
    expect(declared).toEqual({
      printableStatus: 'Stopped',
      runStrategy: 'Halted',
    });
    expect(deriveVmState({ existsOnCluster: true, ...declared })).toMatchObject(
      { state: 'Stopped', label: 'Stopped as declared' },
    );
    expect(
      vmStateFields(
        undefined,
        undefined,
        node('Progressing', 'No status available'),
      ).printableStatus,
    ).toBeUndefined();
    // A message that is no printableStatus at all is not one either.
    expect(
      vmStateFields(undefined, undefined, node('Progressing', 'Starting up'))
        .printableStatus,
    ).toBeUndefined();
    // With the live VM read, its own status wins over the tree's words.
    expect(
      vmStateFields(
        virtualMachine({ name: 'testvm', runStrategy: 'Halted' }),
        undefined,
        node('Healthy', 'Stopped as declared'),
      ),
    ).toMatchObject({ runStrategy: 'Halted', printableStatus: 'Running' });
  });

  it('reads the deprecated spec.running', () => {
    expect(
      vmStateFields(
        virtualMachine({ name: 'vm', running: false }),
        undefined,
        undefined,
      ).running,
    ).toBe(false);
  });
});

describe('conditionsThatMatter', () => {
  it('keeps failures and unmet readiness, one per type', () => {
    expect(
      conditionsThatMatter(
        [
          {
            type: 'Ready',
            status: 'False',
            reason: 'PodNotScheduled',
            message: '0/3 nodes are available',
          },
          { type: 'Ready', status: 'False', reason: 'Other' },
          {
            type: 'LiveMigratable',
            status: 'False',
            reason: 'DisksNotLiveMigratable',
          },
          { type: 'Failure', status: 'True', reason: 'FailedCreate' },
        ],
        [
          { type: 'Paused', status: 'False' },
          { type: 'AgentConnected', status: 'True' },
        ],
      ),
    ).toEqual([
      {
        type: 'Ready',
        status: 'False',
        reason: 'PodNotScheduled',
        message: '0/3 nodes are available',
      },
      { type: 'Failure', status: 'True', reason: 'FailedCreate' },
    ]);
  });
});
