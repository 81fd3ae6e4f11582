import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { kubevirtGitopsApiRef } from '../../api/KubevirtGitopsApi';
import { unavailableReason } from './describeEnvironment';

/**
 * Checks the chosen environments on "Next": at least one (unless
 * `allowEmpty`), each configured and (unless `allowUnavailable`) with an
 * available cluster. If the backend
 * cannot answer, the action validates the request again.
 *
 * @public
 */
export const vmEnvironmentPickerValidation: CustomFieldValidator<
  string[],
  { allowUnavailable?: boolean; allowEmpty?: boolean }
> = async (value, validation, context) => {
  if (!value || value.length === 0) {
    if (context.uiSchema?.['ui:options']?.allowEmpty !== true)
      validation.addError('Choose at least one environment.');
    return;
  }
  const api = context.apiHolder.get(kubevirtGitopsApiRef);
  if (!api) {
    return;
  }
  let environments;
  try {
    ({ environments } = await api.getEnvironments());
  } catch {
    return;
  }
  const allowUnavailable =
    context.uiSchema?.['ui:options']?.allowUnavailable === true;
  for (const name of value) {
    const environment = environments.find(env => env.name === name);
    if (!environment) {
      validation.addError(`${name} is not a configured environment.`);
      continue;
    }
    const reason = unavailableReason(environment);
    if (reason && !allowUnavailable) {
      validation.addError(`${environment.title}: ${reason}`);
    }
  }
};
