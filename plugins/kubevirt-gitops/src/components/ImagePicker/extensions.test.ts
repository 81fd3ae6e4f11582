import { createExtensionTester } from '@backstage/frontend-test-utils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import plugin from '../../alpha';
import { vmImagePickerFormField } from './extensions';

describe('vm-image-picker form field', () => {
  it('is the plugin extension that loads the VmImagePicker form field', async () => {
    const loader = createExtensionTester(
      plugin.getExtension(
        'scaffolder-form-field:kubevirt-gitops/vm-image-picker',
      ),
    ).get(FormFieldBlueprint.dataRefs.formFieldLoader);
    const formField = await loader();
    expect(formField).toBe(vmImagePickerFormField);
    expect(JSON.stringify(formField)).toContain('VmImagePicker');
  });
});
