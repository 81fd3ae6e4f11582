import { renderInTestApp } from '@backstage/frontend-test-utils';
import { TestApiRegistry } from '@backstage/test-utils';
import type { ScaffolderRJSFField } from '@backstage/plugin-scaffolder-react';
import { Form } from '@backstage/plugin-scaffolder-react/alpha';
import validator from '@rjsf/validator-ajv8';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeEnvironment,
  makeEnvironments,
} from '../../__testUtils__/fixtures';
import {
  answer,
  clientApi,
  errorBody,
  makeClient,
  withMswServer,
} from '../../__testUtils__/server';
import { kubevirtGitopsApiRef } from '../../api/KubevirtGitopsApi';
import { VmEnvironmentPicker } from './VmEnvironmentPicker';
import { vmEnvironmentPickerValidation } from './validation';

withMswServer();

/** The picker inside the scaffolder's own form, as a template uses it. */
function renderInForm(
  onChange: (environments: string[]) => void,
  uiOptions = {},
) {
  return renderInTestApp(
    <Form
      validator={validator}
      schema={{
        type: 'object',
        properties: {
          environments: {
            title: 'Environments',
            description: 'Where the VM runs',
            type: 'array',
            items: { type: 'string' },
          },
        },
      }}
      uiSchema={{
        environments: {
          'ui:field': 'VmEnvironmentPicker',
          'ui:options': uiOptions,
        },
      }}
      // The scaffolder registers field extensions the same way: RJSF types
      // fields loosely, our component narrowly.
      fields={{
        VmEnvironmentPicker: VmEnvironmentPicker as ScaffolderRJSFField,
      }}
      onChange={event => onChange(event.formData?.environments ?? [])}
    />,
    { apis: [clientApi()] },
  );
}

describe('VmEnvironmentPicker', () => {
  it('lists environments with available/total clusters and free capacity', async () => {
    answer('/environments', makeEnvironments());
    renderInForm(() => {});
    const dev = await screen.findByRole('checkbox', {
      name: /Development \(dev\)/,
    });
    expect(dev).toBeEnabled();
    expect(
      screen.getByText(
        '2 of 2 clusters available · 48 cores, 192 GiB free · up to 8 vCPUs, 32Gi per VM',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/0 of 1 cluster available/)).toBeInTheDocument();
  });

  it('disables environments with no available cluster and says why', async () => {
    answer('/environments', makeEnvironments());
    renderInForm(() => {});
    const prod = await screen.findByRole('checkbox', {
      name: /Production \(prod\)/,
    });
    expect(prod).toBeDisabled();
    expect(
      screen.getByText(
        'No cluster of this environment is available right now.',
      ),
    ).toBeInTheDocument();
  });

  it('lets the template allow unavailable environments', async () => {
    answer('/environments', makeEnvironments());
    renderInForm(() => {}, { allowUnavailable: true });
    expect(
      await screen.findByRole('checkbox', { name: /Production \(prod\)/ }),
    ).toBeEnabled();
  });

  it('returns the chosen environment names', async () => {
    answer('/environments', makeEnvironments());
    const changes: string[][] = [];
    renderInForm(value => changes.push(value));
    await userEvent.click(
      await screen.findByRole('checkbox', { name: /Development \(dev\)/ }),
    );
    expect(changes.at(-1)).toEqual(['dev']);
  });

  it('says why it cannot list environments', async () => {
    answer(
      '/environments',
      errorBody('NotAllowedError', 'Unauthorized', 403),
      403,
    );
    renderInForm(() => {});
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Cannot list environments: .*kubevirt-gitops\.fleet\.read/,
    );
  });
});

describe('vmEnvironmentPickerValidation', () => {
  function validate(
    value: string[],
    uiOptions: { allowUnavailable?: boolean; allowEmpty?: boolean } = {},
  ) {
    const errors: string[] = [];
    const client = makeClient();
    return (
      vmEnvironmentPickerValidation(
        value,
        {
          __errors: errors,
          addError: (message: string) => errors.push(message),
        },
        {
          apiHolder: TestApiRegistry.from([kubevirtGitopsApiRef, client]),
          formData: {},
          schema: {},
          uiSchema: { 'ui:options': uiOptions },
        },
      )?.then(() => errors) ?? Promise.resolve(errors)
    );
  }

  it('asks for at least one environment', async () => {
    expect(await validate([])).toEqual(['Choose at least one environment.']);
  });

  it('accepts none where the template says none means every environment of the VM', async () => {
    expect(await validate([], { allowEmpty: true })).toEqual([]);
  });

  it('refuses unknown environments and environments without an available cluster', async () => {
    answer('/environments', makeEnvironments());
    expect(await validate(['dev', 'prod', 'qa'])).toEqual([
      'Production: No cluster of this environment is available right now.',
      'qa is not a configured environment.',
    ]);
  });

  it('accepts available environments, and unavailable ones when allowed', async () => {
    answer('/environments', {
      ...makeEnvironments(),
      environments: [
        makeEnvironment('dev'),
        makeEnvironment('prod', { availableClusters: 0 }),
      ],
    });
    expect(await validate(['dev'])).toEqual([]);
    expect(await validate(['prod'], { allowUnavailable: true })).toEqual([]);
  });
});
