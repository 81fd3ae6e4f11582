import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { kubevirtGitopsApiRef } from '../../api/KubevirtGitopsApi';
import { chosenEnvironments, environmentsFieldOf } from './choices';
import { exceededLimits, tooBigMessage } from './describeSize';

/**
 * Checks the chosen size on "Next": one the backend offers, within the
 * limits of every environment chosen in the form (`environmentsField`). If
 * the backend cannot answer, the action validates the request again.
 *
 * @public
 */
export const vmSizePickerValidation: CustomFieldValidator<
  string,
  { environmentsField?: string }
> = async (value, validation, context) => {
  if (!value) {
    validation.addError('Choose a size.');
    return;
  }
  const api = context.apiHolder.get(kubevirtGitopsApiRef);
  if (!api) {
    return;
  }
  let sizes;
  try {
    ({ sizes } = await api.getChoices());
  } catch {
    return;
  }
  const size = sizes.find(choice => choice.name === value);
  if (!size) {
    validation.addError(
      `${value} is not a size the backend offers (a KubeVirt common instancetype).`,
    );
    return;
  }
  const environments = chosenEnvironments(
    context.formData,
    environmentsFieldOf(context.uiSchema?.['ui:options']),
  );
  for (const exceeded of exceededLimits(size, environments)) {
    validation.addError(tooBigMessage(value, exceeded));
  }
};
