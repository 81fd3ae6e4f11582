import { testContext, validRequest } from '../__testUtils__/fixtures';
import { validateVmRequest } from '../request/validateVmRequest';
import type { VmRequest } from '../request/vmRequestTypes';
import { planVmEnvironments, resolveVmSize } from './vmSizing';

function validated(patch: Record<string, unknown> = {}): VmRequest {
  const result = validateVmRequest(
    { ...validRequest(), ...patch },
    testContext,
  );
  if (!result.ok) {
    throw new Error(JSON.stringify(result.issues));
  }
  return result.value;
}

describe('resolveVmSize', () => {
  it.each<
    [Parameters<typeof resolveVmSize>[0], ReturnType<typeof resolveVmSize>]
  >([
    [
      { instancetype: 'u1.medium' },
      {
        vcpus: 1,
        memory: '4Gi',
        memoryBytes: 4 * 1024 ** 3,
        label: 'u1.medium (1 vCPU, 4Gi)',
      },
    ],
    [
      { vcpus: 2, memory: '3G' },
      { vcpus: 2, memory: '3G', memoryBytes: 3e9, label: '2 vCPUs, 3G' },
    ],
    [{ instancetype: 'nope' }, undefined],
    [{ vcpus: 2, memory: 'lots' }, undefined],
  ])('%j', (size, expected) => {
    expect(resolveVmSize(size)).toEqual(expected);
  });
});

describe('planVmEnvironments', () => {
  it('renders names, applies overrides and compares with each limit', () => {
    const request = validated({
      overrides: {
        prod: { size: { instancetype: 'u1.2xlarge' }, runStrategy: 'Halted' },
      },
    });
    expect(planVmEnvironments(request, testContext)).toEqual([
      {
        environment: 'dev',
        vmName: 'dev-build-runner',
        size: { instancetype: 'u1.medium' },
        vcpus: 1,
        memory: '4Gi',
        memoryBytes: 4 * 1024 ** 3,
        runStrategy: 'Always',
        limitChecks: [
          { resource: 'vcpus', requested: '1', limit: '8', withinLimit: true },
          {
            resource: 'memory',
            requested: '4Gi',
            limit: '16Gi',
            withinLimit: true,
          },
          {
            resource: 'rootDisk',
            requested: '30Gi',
            limit: '100Gi',
            withinLimit: true,
          },
        ],
      },
      {
        environment: 'prod',
        vmName: 'prod-build-runner',
        size: { instancetype: 'u1.2xlarge' },
        vcpus: 8,
        memory: '32Gi',
        memoryBytes: 32 * 1024 ** 3,
        runStrategy: 'Halted',
        limitChecks: [
          { resource: 'vcpus', requested: '8', limit: '16', withinLimit: true },
          {
            resource: 'memory',
            requested: '32Gi',
            limit: '64Gi',
            withinLimit: true,
          },
          {
            resource: 'rootDisk',
            requested: '30Gi',
            limit: '500Gi',
            withinLimit: true,
          },
        ],
      },
    ]);
  });

  it('uses no prefix where the environment has none', () => {
    const request = validated({
      environments: ['lab'],
      size: { instancetype: 'u1.small' },
      rootDiskSize: '10Gi',
    });
    expect(
      planVmEnvironments(request, testContext).map(plan => plan.vmName),
    ).toEqual(['build-runner']);
  });

  it('refuses a request that was not validated', () => {
    const request = { ...validated(), environments: ['qa'] };
    expect(() => planVmEnvironments(request, testContext)).toThrow(
      'Unknown environment "qa"; validate the request first',
    );
  });
});
