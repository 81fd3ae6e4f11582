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
    });
  });

  it('falls back to the tree for phase and node when the VMI could not be read', () => {
    expect(mapVmi(undefined, nodes)).toEqual({
      phase: 'Running',
      node: 'worker-7',
      ipAddresses: [],
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
