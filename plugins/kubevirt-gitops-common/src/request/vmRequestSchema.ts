/*
 * The structural zod schema of a VM request: types, shapes, bounds and every
 * rule that needs no configuration. Rules that need the configuration
 * (environments, limits, image catalog) are in vmRequestRules.ts.
 */
import { parseEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { requestableRunStrategies } from '../state/kubevirt';
import { checkImageReference } from './imageReference';
import { checkSshPublicKey, MAX_SSH_KEY_LENGTH } from './sshKeys';
import {
  checkDnsLabel,
  checkDnsSubdomain,
  checkMultilineText,
  checkSingleLineText,
} from './textRules';
import type { VmBootSource, VmSize } from './vmRequestTypes';
import { checkedString, positiveQuantity } from './zodRules';

/** Bounds of the request's free text and lists. */
export const VM_REQUEST_LIMITS = {
  purposeLength: 200,
  descriptionLength: 2000,
  sshKeys: 20,
  environments: 20,
  ownerLength: 255,
} as const;

function checkOwnerRef(value: string): string | undefined {
  const lineProblem = checkSingleLineText(value, VM_REQUEST_LIMITS.ownerLength);
  if (lineProblem) {
    return lineProblem;
  }
  try {
    const ref = parseEntityRef(value, { defaultKind: 'group' });
    const kind = ref.kind.toLocaleLowerCase('en-US');
    if (kind !== 'group' && kind !== 'user') {
      return `must reference a user or group, not a ${ref.kind}`;
    }
    return checkDnsSubdomain(ref.namespace) ?? checkOwnerName(ref.name);
  } catch {
    return 'must be an entity reference such as group:default/platform-team';
  }
}

function checkOwnerName(name: string): string | undefined {
  return /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/.test(name)
    ? undefined
    : 'must be an entity reference such as group:default/platform-team';
}

const runStrategySchema = z
  .enum(requestableRunStrategies, {
    errorMap: () => ({
      message: `must be one of ${requestableRunStrategies.join(', ')}`,
    }),
  })
  .describe(
    'Run strategy: Always (running), Halted (stopped), Manual or RerunOnFailure',
  );

/** Shape of a size before the "exactly one form" rule. */
const sizeFieldsSchema = z
  .object({
    instancetype: z
      .string()
      .max(63)
      .optional()
      .describe('A common KubeVirt instancetype, e.g. u1.medium'),
    vcpus: z
      .number()
      .int('must be a whole number of vCPUs')
      .min(1, 'must be at least 1')
      .max(1024, 'must be at most 1024')
      .optional()
      .describe('Custom size: number of vCPUs (with memory)'),
    memory: positiveQuantity('4Gi')
      .optional()
      .describe('Custom size: memory as a quantity, e.g. 8Gi (with vcpus)'),
  })
  .strict();

/**
 * Schema of a VM size: `{ instancetype }` or `{ vcpus, memory }`.
 *
 * @public
 */
export const vmSizeSchema: z.ZodType<VmSize, z.ZodTypeDef, unknown> =
  sizeFieldsSchema
    .superRefine((size, ctx) => {
      const custom = size.vcpus !== undefined || size.memory !== undefined;
      if (size.instancetype !== undefined && custom) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message:
            'give either an instancetype or custom vcpus and memory, not both',
        });
      } else if (size.instancetype === undefined && !custom) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message:
            'give an instancetype (e.g. u1.medium) or custom vcpus and memory',
        });
      } else if (custom && size.vcpus === undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['vcpus'],
          message: 'a custom size needs vcpus as well as memory',
        });
      } else if (custom && size.memory === undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['memory'],
          message: 'a custom size needs memory as well as vcpus',
        });
      }
    })
    .transform((size): VmSize => {
      if (size.instancetype !== undefined) {
        return { instancetype: size.instancetype };
      }
      return { vcpus: size.vcpus ?? 0, memory: size.memory ?? '' };
    })
    .describe('Size: a common instancetype, or custom vcpus and memory');

/**
 * Schema of a boot source: `{ image }` (catalog id) or `{ containerDisk }`.
 *
 * @public
 */
export const vmBootSourceSchema: z.ZodType<
  VmBootSource,
  z.ZodTypeDef,
  unknown
> = z
  .object({
    image: z
      .string()
      .max(63)
      .optional()
      .describe('Id of an image of the configured catalog'),
    containerDisk: checkedString(checkImageReference, 512)
      .optional()
      .describe(
        'A container disk image, e.g. quay.io/containerdisks/fedora:42',
      ),
  })
  .strict()
  .superRefine((source, ctx) => {
    const given = [source.image, source.containerDisk].filter(
      value => value !== undefined,
    ).length;
    if (given !== 1) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          'give exactly one of image (from the catalog) or containerDisk',
      });
    }
  })
  .transform(
    (source): VmBootSource =>
      source.image !== undefined
        ? { image: source.image }
        : { containerDisk: source.containerDisk ?? '' },
  )
  .describe('Boot source: a catalog image id, or a container disk image');

const overrideSchema = z
  .object({
    size: vmSizeSchema.optional(),
    runStrategy: runStrategySchema.optional(),
  })
  .strict()
  .describe('What this environment does differently');

/**
 * The structural schema of a {@link VmRequest}, with a description on every
 * field. It checks everything that needs no configuration; use
 * {@link validateVmRequest} for the complete rules.
 *
 * @public
 */
export const vmRequestSchema = z
  .object({
    name: checkedString(checkDnsLabel, 63).describe(
      'Base name of the VM: lowercase letters, digits and -, at most 63 characters with the environment prefix (each environment renders <namePrefix><name>)',
    ),
    namespace: checkedString(checkDnsLabel, 63).describe(
      'Namespace of the VM on the managed clusters',
    ),
    owner: checkedString(checkOwnerRef, VM_REQUEST_LIMITS.ownerLength).describe(
      'Entity ref of the owning group or user, e.g. group:default/team-a',
    ),
    environments: z
      .array(z.string().max(63, 'must be at most 63 characters'))
      .min(1, 'choose at least one environment')
      .max(VM_REQUEST_LIMITS.environments)
      .describe('Configured environments to deploy to, e.g. ["dev", "prod"]'),
    size: vmSizeSchema,
    preference: checkedString(checkDnsSubdomain, 63)
      .optional()
      .describe(
        'KubeVirt preference (OS), e.g. fedora; defaults to the image’s',
      ),
    bootSource: vmBootSourceSchema,
    rootDiskSize: positiveQuantity('30Gi').describe(
      'Root disk size as a quantity, e.g. 30Gi',
    ),
    runStrategy: runStrategySchema,
    sshKeys: z
      .array(checkedString(checkSshPublicKey, MAX_SSH_KEY_LENGTH))
      .min(1, 'add at least one SSH public key')
      .max(VM_REQUEST_LIMITS.sshKeys)
      .describe('SSH public keys (contents of .pub files), one per entry'),
    purpose: checkedString(
      value =>
        value.trim().length === 0
          ? 'must not be empty'
          : checkSingleLineText(value, VM_REQUEST_LIMITS.purposeLength),
      VM_REQUEST_LIMITS.purposeLength,
    ).describe('One line saying what the VM is for'),
    description: checkedString(
      value => checkMultilineText(value, VM_REQUEST_LIMITS.descriptionLength),
      VM_REQUEST_LIMITS.descriptionLength,
    )
      .optional()
      .describe('Longer description (multi-line)'),
    overrides: z
      .record(z.string().max(63), overrideSchema)
      .refine(
        overrides =>
          Object.keys(overrides).length <= VM_REQUEST_LIMITS.environments,
        `must have at most ${VM_REQUEST_LIMITS.environments} environments`,
      )
      .optional()
      .describe(
        'Per-environment size or run strategy, keyed by environment name',
      ),
  })
  .strict()
  .describe('The VM request');
