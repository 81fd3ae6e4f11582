import type { HealthStatus, JsonObject } from './index';
import {
  applicationHealth,
  applicationSetHealth,
  dataVolumeHealth,
  virtualMachineHealth,
  virtualMachineHealthPostPr29664,
  virtualMachineInstanceHealth,
} from './index';

type HealthCheck = (object: JsonObject) => HealthStatus;

const ready = (status: 'True' | 'False', extra: JsonObject = {}) => ({
  type: 'Ready',
  status,
  ...extra,
});
const paused = {
  type: 'Paused',
  status: 'True',
  reason: 'PausedByUser',
  message: 'VMI was paused by user',
};
const appSetCondition = (type: string, status: string, message: string) => ({
  type,
  status,
  message,
  reason: 'Test',
});

/*
 * The situations ArgoCD's health_test.yaml files name, as small objects of
 * our own (the contract tier, health.contract.test.ts, runs ArgoCD's own
 * testdata files through the same rules).
 */
const cases: Array<[string, HealthCheck, JsonObject, HealthStatus]> = [
  // VirtualMachine (built-in rule)
  [
    'VM without status',
    virtualMachineHealth,
    { spec: { running: true }, status: { volumeSnapshotStatuses: [] } },
    { status: 'Progressing', message: 'No status available' },
  ],
  [
    'VM ready',
    virtualMachineHealth,
    {
      spec: { running: true },
      status: {
        created: true,
        ready: true,
        printableStatus: 'Running',
        conditions: [ready('True')],
      },
    },
    { status: 'Healthy', message: 'Running' },
  ],
  [
    'VM stopped',
    virtualMachineHealth,
    {
      spec: { running: false },
      status: {
        printableStatus: 'Stopped',
        conditions: [ready('False', { reason: 'VMINotExists' })],
      },
    },
    { status: 'Suspended', message: 'Stopped' },
  ],
  [
    'VM starting',
    virtualMachineHealth,
    {
      spec: { running: false },
      status: {
        created: true,
        printableStatus: 'Starting',
        conditions: [ready('False', { reason: 'GuestNotRunning' })],
      },
    },
    { status: 'Progressing', message: 'Starting' },
  ],
  [
    'VM paused',
    virtualMachineHealth,
    {
      spec: { running: true },
      status: {
        created: true,
        ready: true,
        printableStatus: 'Paused',
        conditions: [ready('True'), paused],
      },
    },
    { status: 'Suspended', message: 'Paused' },
  ],
  // VirtualMachine after ArgoCD PR #29664
  [
    'VM halted by runStrategy (post PR 29664)',
    virtualMachineHealthPostPr29664,
    {
      spec: { runStrategy: 'Halted' },
      status: {
        printableStatus: 'Stopped',
        conditions: [ready('False', { reason: 'VMINotExists' })],
      },
    },
    { status: 'Healthy', message: 'Stopped as declared' },
  ],
  [
    'VM running: false without status (post PR 29664)',
    virtualMachineHealthPostPr29664,
    { spec: { running: false } },
    { status: 'Healthy', message: 'Stopped as declared' },
  ],
  [
    'VM stopping (post PR 29664)',
    virtualMachineHealthPostPr29664,
    {
      spec: { running: false },
      status: {
        created: true,
        printableStatus: 'Stopping',
        conditions: [ready('False', { reason: 'GuestNotRunning' })],
      },
    },
    { status: 'Progressing', message: 'Stopping' },
  ],
  [
    'VM stopped with runStrategy Manual (post PR 29664)',
    virtualMachineHealthPostPr29664,
    {
      spec: { runStrategy: 'Manual' },
      status: {
        printableStatus: 'Stopped',
        conditions: [ready('False', { reason: 'VMINotExists' })],
      },
    },
    { status: 'Suspended', message: 'Stopped' },
  ],
  // VirtualMachineInstance
  [
    'VMI without status',
    virtualMachineInstanceHealth,
    { status: {} },
    { status: 'Progressing', message: 'No status available' },
  ],
  [
    'VMI pending',
    virtualMachineInstanceHealth,
    { status: { phase: 'Pending' } },
    { status: 'Progressing', message: 'Pending' },
  ],
  [
    'VMI scheduled, guest not running yet',
    virtualMachineInstanceHealth,
    {
      status: {
        phase: 'Scheduled',
        conditions: [ready('False', { reason: 'GuestNotRunning' })],
      },
    },
    { status: 'Progressing', message: 'Scheduled' },
  ],
  [
    'VMI running and ready',
    virtualMachineInstanceHealth,
    {
      status: {
        phase: 'Running',
        conditions: [ready('True'), { type: 'LiveMigratable', status: 'True' }],
      },
    },
    { status: 'Healthy', message: 'Running' },
  ],
  [
    'VMI paused',
    virtualMachineInstanceHealth,
    { status: { phase: 'Running', conditions: [ready('True'), paused] } },
    { status: 'Suspended', message: 'VMI was paused by user' },
  ],
  [
    'VMI succeeded',
    virtualMachineInstanceHealth,
    {
      status: {
        phase: 'Succeeded',
        conditions: [ready('False', { reason: 'PodTerminating' })],
      },
    },
    { status: 'Suspended', message: 'Succeeded' },
  ],
  [
    'VMI failed',
    virtualMachineInstanceHealth,
    { status: { phase: 'Failed' } },
    { status: 'Degraded', message: 'Failed' },
  ],
  // DataVolume
  [
    'DataVolume without status',
    dataVolumeHealth,
    { status: {} },
    { status: 'Progressing', message: 'No status available' },
  ],
  [
    'DataVolume import scheduled',
    dataVolumeHealth,
    {
      status: {
        phase: 'ImportScheduled',
        conditions: [
          { type: 'Running', status: 'False', reason: 'ContainerCreating' },
        ],
      },
    },
    { status: 'Progressing', message: 'ImportScheduled' },
  ],
  [
    'DataVolume importing',
    dataVolumeHealth,
    {
      status: {
        phase: 'ImportInProgress',
        progress: '12.00%',
        conditions: [
          { type: 'Running', status: 'True', reason: 'Pod is running' },
        ],
      },
    },
    { status: 'Progressing', message: 'ImportInProgress' },
  ],
  [
    'DataVolume succeeded',
    dataVolumeHealth,
    { status: { phase: 'Succeeded', progress: '100.0%' } },
    { status: 'Healthy', message: 'Succeeded' },
  ],
  [
    'DataVolume import failing on a bad URL',
    dataVolumeHealth,
    {
      status: {
        phase: 'ImportInProgress',
        conditions: [
          {
            type: 'Running',
            status: 'False',
            reason: 'Error',
            message: 'Unable to connect to http data source: got 404',
          },
        ],
      },
    },
    {
      status: 'Degraded',
      message: 'Unable to connect to http data source: got 404',
    },
  ],
  // ApplicationSet
  [
    'ApplicationSet up to date',
    applicationSetHealth,
    {
      status: {
        conditions: [
          appSetCondition('ErrorOccurred', 'False', 'all generated'),
          appSetCondition(
            'ResourcesUpToDate',
            'True',
            'ApplicationSet up to date',
          ),
        ],
      },
    },
    { status: 'Healthy', message: 'ApplicationSet up to date' },
  ],
  [
    'ApplicationSet with a generator error',
    applicationSetHealth,
    {
      status: {
        conditions: [
          appSetCondition(
            'ErrorOccurred',
            'True',
            'Merge requires two generators',
          ),
          appSetCondition('ResourcesUpToDate', 'False', 'generator error'),
        ],
      },
    },
    { status: 'Degraded', message: 'Merge requires two generators' },
  ],
  [
    'ApplicationSet without status',
    applicationSetHealth,
    {},
    { status: 'Progressing', message: 'Waiting for the status to be reported' },
  ],
  [
    'ApplicationSet that could not create an Application',
    applicationSetHealth,
    {
      status: {
        conditions: [
          appSetCondition('ErrorOccurred', 'False', 'all generated'),
          appSetCondition(
            'ResourcesUpToDate',
            'False',
            'could not create application',
          ),
        ],
      },
    },
    { status: 'Degraded', message: 'could not create application' },
  ],
  [
    'ApplicationSet in a progressive rollout',
    applicationSetHealth,
    {
      status: {
        conditions: [
          appSetCondition('ResourcesUpToDate', 'True', 'all generated'),
          appSetCondition('RolloutProgressing', 'True', 'rollout of step 1'),
        ],
      },
    },
    { status: 'Progressing', message: 'rollout of step 1' },
  ],
];

describe('resource health rules ported from ArgoCD Lua', () => {
  it.each(cases)('%s', (_name, check, object, expected) => {
    expect(check(object)).toEqual(expected);
  });
});

describe('virtualMachineHealth', () => {
  it('reports an unschedulable VM as Progressing with its printableStatus', () => {
    expect(
      virtualMachineHealth({
        spec: { runStrategy: 'Always' },
        status: {
          created: true,
          printableStatus: 'ErrorUnschedulable',
          conditions: [
            { type: 'Ready', status: 'False', reason: 'GuestNotRunning' },
          ],
        },
      }),
    ).toEqual({ status: 'Progressing', message: 'ErrorUnschedulable' });
  });

  it('reports a halted VM Suspended, and Healthy after PR 29664', () => {
    const halted = {
      spec: { runStrategy: 'Halted' },
      status: {
        printableStatus: 'Stopped',
        conditions: [
          { type: 'Ready', status: 'False', reason: 'VMINotExists' },
        ],
      },
    };
    expect(virtualMachineHealth(halted)).toEqual({
      status: 'Suspended',
      message: 'Stopped',
    });
    expect(virtualMachineHealthPostPr29664(halted)).toEqual({
      status: 'Healthy',
      message: 'Stopped as declared',
    });
  });
});

describe('applicationHealth', () => {
  it('takes the worst live resource health in ArgoCD order', () => {
    expect(
      applicationHealth([
        { health: 'Healthy', live: true },
        { health: 'Suspended', live: true },
        { health: 'Progressing', live: true },
      ]),
    ).toBe('Progressing');
    expect(
      applicationHealth([
        { health: 'Degraded', live: true },
        { health: 'Unknown', live: true },
      ]),
    ).toBe('Unknown');
    expect(applicationHealth([{ live: true }])).toBe('Healthy');
  });

  it('ignores missing resources unless all are missing', () => {
    expect(
      applicationHealth([{ health: 'Healthy', live: true }, { live: false }]),
    ).toBe('Healthy');
    expect(applicationHealth([{ live: false }, { live: false }])).toBe(
      'Missing',
    );
    expect(applicationHealth([])).toBe('Healthy');
  });
});
