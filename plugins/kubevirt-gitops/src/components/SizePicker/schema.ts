import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/** The `ui:field` name templates use. */
export const VM_SIZE_PICKER = 'VmSizePicker';

/**
 * The picker's value: the name of the chosen KubeVirt common instancetype
 * (e.g. `u1.medium`), the `size` of a VM request.
 *
 * @public
 */
export const VmSizePickerFieldSchema = makeFieldSchema({
  output: z => z.string(),
  uiOptions: z =>
    z.object({
      environmentsField: z
        .string()
        .optional()
        .describe(
          'The form field holding the chosen environments, whose limits the size must fit (default environments)',
        ),
    }),
});

/**
 * Props of the size picker field.
 *
 * @public
 */
export type VmSizePickerProps = typeof VmSizePickerFieldSchema.TProps;
