import { createExtensionTester } from '@backstage/frontend-test-utils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import plugin from '../../alpha';
import { vmSizePickerFormField } from './extensions';

describe('vm-size-picker form field', () => {
  it('is the plugin extension that loads the VmSizePicker form field', async () => {
    const loader = createExtensionTester(
      plugin.getExtension(
        'scaffolder-form-field:kubevirt-gitops/vm-size-picker',
      ),
    ).get(FormFieldBlueprint.dataRefs.formFieldLoader);
    const formField = await loader();
    expect(formField).toBe(vmSizePickerFormField);
    expect(JSON.stringify(formField)).toContain('VmSizePicker');
  });
});
