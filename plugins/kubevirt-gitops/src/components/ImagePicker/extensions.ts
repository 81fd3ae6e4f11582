import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { VmImagePicker } from './VmImagePicker';
import { VM_IMAGE_PICKER, VmImagePickerFieldSchema } from './schema';
import { vmImagePickerValidation } from './validation';

/** The picker as a form field of the new frontend system's scaffolder. */
export const vmImagePickerFormField = createFormField({
  name: VM_IMAGE_PICKER,
  component: VmImagePicker,
  validation: vmImagePickerValidation,
  schema: VmImagePickerFieldSchema,
});
