/*
 * Environments, overrides, SSH keys and run strategy in the request, and the
 * normalised value of a valid request. Sizes, limits and images are in
 * validateVmRequest.sizing.test.ts.
 */
import {
  requestIssues as issuesFor,
  SSH_KEYS,
  testContext,
  validRequest,
} from '../__testUtils__/fixtures';
import type { ValidationIssue } from './validation';
import { validateVmRequest } from './validateVmRequest';

const FEDORA_42 = 'quay.io/containerdisks/fedora:42';

describe('validateVmRequest: a valid request', () => {
  it('passes and resolves the preference from the catalog image', () => {
    const result = validateVmRequest(validRequest(), testContext);
    expect(result).toEqual({
      ok: true,
      value: { ...validRequest(), preference: 'fedora' },
    });
  });

  it('trims SSH keys', () => {
    const result = validateVmRequest(
      { ...validRequest(), sshKeys: [`  ${SSH_KEYS.ed25519}\n`] },
      testContext,
    );
    expect(result.ok && result.value.sshKeys).toEqual([SSH_KEYS.ed25519]);
  });

  it('accepts a container disk with an explicit preference where images are not restricted', () => {
    const result = validateVmRequest(
      {
        ...validRequest(),
        environments: ['dev'],
        bootSource: { containerDisk: FEDORA_42 },
        preference: 'fedora',
      },
      testContext,
    );
    expect(result.ok).toBe(true);
  });
});

describe('validateVmRequest: environments', () => {
  it.each<[string, unknown, ValidationIssue[]]>([
    [
      'an unknown environment',
      ['dev', 'staging'],
      [
        {
          field: 'environments[1]',
          message:
            'unknown environment "staging"; configured environments: dev, prod, lab',
        },
      ],
    ],
    [
      'a repeated environment',
      ['dev', 'dev'],
      [{ field: 'environments[1]', message: '"dev" is listed twice' }],
    ],
    [
      'no environment',
      [],
      [{ field: 'environments', message: 'choose at least one environment' }],
    ],
    [
      'a path as environment',
      ['../prod'],
      [
        {
          field: 'environments[0]',
          message:
            'unknown environment "../prod"; configured environments: dev, prod, lab',
        },
      ],
    ],
    [
      'more than 20 environments',
      Array.from({ length: 21 }, (_, i) => `env${i}`),
      [
        {
          field: 'environments',
          message: 'Array must contain at most 20 element(s)',
        },
      ],
    ],
    [
      'a string instead of a list',
      'dev',
      [{ field: 'environments', message: 'Expected array, received string' }],
    ],
  ])('rejects %s', (_case, environments, expected) => {
    expect(issuesFor({ environments })).toEqual(expected);
  });
});

describe('validateVmRequest: per-environment overrides', () => {
  it('checks an override against its own environment', () => {
    expect(
      issuesFor({
        overrides: { prod: { size: { vcpus: 2, memory: '128Gi' } } },
      }),
    ).toEqual([
      {
        field: 'overrides.prod.size.memory',
        message: 'requests 128Gi memory, over the prod limit of 64Gi',
      },
    ]);
  });

  it('lets an override raise the size where the limit allows it', () => {
    const result = validateVmRequest(
      {
        ...validRequest(),
        overrides: {
          prod: { size: { instancetype: 'u1.2xlarge' }, runStrategy: 'Halted' },
        },
      },
      testContext,
    );
    expect(result.ok).toBe(true);
  });

  it.each<[string, Record<string, unknown>, ValidationIssue[]]>([
    [
      'an environment that is not requested',
      { lab: { runStrategy: 'Halted' } },
      [
        {
          field: 'overrides.lab',
          message: '"lab" is not one of the requested environments (dev, prod)',
        },
      ],
    ],
    [
      'an unknown instancetype',
      { dev: { size: { instancetype: 'x9.huge' } } },
      [
        {
          field: 'overrides.dev.size.instancetype',
          message:
            'unknown instancetype "x9.huge"; use a common instancetype such as u1.small, u1.medium or u1.large',
        },
      ],
    ],
    [
      'an invalid run strategy',
      { dev: { runStrategy: 'Once' } },
      [
        {
          field: 'overrides.dev.runStrategy',
          message: 'must be one of Always, Halted, Manual, RerunOnFailure',
        },
      ],
    ],
    [
      'an unknown override field',
      { dev: { image: 'ubuntu' } },
      [
        {
          field: 'overrides.dev.image',
          message: 'is not a known field; remove it',
        },
      ],
    ],
  ])('rejects an override for %s', (_case, overrides, expected) => {
    expect(issuesFor({ overrides })).toEqual(expected);
  });
});

describe('validateVmRequest: SSH keys in the request', () => {
  it.each<[string, unknown, ValidationIssue[]]>([
    [
      'a pasted OpenSSH private key',
      [
        '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ==\n-----END OPENSSH PRIVATE KEY-----',
      ],
      [
        {
          field: 'sshKeys[0]',
          message: 'this looks like a private key; paste the .pub file',
        },
      ],
    ],
    [
      'a password in the second entry',
      [SSH_KEYS.ed25519, 'correct-horse-battery-staple'],
      [
        {
          field: 'sshKeys[1]',
          message:
            'this is not an SSH public key (passwords are not accepted); paste the contents of your .pub file, e.g. ~/.ssh/id_ed25519.pub',
        },
      ],
    ],
    [
      'the same key twice',
      [
        SSH_KEYS.ed25519,
        `${SSH_KEYS.ed25519.split(' ').slice(0, 2).join(' ')} other-comment`,
      ],
      [{ field: 'sshKeys[1]', message: 'is the same key as sshKeys[0]' }],
    ],
    [
      'no key',
      [],
      [{ field: 'sshKeys', message: 'add at least one SSH public key' }],
    ],
    [
      '21 keys',
      Array.from({ length: 21 }, () => SSH_KEYS.ed25519),
      [
        {
          field: 'sshKeys',
          message: 'Array must contain at most 20 element(s)',
        },
      ],
    ],
    [
      'a huge key',
      [`ssh-ed25519 ${'A'.repeat(9000)}`],
      [
        {
          field: 'sshKeys[0]',
          message: 'must be at most 8192 characters (it has 9012)',
        },
      ],
    ],
  ])('rejects %s', (_case, sshKeys, expected) => {
    expect(issuesFor({ sshKeys })).toEqual(expected);
  });
});

describe('validateVmRequest: run strategy', () => {
  it.each(['Once', 'always', 'WaitAsReceiver', ''])(
    'rejects %j',
    runStrategy => {
      expect(issuesFor({ runStrategy })).toEqual([
        {
          field: 'runStrategy',
          message: 'must be one of Always, Halted, Manual, RerunOnFailure',
        },
      ]);
    },
  );
});
