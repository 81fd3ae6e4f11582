import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { VmEnvironmentPicker } from './VmEnvironmentPicker';
import {
  VM_ENVIRONMENT_PICKER,
  VmEnvironmentPickerFieldSchema,
} from './schema';
import { vmEnvironmentPickerValidation } from './validation';

/** The picker as a form field of the new frontend system's scaffolder. */
export const vmEnvironmentPickerFormField = createFormField({
  name: VM_ENVIRONMENT_PICKER,
  component: VmEnvironmentPicker,
  validation: vmEnvironmentPickerValidation,
  schema: VmEnvironmentPickerFieldSchema,
});
