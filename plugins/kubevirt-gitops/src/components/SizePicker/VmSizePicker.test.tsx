import { renderInTestApp } from '@backstage/frontend-test-utils';
import { TestApiRegistry } from '@backstage/test-utils';
import type { ScaffolderRJSFField } from '@backstage/plugin-scaffolder-react';
import { Form } from '@backstage/plugin-scaffolder-react/alpha';
import type {
  VmChoicesResponse,
  VmSizeChoice,
} from '@internal/plugin-kubevirt-gitops-common';
import type { JsonObject } from '@backstage/types';
import validator from '@rjsf/validator-ajv8';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http } from 'msw';
import { useState } from 'react';
import { GENERATED_AT } from '../../__testUtils__/fixtures';
import {
  answer,
  BACKEND,
  clientApi,
  errorBody,
  makeClient,
  server,
  withMswServer,
} from '../../__testUtils__/server';
import { kubevirtGitopsApiRef } from '../../api/KubevirtGitopsApi';
import { VmSizePicker } from './VmSizePicker';
import { vmSizePickerValidation } from './validation';

withMswServer();

function makeSize(
  name: string,
  overrides: Partial<VmSizeChoice> = {},
): VmSizeChoice {
  return {
    name,
    vcpus: 1,
    memory: '4Gi',
    series: 'U Series',
    class: 'general.purpose',
    exceeds: [],
    reportedOn: [],
    ...overrides,
  };
}

/** dev allows up to 16 vCPUs/64Gi, prod up to 4 vCPUs/16Gi. */
function makeChoices(
  overrides: Partial<VmChoicesResponse> = {},
): VmChoicesResponse {
  return {
    sizes: [
      makeSize('u1.medium', { reportedOn: ['dev-1', 'dev-2'] }),
      makeSize('u1.2xlarge', {
        vcpus: 8,
        memory: '32Gi',
        exceeds: [
          {
            environment: 'prod',
            reason: "vCPUs 8 is over prod's limit of 4",
          },
          {
            environment: 'prod',
            reason: "memory 32Gi is over prod's limit of 16Gi",
          },
        ],
      }),
      makeSize('u1.8xlarge', {
        vcpus: 32,
        memory: '128Gi',
        exceeds: [
          { environment: 'dev', reason: "vCPUs 32 is over dev's limit of 16" },
          { environment: 'prod', reason: "vCPUs 32 is over prod's limit of 4" },
        ],
      }),
    ],
    images: [],
    uncataloguedImages: [],
    errors: [],
    generatedAt: GENERATED_AT,
    ...overrides,
  };
}

/**
 * The picker inside the scaffolder's own form, as the scaffolder's stepper
 * renders it: the form's data is also its `formContext.formData`.
 */
function renderInForm(options: {
  formData?: JsonObject;
  uiOptions?: JsonObject;
  onChange?: (size: string | undefined) => void;
}) {
  function Stepper() {
    const [formData, setFormData] = useState<JsonObject>(
      options.formData ?? {},
    );
    return (
      <Form
        validator={validator}
        schema={{
          type: 'object',
          properties: {
            size: {
              title: 'Size',
              description: 'A KubeVirt common instancetype',
              type: 'string',
            },
          },
        }}
        uiSchema={{
          size: {
            'ui:field': 'VmSizePicker',
            'ui:options': options.uiOptions ?? {},
          },
        }}
        fields={{ VmSizePicker: VmSizePicker as ScaffolderRJSFField }}
        formData={formData}
        formContext={{ formData }}
        onChange={event => {
          setFormData(current => ({ ...current, ...event.formData }));
          options.onChange?.(event.formData?.size);
        }}
      />
    );
  }
  return renderInTestApp(<Stepper />, { apis: [clientApi()] });
}

async function openSizes() {
  await userEvent.click(
    await screen.findByRole('button', { name: /u1\.|Choose a size/ }),
  );
}

describe('VmSizePicker', () => {
  it('shows a skeleton while the choices load', async () => {
    server.use(
      http.get(`${BACKEND}/choices`, async () => {
        await delay('infinite');
      }),
    );
    renderInForm({});
    expect(await screen.findByLabelText('Loading Size')).toHaveAttribute(
      'aria-busy',
      'true',
    );
    expect(
      screen.queryByRole('button', { name: /Choose a size/ }),
    ).not.toBeInTheDocument();
  });

  it('lists every size with vCPUs, memory, series and where the fleet has it', async () => {
    answer('/choices', makeChoices());
    renderInForm({});
    await openSizes();
    const options = await screen.findAllByRole('option');
    expect(options.map(option => option.textContent)).toEqual([
      'u1.medium — 1 vCPU, 4Gi (U Series)on 2 clusters',
      'u1.2xlarge — 8 vCPUs, 32Gi (U Series)',
      'u1.8xlarge — 32 vCPUs, 128Gi (U Series)',
    ]);
    // nothing is disabled before environments are chosen
    for (const option of options) {
      expect(option).not.toHaveAttribute('aria-disabled', 'true');
    }
    expect(
      screen.getByText(
        'Choose the environments first to see which sizes fit their limits.',
      ),
    ).toBeInTheDocument();
  });

  it('disables sizes over the limits of a chosen environment and says why', async () => {
    answer('/choices', makeChoices());
    renderInForm({ formData: { environments: ['prod'] } });
    await openSizes();
    expect(
      await screen.findByRole('option', { name: /u1\.medium/ }),
    ).not.toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('option', { name: /u1\.2xlarge/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(screen.getByRole('option', { name: /u1\.8xlarge/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(
      screen.getByText(
        "vCPUs 8 is over prod's limit of 4 · memory 32Gi is over prod's limit of 16Gi",
      ),
    ).toBeInTheDocument();
  });

  it('reads the environments from the field the environmentsField option names', async () => {
    answer('/choices', makeChoices());
    renderInForm({
      formData: { environments: ['prod'], targets: ['dev'] },
      uiOptions: { environmentsField: 'targets' },
    });
    await openSizes();
    expect(
      await screen.findByRole('option', { name: /u1\.2xlarge/ }),
    ).not.toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('option', { name: /u1\.8xlarge/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(
      screen.getByText("vCPUs 32 is over dev's limit of 16"),
    ).toBeInTheDocument();
  });

  it('returns the chosen instancetype name', async () => {
    answer('/choices', makeChoices());
    const changes: Array<string | undefined> = [];
    renderInForm({ onChange: size => changes.push(size) });
    await openSizes();
    await userEvent.click(
      await screen.findByRole('option', { name: /u1\.2xlarge/ }),
    );
    expect(changes.at(-1)).toBe('u1.2xlarge');
    expect(
      screen.getByRole('button', { name: /u1\.2xlarge — 8 vCPUs, 32Gi/ }),
    ).toBeInTheDocument();
  });

  it('warns when the chosen size is too big for a chosen environment', async () => {
    answer('/choices', makeChoices());
    renderInForm({
      formData: { environments: ['dev', 'prod'], size: 'u1.2xlarge' },
    });
    expect(
      await screen.findByText(
        "u1.2xlarge is too big for prod: vCPUs 8 is over prod's limit of 4; memory 32Gi is over prod's limit of 16Gi.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/too big for dev/)).not.toBeInTheDocument();
  });

  it('says when a preset size is not offered', async () => {
    answer('/choices', makeChoices());
    renderInForm({ formData: { size: 'x1.huge' } });
    expect(
      await screen.findByText(
        'x1.huge is not a size the backend offers; choose another.',
      ),
    ).toBeInTheDocument();
  });

  it('says the cluster data may be incomplete', async () => {
    answer(
      '/choices',
      makeChoices({
        errors: [
          {
            source: 'argocd:main',
            kind: 'unreachable',
            message: 'connection refused',
          },
        ],
      }),
    );
    renderInForm({});
    expect(
      await screen.findByText(
        'Cluster data may be incomplete: argocd:main: connection refused',
      ),
    ).toBeInTheDocument();
  });

  it('says why it cannot list sizes, naming the permission', async () => {
    answer('/choices', errorBody('NotAllowedError', 'Unauthorized', 403), 403);
    renderInForm({});
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Cannot list sizes: .*kubevirt-gitops\.fleet\.read/,
    );
  });

  it('says what to check when no size is offered', async () => {
    answer('/choices', makeChoices({ sizes: [] }));
    renderInForm({});
    expect(await screen.findByText(/No sizes are offered/)).toHaveTextContent(
      /Check that the backend plugin is up to date/,
    );
    expect(
      screen.queryByRole('button', { name: /Choose a size/ }),
    ).not.toBeInTheDocument();
  });
});

describe('vmSizePickerValidation', () => {
  function validate(
    value: string,
    formData: JsonObject = {},
    uiOptions: { environmentsField?: string } = {},
  ) {
    const errors: string[] = [];
    const client = makeClient();
    return (
      vmSizePickerValidation(
        value,
        {
          __errors: errors,
          addError: (message: string) => errors.push(message),
        },
        {
          apiHolder: TestApiRegistry.from([kubevirtGitopsApiRef, client]),
          formData,
          schema: {},
          uiSchema: { 'ui:options': uiOptions },
        },
      )?.then(() => errors) ?? Promise.resolve(errors)
    );
  }

  it('asks for a size', async () => {
    expect(await validate('')).toEqual(['Choose a size.']);
  });

  it('refuses a size the backend does not offer', async () => {
    answer('/choices', makeChoices());
    expect(await validate('x1.huge')).toEqual([
      'x1.huge is not a size the backend offers (a KubeVirt common instancetype).',
    ]);
  });

  it('names each chosen environment whose limits the size exceeds, and the rule', async () => {
    answer('/choices', makeChoices());
    expect(
      await validate('u1.8xlarge', { environments: ['dev', 'prod'] }),
    ).toEqual([
      "u1.8xlarge is too big for dev: vCPUs 32 is over dev's limit of 16.",
      "u1.8xlarge is too big for prod: vCPUs 32 is over prod's limit of 4.",
    ]);
  });

  it('accepts a size within the chosen environments, read from environmentsField', async () => {
    answer('/choices', makeChoices());
    expect(await validate('u1.2xlarge', { environments: ['dev'] })).toEqual([]);
    expect(
      await validate(
        'u1.2xlarge',
        { environments: ['dev'], targets: ['prod'] },
        { environmentsField: 'targets' },
      ),
    ).toEqual([
      "u1.2xlarge is too big for prod: vCPUs 8 is over prod's limit of 4; memory 32Gi is over prod's limit of 16Gi.",
    ]);
  });

  it('leaves the check to the action when the backend cannot answer', async () => {
    const choices = answer('/choices', errorBody('Error', 'down', 503), 503);
    expect(await validate('u1.8xlarge', { environments: ['dev'] })).toEqual([]);
    expect(choices.calls()).toBeGreaterThan(0);
  });
});
