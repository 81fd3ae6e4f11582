import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { kubevirtGitopsApiRef } from '../../api/KubevirtGitopsApi';
import { chosenEnvironments, environmentsFieldOf } from '../SizePicker/choices';
import { disallowingEnvironments, notAllowedReason } from './describeImage';

/**
 * Checks the chosen image on "Next": an entry of the catalog, allowed in
 * every environment chosen in the form (`environmentsField`). If the
 * backend cannot answer, the action validates the request again.
 *
 * @public
 */
export const vmImagePickerValidation: CustomFieldValidator<
  string,
  { environmentsField?: string }
> = async (value, validation, context) => {
  if (!value) {
    validation.addError('Choose an image.');
    return;
  }
  const api = context.apiHolder.get(kubevirtGitopsApiRef);
  if (!api) {
    return;
  }
  let images;
  try {
    ({ images } = await api.getChoices());
  } catch {
    return;
  }
  const image = images.find(choice => choice.id === value);
  if (!image) {
    validation.addError(
      `${value} is not in the image catalog (kubevirtGitops.gitops.images).`,
    );
    return;
  }
  const disallowing = disallowingEnvironments(
    image,
    chosenEnvironments(
      context.formData,
      environmentsFieldOf(context.uiSchema?.['ui:options']),
    ),
  );
  if (disallowing.length > 0) {
    validation.addError(`${image.title} is ${notAllowedReason(disallowing)}.`);
  }
};
