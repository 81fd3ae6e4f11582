import { LIFE_DURATIONS_MS as D } from './durations';
import { dataVolumeStateAt } from './dataVolumeTimeline';
import { createVmAnchors, updateVmAnchors, vmStateAt } from './vmTimeline';
import type { VmFacts } from './vmFacts';
import { instancetypeMemoryBytes, readVmFacts } from './vmFacts';
import { parseQuantity } from './quantity';

const GI = 2 ** 30;
const facts = (overrides: Partial<VmFacts> = {}): VmFacts => ({
  runStrategy: 'Always',
  wantsRunning: true,
  memoryBytes: 2 * GI,
  dataVolumeTemplates: [],
  templateFingerprint: 'a',
  ...overrides,
});

describe('DataVolume timeline', () => {
  it('imports with progress, then succeeds', () => {
    expect(dataVolumeStateAt('import', 0, 0)).toMatchObject({
      phase: 'ImportScheduled',
      progress: 'N/A',
    });
    const half =
      D.dataVolumeScheduled +
      (D.dataVolumeTransfer - D.dataVolumeScheduled) / 2;
    expect(dataVolumeStateAt('import', 0, half)).toMatchObject({
      phase: 'ImportInProgress',
      progress: '50.0%',
    });
    expect(dataVolumeStateAt('clone', 0, D.dataVolumeTransfer)).toMatchObject({
      phase: 'Succeeded',
      progress: '100.0%',
    });
    expect(dataVolumeStateAt('blank', 0, 0)).toMatchObject({
      phase: 'Pending',
      nextChangeAt: D.dataVolumeBlank,
    });
  });
});

describe('VirtualMachine timeline', () => {
  const provisioning = D.dataVolumeTransfer;

  it('goes Provisioning → Starting → Running with VMI phases', () => {
    const anchors = createVmAnchors(facts(), 0, provisioning);
    expect(vmStateAt(anchors, 0, 64 * GI)).toMatchObject({
      printableStatus: 'Provisioning',
      created: false,
      nextChangeAt: provisioning,
    });
    const starting = vmStateAt(anchors, provisioning + D.vmiScheduled, 64 * GI);
    expect(starting).toMatchObject({
      printableStatus: 'Starting',
      created: true,
      vmi: { phase: 'Scheduled', ready: false },
    });
    expect(starting.vmi?.phaseTimestamps.map(p => p.phase)).toEqual([
      'Pending',
      'Scheduling',
      'Scheduled',
    ]);
    const running = vmStateAt(anchors, provisioning + D.guestReady, 64 * GI);
    expect(running).toMatchObject({
      printableStatus: 'Running',
      vmi: { phase: 'Running', ready: true },
    });
    expect(running.nextChangeAt).toBeUndefined();
  });

  it('provisions for 5 s without DataVolumes, and a halted VM without them is Stopped at once', () => {
    expect(
      vmStateAt(createVmAnchors(facts(), 0, undefined), 0, undefined),
    ).toMatchObject({
      printableStatus: 'Provisioning',
      nextChangeAt: D.provisioningWithoutVolumes,
    });
    const halted = createVmAnchors(
      facts({ runStrategy: 'Halted', wantsRunning: false }),
      0,
      undefined,
    );
    expect(vmStateAt(halted, 0, undefined)).toMatchObject({
      printableStatus: 'Stopped',
      created: false,
    });
  });

  it('cannot schedule a VM whose memory exceeds the allocatable', () => {
    const anchors = createVmAnchors(
      facts({ memoryBytes: 768 * GI }),
      0,
      provisioning,
    );
    const state = vmStateAt(anchors, provisioning + 60_000, 500 * GI);
    expect(state).toMatchObject({
      printableStatus: 'ErrorUnschedulable',
      created: true,
      vmi: { phase: 'Scheduling', unschedulable: true },
    });
    expect(state.nextChangeAt).toBeUndefined();
  });

  it('stops through Stopping when the run strategy becomes Halted, and starts again', () => {
    const running = createVmAnchors(facts(), 0, provisioning);
    const runningAt = provisioning + D.guestReady + 1000;
    const stopping = updateVmAnchors(
      running,
      facts({ runStrategy: 'Halted', wantsRunning: false }),
      runningAt,
      64 * GI,
    );
    expect(vmStateAt(stopping, runningAt + 1, 64 * GI)).toMatchObject({
      printableStatus: 'Stopping',
      created: true,
      vmi: { ready: false },
    });
    expect(vmStateAt(stopping, runningAt + D.stopping, 64 * GI)).toMatchObject({
      printableStatus: 'Stopped',
      created: false,
    });
    const restartAt = runningAt + 60_000;
    const restarted = updateVmAnchors(stopping, facts(), restartAt, 64 * GI);
    expect(vmStateAt(restarted, restartAt, 64 * GI)).toMatchObject({
      printableStatus: 'Starting',
    });
    expect(
      vmStateAt(restarted, restartAt + D.guestReady, 64 * GI),
    ).toMatchObject({ printableStatus: 'Running' });
  });

  it('marks a template change of a running VM RestartRequired instead of restarting it', () => {
    const running = createVmAnchors(facts(), 0, undefined);
    const resized = updateVmAnchors(
      running,
      facts({ memoryBytes: 8 * GI, templateFingerprint: 'b' }),
      60_000,
      64 * GI,
    );
    expect(resized.restartRequired).toBe(true);
    expect(vmStateAt(resized, 60_000, 64 * GI).printableStatus).toBe('Running');
  });
});

describe('VM facts', () => {
  it('reads runStrategy, the deprecated running field, memory and instancetypes', () => {
    expect(
      readVmFacts({
        spec: {
          running: true,
          template: { spec: { domain: { memory: { guest: '4096M' } } } },
        },
      }),
    ).toMatchObject({
      runStrategy: 'Always',
      wantsRunning: true,
      memoryBytes: 4096e6,
    });
    expect(readVmFacts({ spec: { running: false } })).toMatchObject({
      runStrategy: 'Halted',
      wantsRunning: false,
    });
    expect(readVmFacts({ spec: { runStrategy: 'Manual' } })).toMatchObject({
      runStrategy: 'Manual',
      wantsRunning: false,
    });
    expect(
      readVmFacts({
        spec: { runStrategy: 'Always', instancetype: { name: 'u1.medium' } },
      }).memoryBytes,
    ).toBe(4 * GI);
    expect(instancetypeMemoryBytes('m1.large')).toBe(16 * GI);
    expect(instancetypeMemoryBytes('zz.large')).toBeUndefined();
  });

  it('parses Kubernetes quantities', () => {
    expect(parseQuantity('263780848Ki')).toBe(263780848 * 1024);
    expect(parseQuantity('2Gi')).toBe(2 * GI);
    expect(parseQuantity('1.5G')).toBe(1.5e9);
    expect(parseQuantity('lots')).toBeUndefined();
  });
});
