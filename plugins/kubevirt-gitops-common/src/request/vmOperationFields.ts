/*
 * The input fields of each VM operation, read from the schemas that
 * validate them (`vmLifecycleOperationSchema`, `vmRequestSchema`): the
 * scaffolder action's input schema and its "not used by this operation"
 * check are built from here, so a field added to an operation's schema is
 * in the action's contract with no second list to keep in step.
 */
import type { z } from 'zod';
import { vmLifecycleOperationSchema } from './validateVmOperation';
import type { VmOperation } from './vmOperationTypes';
import { vmRequestSchema } from './vmRequestSchema';

type LifecycleOption = (typeof vmLifecycleOperationSchema.options)[number];
type LifecycleShape = LifecycleOption['shape'];
/** Every field of a lifecycle operation, less the discriminator. */
type LifecycleField = {
  [K in LifecycleOption as K['shape']['operation']['value']]: Exclude<
    keyof K['shape'],
    'operation'
  >;
}[Exclude<VmOperation, 'create'>];

/**
 * The fields each operation takes besides `operation` (a `create` takes its
 * VM request under `request`), in the schemas' order.
 *
 * @public
 */
export const vmOperationFields: Readonly<
  Record<VmOperation, readonly string[]>
> = Object.freeze({ create: ['request'], ...lifecycleFields() });

function lifecycleFields(): Record<
  Exclude<VmOperation, 'create'>,
  readonly string[]
> {
  const fields: Partial<Record<Exclude<VmOperation, 'create'>, string[]>> = {};
  for (const option of vmLifecycleOperationSchema.options) {
    fields[option.shape.operation.value] = Object.keys(option.shape).filter(
      key => key !== 'operation',
    );
  }
  return fields as Record<Exclude<VmOperation, 'create'>, readonly string[]>;
}

/**
 * The schema of each input field of the operations, for tools that describe
 * the input (the scaffolder action's JSON schema): `request` is
 * {@link vmRequestSchema}, the others come from
 * {@link vmLifecycleOperationSchema} (a field several operations share, such
 * as `environments`, from the first that has it).
 *
 * @public
 */
export const vmOperationFieldSchemas: Readonly<
  { request: typeof vmRequestSchema } & Record<LifecycleField, z.ZodTypeAny>
> = Object.freeze({
  request: vmRequestSchema,
  ...(Object.fromEntries(
    vmLifecycleOperationSchema.options
      .flatMap(option =>
        Object.entries(option.shape as Partial<LifecycleShape>).filter(
          ([key]) => key !== 'operation',
        ),
      )
      .reverse(),
  ) as Record<LifecycleField, z.ZodTypeAny>),
});
