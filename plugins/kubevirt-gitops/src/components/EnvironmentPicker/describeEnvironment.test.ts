import { makeEnvironment } from '../../__testUtils__/fixtures';
import { describeEnvironment } from './describeEnvironment';

describe('describeEnvironment', () => {
  it('sums only known capacity and says which clusters have unknown capacity', () => {
    expect(
      describeEnvironment(
        makeEnvironment('dev', {
          freeCapacity: { cpu: 8, memory: 16 * 1024 ** 3 },
          capacityUnknown: ['dev-2'],
        }),
      ),
    ).toBe(
      '2 of 2 clusters available · 8 cores, 16 GiB free (capacity of dev-2 unknown) · up to 8 vCPUs, 32Gi per VM',
    );
  });

  it('says "capacity unknown" rather than "0 cores free" when no cluster reports it', () => {
    const text = describeEnvironment(
      makeEnvironment('dev', {
        availableClusters: 1,
        freeCapacity: { cpu: 0, memory: 0 },
        capacityUnknown: ['dev-1'],
      }),
    );
    expect(text).toContain('capacity unknown');
    expect(text).not.toContain('0 cores');
  });
});
