import { readStatusConditions, readVmStateFields } from './vmObject';

describe('readVmStateFields', () => {
  it('reads runStrategy, printableStatus, created and conditions', () => {
    const vm = {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'dev-build-runner', namespace: 'team-a-vms' },
      spec: { runStrategy: 'Halted', template: {} },
      status: {
        printableStatus: 'Stopped',
        created: false,
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'VMINotExists',
            message: 'VMI does not exist',
          },
        ],
      },
    };
    expect(readVmStateFields(vm)).toEqual({
      runStrategy: 'Halted',
      printableStatus: 'Stopped',
      created: false,
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'VMINotExists',
          message: 'VMI does not exist',
        },
      ],
    });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'VirtualMachine'],
    ['an array', []],
    ['a VM without spec or status', { kind: 'VirtualMachine' }],
    [
      'fields of the wrong types',
      {
        spec: { runStrategy: 3, running: 'yes' },
        status: { printableStatus: {}, conditions: 'none' },
      },
    ],
  ])('reads nothing from %s', (_case, value) => {
    expect(readVmStateFields(value)).toEqual({});
  });
});

describe('readStatusConditions', () => {
  it('skips malformed entries and keeps the rest', () => {
    expect(
      readStatusConditions({
        conditions: [
          null,
          { type: 'Ready' },
          { status: 'True' },
          { type: 'Paused', status: 'True', reason: 7 },
          {
            type: 'Ready',
            status: 'True',
            lastTransitionTime: '2025-01-01T00:00:00Z',
          },
        ],
      }),
    ).toEqual([
      { type: 'Paused', status: 'True' },
      {
        type: 'Ready',
        status: 'True',
        lastTransitionTime: '2025-01-01T00:00:00Z',
      },
    ]);
  });
});
