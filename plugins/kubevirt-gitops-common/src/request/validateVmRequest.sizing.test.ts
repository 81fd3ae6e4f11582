/*
 * Sizes, limits, images and preferences of a VM request.
 */
import { requestIssues as issuesFor } from '../__testUtils__/fixtures';
import type { ValidationIssue } from './validation';

const FEDORA_42 = 'quay.io/containerdisks/fedora:42';

describe('validateVmRequest: size and limits', () => {
  it.each<[string, Record<string, unknown>, ValidationIssue[]]>([
    [
      'an unknown instancetype',
      { size: { instancetype: 'u1.mediun' } },
      [
        {
          field: 'size.instancetype',
          message:
            'unknown instancetype "u1.mediun"; use a common instancetype such as u1.small, u1.medium or u1.large',
        },
      ],
    ],
    [
      'an instancetype over the dev limits',
      { size: { instancetype: 'u1.4xlarge' }, environments: ['dev'] },
      [
        {
          field: 'size.instancetype',
          message:
            'u1.4xlarge (16 vCPUs, 64Gi) has 16 vCPUs, over the dev limit of 8 vCPUs',
        },
        {
          field: 'size.instancetype',
          message:
            'u1.4xlarge (16 vCPUs, 64Gi) has 64Gi memory, over the dev limit of 16Gi',
        },
      ],
    ],
    [
      'custom memory over the prod limit',
      { size: { vcpus: 4, memory: '96Gi' }, environments: ['prod'] },
      [
        {
          field: 'size.memory',
          message: 'requests 96Gi memory, over the prod limit of 64Gi',
        },
      ],
    ],
    [
      'custom vCPUs over the dev limit',
      { size: { vcpus: 12, memory: '8Gi' }, environments: ['dev'] },
      [
        {
          field: 'size.vcpus',
          message: 'requests 12 vCPUs, over the dev limit of 8 vCPUs',
        },
      ],
    ],
    [
      'memory just over the limit in decimal units (17.2G > 16Gi)',
      { size: { vcpus: 2, memory: '17.2G' }, environments: ['dev'] },
      [
        {
          field: 'size.memory',
          message: 'requests 17.2G memory, over the dev limit of 16Gi',
        },
      ],
    ],
    [
      'memory that does not parse',
      { size: { vcpus: 2, memory: '4GB' } },
      [
        {
          field: 'size.memory',
          message: '"4GB" is not a Kubernetes quantity (for example 4Gi)',
        },
      ],
    ],
    [
      'zero memory',
      { size: { vcpus: 2, memory: '0' } },
      [{ field: 'size.memory', message: 'must be greater than zero (got 0)' }],
    ],
    [
      'negative memory',
      { size: { vcpus: 2, memory: '-4Gi' } },
      [
        {
          field: 'size.memory',
          message: 'must be greater than zero (got -4Gi)',
        },
      ],
    ],
    [
      'fractional vCPUs',
      { size: { vcpus: 1.5, memory: '4Gi' } },
      [{ field: 'size.vcpus', message: 'must be a whole number of vCPUs' }],
    ],
    [
      'zero vCPUs',
      { size: { vcpus: 0, memory: '4Gi' } },
      [{ field: 'size.vcpus', message: 'must be at least 1' }],
    ],
    [
      'vCPUs without memory',
      { size: { vcpus: 2 } },
      [
        {
          field: 'size.memory',
          message: 'a custom size needs memory as well as vcpus',
        },
      ],
    ],
    [
      'memory without vCPUs',
      { size: { memory: '2Gi' } },
      [
        {
          field: 'size.vcpus',
          message: 'a custom size needs vcpus as well as memory',
        },
      ],
    ],
    [
      'both forms of size',
      { size: { instancetype: 'u1.small', vcpus: 2, memory: '2Gi' } },
      [
        {
          field: 'size',
          message:
            'give either an instancetype or custom vcpus and memory, not both',
        },
      ],
    ],
    [
      'an empty size',
      { size: {} },
      [
        {
          field: 'size',
          message:
            'give an instancetype (e.g. u1.medium) or custom vcpus and memory',
        },
      ],
    ],
    [
      'a root disk over both limits',
      { rootDiskSize: '1Ti' },
      [
        {
          field: 'rootDiskSize',
          message: '1Ti is over the dev root disk limit of 100Gi',
        },
        {
          field: 'rootDiskSize',
          message: '1Ti is over the prod root disk limit of 500Gi',
        },
      ],
    ],
    [
      'a root disk that does not parse',
      { rootDiskSize: '30 GiB' },
      [
        {
          field: 'rootDiskSize',
          message: '"30 GiB" is not a Kubernetes quantity (for example 30Gi)',
        },
      ],
    ],
    [
      'an oversize quantity string',
      { rootDiskSize: '1'.repeat(40) },
      [
        {
          field: 'rootDiskSize',
          message: 'must be at most 32 characters (it has 40)',
        },
      ],
    ],
  ])('rejects %s', (_case, patch, expected) => {
    expect(issuesFor(patch)).toEqual(expected);
  });
});

describe('validateVmRequest: images and preferences', () => {
  it.each<[string, Record<string, unknown>, ValidationIssue[]]>([
    [
      'an image not allowed in prod',
      { bootSource: { image: 'ubuntu' } },
      [
        {
          field: 'bootSource.image',
          message:
            'image "ubuntu" is not allowed in prod (allowed: fedora, rhel9)',
        },
      ],
    ],
    [
      'a container disk where only catalog images are allowed',
      { bootSource: { containerDisk: FEDORA_42 }, preference: 'fedora' },
      [
        {
          field: 'bootSource.containerDisk',
          message:
            'container disks are not allowed in prod; choose a catalog image: fedora, rhel9',
        },
      ],
    ],
    [
      'an image missing from the catalog',
      { bootSource: { image: 'centos' } },
      [
        {
          field: 'bootSource.image',
          message:
            'unknown image "centos"; the image catalog has: fedora, rhel9, ubuntu, windows11',
        },
      ],
    ],
    [
      'a container disk with a scheme',
      {
        environments: ['dev'],
        bootSource: { containerDisk: `docker://${FEDORA_42}` },
        preference: 'fedora',
      },
      [
        {
          field: 'bootSource.containerDisk',
          message:
            'must be an image reference without a scheme, e.g. quay.io/containerdisks/fedora:42',
        },
      ],
    ],
    [
      'a container disk with a newline',
      {
        environments: ['dev'],
        bootSource: { containerDisk: `${FEDORA_42}\nkind: Secret` },
        preference: 'fedora',
      },
      [
        {
          field: 'bootSource.containerDisk',
          message:
            'must not contain whitespace, control or non-ASCII characters (found U+000A)',
        },
      ],
    ],
    [
      'a container disk without a preference',
      { environments: ['dev'], bootSource: { containerDisk: FEDORA_42 } },
      [
        {
          field: 'preference',
          message:
            'is required when booting from a container disk (e.g. fedora, ubuntu)',
        },
      ],
    ],
    [
      'both boot sources',
      { bootSource: { image: 'fedora', containerDisk: FEDORA_42 } },
      [
        {
          field: 'bootSource',
          message:
            'give exactly one of image (from the catalog) or containerDisk',
        },
      ],
    ],
    [
      'an unknown preference',
      { preference: 'fedorra' },
      [
        {
          field: 'preference',
          message:
            'unknown preference "fedorra"; use a common preference such as fedora, ubuntu, rhel.9, windows.11',
        },
      ],
    ],
    [
      'a size below the preference’s minimum (windows.11 needs 2 vCPUs)',
      { bootSource: { image: 'windows11' }, environments: ['dev'] },
      [
        {
          field: 'size.instancetype',
          message:
            'windows.11 needs at least 2 vCPUs; u1.medium (1 vCPU, 4Gi) has 1',
        },
      ],
    ],
    [
      'custom memory below the preference’s minimum',
      {
        bootSource: { image: 'windows11' },
        environments: ['dev'],
        size: { vcpus: 2, memory: '2Gi' },
      },
      [
        {
          field: 'size.memory',
          message: 'windows.11 needs at least 4Gi memory; 2 vCPUs, 2Gi has 2Gi',
        },
      ],
    ],
  ])('rejects %s', (_case, patch, expected) => {
    expect(issuesFor(patch)).toEqual(expected);
  });
});
