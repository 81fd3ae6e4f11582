import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/** The `ui:field` name templates use. */
export const VM_IMAGE_PICKER = 'VmImagePicker';

/**
 * The picker's value: the id of the chosen entry of the image catalog
 * (`kubevirtGitops.gitops.images`), the `image` of a VM request.
 *
 * @public
 */
export const VmImagePickerFieldSchema = makeFieldSchema({
  output: z => z.string(),
  uiOptions: z =>
    z.object({
      environmentsField: z
        .string()
        .optional()
        .describe(
          'The form field holding the chosen environments, which must allow the image (default environments)',
        ),
    }),
});

/**
 * Props of the image picker field.
 *
 * @public
 */
export type VmImagePickerProps = typeof VmImagePickerFieldSchema.TProps;
