import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/** The `ui:field` name templates use. */
export const VM_ENVIRONMENT_PICKER = 'VmEnvironmentPicker';

/**
 * The picker's value: the names of the chosen environments (`string[]`),
 * the `environments` of a VM request.
 *
 * @public
 */
export const VmEnvironmentPickerFieldSchema = makeFieldSchema({
  output: z => z.array(z.string()),
  uiOptions: z =>
    z.object({
      allowUnavailable: z
        .boolean()
        .optional()
        .describe(
          'Let users pick environments with no available cluster (default false)',
        ),
      allowEmpty: z
        .boolean()
        .optional()
        .describe(
          'Accept no environment chosen, for templates where none means every environment of the VM (default false)',
        ),
    }),
});

/**
 * Props of the environment picker field.
 *
 * @public
 */
export type VmEnvironmentPickerProps =
  typeof VmEnvironmentPickerFieldSchema.TProps;
