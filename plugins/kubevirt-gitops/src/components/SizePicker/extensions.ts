import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { VmSizePicker } from './VmSizePicker';
import { VM_SIZE_PICKER, VmSizePickerFieldSchema } from './schema';
import { vmSizePickerValidation } from './validation';

/** The picker as a form field of the new frontend system's scaffolder. */
export const vmSizePickerFormField = createFormField({
  name: VM_SIZE_PICKER,
  component: VmSizePicker,
  validation: vmSizePickerValidation,
  schema: VmSizePickerFieldSchema,
});
