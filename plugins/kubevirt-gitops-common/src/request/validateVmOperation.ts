/*
 * Validation of the pull-request action's operations. `create` is a full VM
 * request; the others name an existing VM and change one thing, checked
 * against the limits of the environments they touch.
 */
import { z } from 'zod';
import { requestableRunStrategies } from '../state/kubevirt';
import { vmOperations } from './vmOperationTypes';
import { checkDnsLabel, checkSingleLineText } from './textRules';
import { checkGitopsPath } from '../entity/annotations';
import {
  fromZodIssues,
  joinFieldPath,
  type ValidationIssue,
  type ValidationResult,
} from './validation';
import { validateVmRequest } from './validateVmRequest';
import type {
  VmOperationContext,
  VmOperationRequest,
} from './vmOperationTypes';
import { checkInstancetypes } from './vmRequestRules';
import { vmSizeSchema } from './vmRequestSchema';
import type { VmSize } from './vmRequestTypes';
import { checkLimits, resolveVmSize } from '../sizing/vmSizing';
import { checkedString } from './zodRules';

const vmName = checkedString(checkDnsLabel, 63).describe(
  'Base name of an existing VM in the GitOps repository',
);
const gitopsPath = checkedString(checkGitopsPath, 512)
  .transform(path => path.replace(/\/$/, ''))
  .optional()
  .describe(
    "The VM's folder in the GitOps repository (its kubevirt-gitops.io/gitops-path annotation), when it is not where the configured layout puts it",
  );
const environments = z
  .array(z.string().max(63))
  .min(1, 'choose at least one environment')
  .max(20)
  .optional()
  .describe('Environments to change; every environment of the VM when absent');

/**
 * Schema of the operations other than `create` (which is a
 * {@link VmRequest} under `request`).
 *
 * @public
 */
export const vmLifecycleOperationSchema = z.discriminatedUnion('operation', [
  z
    .object({
      operation: z.literal('set-run-strategy'),
      vmName,
      gitopsPath,
      runStrategy: z
        .enum(requestableRunStrategies, {
          errorMap: () => ({
            message: `must be one of ${requestableRunStrategies.join(', ')}`,
          }),
        })
        .describe(
          'Run strategy: Always (running), Halted (stopped), Manual or RerunOnFailure',
        ),
      environments,
    })
    .strict(),
  z
    .object({
      operation: z.literal('resize'),
      vmName,
      gitopsPath,
      size: vmSizeSchema,
      environments,
    })
    .strict(),
  z
    .object({
      operation: z.literal('decommission'),
      vmName,
      gitopsPath,
      environments: environments.describe(
        'Environments to remove the VM from; the whole VM (every environment, its ApplicationSet and catalog entity) when absent',
      ),
      reason: checkedString(
        value =>
          value.trim() === ''
            ? 'must not be empty: say why the VM goes'
            : checkSingleLineText(value, 200),
        200,
      ).describe('Why the VM goes, one line'),
    })
    .strict(),
]);

function checkTargetEnvironments(
  requested: readonly string[] | undefined,
  context: VmOperationContext,
): { names: string[]; issues: ValidationIssue[] } {
  const configured = context.environments.map(env => env.name);
  const names = [...(requested ?? context.vmEnvironments ?? [])];
  if (names.length === 0) {
    return {
      names,
      issues: [
        {
          field: 'environments',
          message:
            'say which environments to change (the VM’s environments are not known)',
        },
      ],
    };
  }
  const issues = (requested ?? []).flatMap((name, index) => {
    if (!configured.includes(name)) {
      return [
        {
          field: `environments[${index}]`,
          message: `unknown environment "${name}"; configured environments: ${configured.join(
            ', ',
          )}`,
        },
      ];
    }
    if (context.vmEnvironments && !context.vmEnvironments.includes(name)) {
      return [
        {
          field: `environments[${index}]`,
          message: `the VM is not deployed to ${name} (it is in: ${context.vmEnvironments.join(
            ', ',
          )})`,
        },
      ];
    }
    return [];
  });
  return { names, issues };
}

function checkResizeLimits(
  size: VmSize,
  names: readonly string[],
  context: VmOperationContext,
): ValidationIssue[] {
  const resolved = resolveVmSize(size);
  if (!resolved) {
    return [];
  }
  const field = 'instancetype' in size ? 'size.instancetype' : undefined;
  return names.flatMap(name => {
    const environment = context.environments.find(env => env.name === name);
    if (!environment) {
      return [];
    }
    // A resize leaves the root disk as it is: only vCPUs and memory are checked.
    return checkLimits(resolved, undefined, environment)
      .filter(check => !check.withinLimit)
      .map(check => ({
        field: field ?? `size.${check.resource}`,
        message: `${resolved.label} is over the ${name} limit of ${
          check.limit
        } ${check.resource === 'vcpus' ? 'vCPUs' : 'memory'}`,
      }));
  });
}

/**
 * Validates an operation of the pull-request action. Returns the operation
 * (a `create` carries the validated request), or every issue found.
 *
 * @public
 */
export function validateVmOperation(
  input: unknown,
  context: VmOperationContext,
): ValidationResult<VmOperationRequest> {
  const operation = z
    .object({
      operation: z.enum(vmOperations),
    })
    .passthrough()
    .safeParse(input);
  if (!operation.success) {
    return { ok: false, issues: fromZodIssues(operation.error.issues) };
  }
  if (operation.data.operation === 'create') {
    const created = z
      .object({ operation: z.literal('create'), request: z.unknown() })
      .strict()
      .safeParse(input);
    if (!created.success) {
      return { ok: false, issues: fromZodIssues(created.error.issues) };
    }
    const request = validateVmRequest(created.data.request, context);
    return request.ok
      ? { ok: true, value: { operation: 'create', request: request.value } }
      : {
          ok: false,
          issues: request.issues.map(i => ({
            ...i,
            field: joinFieldPath('request', i.field),
          })),
        };
  }
  const parsed = vmLifecycleOperationSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: fromZodIssues(parsed.error.issues) };
  }
  const value = parsed.data;
  if (value.operation === 'decommission') {
    if (value.environments === undefined) return { ok: true, value };
    const { issues } = checkTargetEnvironments(value.environments, context);
    return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
  }
  const { names, issues } = checkTargetEnvironments(
    value.environments,
    context,
  );
  if (value.operation === 'resize') {
    issues.push(...checkInstancetypes({ size: value.size }));
    issues.push(...checkResizeLimits(value.size, names, context));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}
