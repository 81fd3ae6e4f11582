import { testContext, validRequest } from '../__testUtils__/fixtures';
import type { ValidationIssue } from './validation';
import { validateVmOperation } from './validateVmOperation';
import type { VmOperationContext } from './vmOperationTypes';

const context: VmOperationContext = {
  ...testContext,
  vmEnvironments: ['dev', 'prod'],
};

function issuesFor(
  input: unknown,
  ctx: VmOperationContext = context,
): ValidationIssue[] {
  const result = validateVmOperation(input, ctx);
  if (result.ok) {
    throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  }
  return result.issues;
}

describe('validateVmOperation', () => {
  it('validates a create through validateVmRequest, prefixing fields with request.', () => {
    const result = validateVmOperation(
      { operation: 'create', request: validRequest() },
      context,
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        operation: 'create',
        request: { name: 'build-runner', preference: 'fedora' },
      },
    });
    expect(
      issuesFor({
        operation: 'create',
        request: { ...validRequest(), environments: ['qa'] },
      }),
    ).toEqual([
      {
        field: 'request.environments[0]',
        message:
          'unknown environment "qa"; configured environments: dev, prod, lab',
      },
    ]);
  });

  it.each([
    {
      operation: 'set-run-strategy',
      vmName: 'build-runner',
      runStrategy: 'Halted',
    },
    {
      operation: 'set-run-strategy',
      vmName: 'build-runner',
      runStrategy: 'Always',
      environments: ['dev'],
    },
    {
      operation: 'resize',
      vmName: 'build-runner',
      size: { instancetype: 'u1.xlarge' },
    },
    {
      operation: 'resize',
      vmName: 'build-runner',
      size: { vcpus: 8, memory: '16Gi' },
      environments: ['dev'],
    },
    {
      operation: 'decommission',
      vmName: 'build-runner',
      reason: 'Project finished',
    },
  ])('accepts %j', input => {
    expect(validateVmOperation(input, context)).toEqual({
      ok: true,
      value: input,
    });
  });

  it.each<[string, unknown, ValidationIssue[]]>([
    [
      'an unknown operation',
      { operation: 'migrate', vmName: 'a' },
      [
        {
          field: 'operation',
          message:
            "Invalid enum value. Expected 'create' | 'set-run-strategy' | 'resize' | 'decommission', received 'migrate'",
        },
      ],
    ],
    [
      'a VM name with a path',
      { operation: 'decommission', vmName: '../other-team/vm', reason: 'x' },
      [
        {
          field: 'vmName',
          message:
            "must not contain '/', '\\' or '..' (it becomes a folder in the GitOps repository)",
        },
      ],
    ],
    [
      'an invalid run strategy',
      { operation: 'set-run-strategy', vmName: 'a', runStrategy: 'Paused' },
      [
        {
          field: 'runStrategy',
          message: 'must be one of Always, Halted, Manual, RerunOnFailure',
        },
      ],
    ],
    [
      'an environment the VM is not in',
      {
        operation: 'set-run-strategy',
        vmName: 'a',
        runStrategy: 'Halted',
        environments: ['lab'],
      },
      [
        {
          field: 'environments[0]',
          message: 'the VM is not deployed to lab (it is in: dev, prod)',
        },
      ],
    ],
    [
      'an unknown environment',
      {
        operation: 'set-run-strategy',
        vmName: 'a',
        runStrategy: 'Halted',
        environments: ['qa'],
      },
      [
        {
          field: 'environments[0]',
          message:
            'unknown environment "qa"; configured environments: dev, prod, lab',
        },
      ],
    ],
    [
      'a resize over the prod limit (all environments of the VM)',
      {
        operation: 'resize',
        vmName: 'a',
        size: { instancetype: 'u1.8xlarge' },
      },
      [
        {
          field: 'size.instancetype',
          message:
            'u1.8xlarge (32 vCPUs, 128Gi) is over the dev limit of 8 vCPUs',
        },
        {
          field: 'size.instancetype',
          message:
            'u1.8xlarge (32 vCPUs, 128Gi) is over the dev limit of 16Gi memory',
        },
        {
          field: 'size.instancetype',
          message:
            'u1.8xlarge (32 vCPUs, 128Gi) is over the prod limit of 16 vCPUs',
        },
        {
          field: 'size.instancetype',
          message:
            'u1.8xlarge (32 vCPUs, 128Gi) is over the prod limit of 64Gi memory',
        },
      ],
    ],
    [
      'a custom resize over the dev memory limit',
      {
        operation: 'resize',
        vmName: 'a',
        size: { vcpus: 2, memory: '32Gi' },
        environments: ['dev'],
      },
      [
        {
          field: 'size.memory',
          message: '2 vCPUs, 32Gi is over the dev limit of 16Gi memory',
        },
      ],
    ],
    [
      'an unknown instancetype',
      {
        operation: 'resize',
        vmName: 'a',
        size: { instancetype: 'huge' },
        environments: ['dev'],
      },
      [
        {
          field: 'size.instancetype',
          message:
            'unknown instancetype "huge"; use a common instancetype such as u1.small, u1.medium or u1.large',
        },
      ],
    ],
    [
      'a decommission without a reason',
      { operation: 'decommission', vmName: 'a', reason: ' ' },
      [{ field: 'reason', message: 'must not be empty: say why the VM goes' }],
    ],
    [
      'a multi-line reason',
      { operation: 'decommission', vmName: 'a', reason: 'done\nkind: Secret' },
      [{ field: 'reason', message: 'must be a single line (no line breaks)' }],
    ],
    [
      'an extra field',
      { operation: 'decommission', vmName: 'a', reason: 'done', force: true },
      [{ field: 'force', message: 'is not a known field; remove it' }],
    ],
    [
      'a create without its request',
      { operation: 'create', name: 'a' },
      [{ field: 'name', message: 'is not a known field; remove it' }],
    ],
  ])('rejects %s', (_case, input, expected) => {
    expect(issuesFor(input)).toEqual(expected);
  });

  it('asks which environments when neither the input nor the repository says', () => {
    expect(
      issuesFor(
        { operation: 'set-run-strategy', vmName: 'a', runStrategy: 'Halted' },
        testContext,
      ),
    ).toEqual([
      {
        field: 'environments',
        message:
          'say which environments to change (the VM’s environments are not known)',
      },
    ]);
  });
});
