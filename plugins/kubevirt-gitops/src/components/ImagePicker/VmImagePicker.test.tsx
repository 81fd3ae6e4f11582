import { renderInTestApp } from '@backstage/frontend-test-utils';
import { TestApiRegistry } from '@backstage/test-utils';
import type { ScaffolderRJSFField } from '@backstage/plugin-scaffolder-react';
import { Form } from '@backstage/plugin-scaffolder-react/alpha';
import type {
  FleetImage,
  VmChoicesResponse,
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
import { VmImagePicker } from './VmImagePicker';
import { vmImagePickerValidation } from './validation';

withMswServer();

function fleetImage(name: string): FleetImage {
  return {
    kind: 'DataSource',
    namespace: 'os-images',
    name,
    clusters: ['dev-1'],
  };
}

/** prod allows only fedora and centos-stream9 (`allowedImages`). */
function makeChoices(
  overrides: Partial<VmChoicesResponse> = {},
): VmChoicesResponse {
  return {
    sizes: [],
    images: [
      {
        id: 'fedora',
        title: 'Fedora',
        preference: 'fedora',
        source: 'DataSource os-images/fedora',
        allowedIn: ['dev', 'prod'],
        reportedOn: ['dev-1', 'dev-2', 'prod-1'],
      },
      {
        id: 'centos-stream9',
        title: 'CentOS Stream 9',
        preference: 'centos.stream9',
        source: 'DataSource os-images/centos-stream9',
        allowedIn: ['dev', 'prod'],
        reportedOn: [],
      },
      {
        id: 'ubuntu',
        title: 'Ubuntu 24.04',
        preference: 'ubuntu',
        source: 'container disk quay.io/containerdisks/ubuntu:24.04',
        allowedIn: ['dev'],
      },
    ],
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
  onChange?: (image: string | undefined) => void;
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
            image: { title: 'Operating system image', type: 'string' },
          },
        }}
        uiSchema={{
          image: {
            'ui:field': 'VmImagePicker',
            'ui:options': options.uiOptions ?? {},
          },
        }}
        fields={{ VmImagePicker: VmImagePicker as ScaffolderRJSFField }}
        formData={formData}
        formContext={{ formData }}
        onChange={event => {
          setFormData(current => ({ ...current, ...event.formData }));
          options.onChange?.(event.formData?.image);
        }}
      />
    );
  }
  return renderInTestApp(<Stepper />, { apis: [clientApi()] });
}

const TRIGGER = /Operating system image/;

async function openImages() {
  await userEvent.click(await screen.findByRole('button', { name: TRIGGER }));
}

describe('VmImagePicker', () => {
  it('shows a skeleton while the choices load', async () => {
    server.use(
      http.get(`${BACKEND}/choices`, async () => {
        await delay('infinite');
      }),
    );
    renderInForm({});
    expect(
      await screen.findByLabelText('Loading Operating system image'),
    ).toHaveAttribute('aria-busy', 'true');
    expect(
      screen.queryByRole('button', { name: TRIGGER }),
    ).not.toBeInTheDocument();
  });

  it('lists the catalog with source and where the fleet has each DataSource', async () => {
    answer('/choices', makeChoices());
    renderInForm({});
    await openImages();
    const options = await screen.findAllByRole('option');
    expect(options.map(option => option.textContent)).toEqual([
      'Fedora (fedora)DataSource os-images/fedora · on 3 clusters',
      'CentOS Stream 9 (centos-stream9)DataSource os-images/centos-stream9 · no cluster reports this DataSource',
      'Ubuntu 24.04 (ubuntu)container disk quay.io/containerdisks/ubuntu:24.04',
    ]);
    for (const option of options) {
      expect(option).not.toHaveAttribute('aria-disabled', 'true');
    }
  });

  it('disables images a chosen environment does not allow and says why', async () => {
    answer('/choices', makeChoices());
    renderInForm({ formData: { environments: ['dev', 'prod'] } });
    await openImages();
    expect(
      await screen.findByRole('option', { name: /Ubuntu 24\.04/ }),
    ).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('option', { name: /Fedora/ })).not.toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(
      screen.getByText(
        'container disk quay.io/containerdisks/ubuntu:24.04 · not allowed in prod (allowedImages)',
      ),
    ).toBeInTheDocument();
  });

  it('reads the environments from the field the environmentsField option names', async () => {
    answer('/choices', makeChoices());
    renderInForm({
      formData: { environments: ['dev'], targets: ['prod'] },
      uiOptions: { environmentsField: 'targets' },
    });
    await openImages();
    expect(
      await screen.findByRole('option', { name: /Ubuntu 24\.04/ }),
    ).toHaveAttribute('aria-disabled', 'true');
  });

  it('returns the chosen catalog id and shows where the image comes from', async () => {
    answer('/choices', makeChoices());
    const changes: Array<string | undefined> = [];
    renderInForm({ onChange: image => changes.push(image) });
    await openImages();
    await userEvent.click(
      await screen.findByRole('option', { name: /CentOS Stream 9/ }),
    );
    expect(changes.at(-1)).toBe('centos-stream9');
    expect(
      screen.getByText(
        'DataSource os-images/centos-stream9 · no cluster reports this DataSource',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/No cluster reports this DataSource: a VM may not boot/),
    ).toBeInTheDocument();
  });

  it('warns when the chosen image is not allowed in a chosen environment', async () => {
    answer('/choices', makeChoices());
    renderInForm({
      formData: { environments: ['dev', 'prod'], image: 'ubuntu' },
    });
    expect(
      await screen.findByText(
        'Ubuntu 24.04 is not allowed in prod (allowedImages).',
      ),
    ).toBeInTheDocument();
  });

  it('names the images the fleet has that the catalog does not', async () => {
    answer(
      '/choices',
      makeChoices({
        uncataloguedImages: [fleetImage('rhel9'), fleetImage('win11')],
      }),
    );
    renderInForm({});
    expect(
      await screen.findByText(
        'The fleet also has 2 images not in the catalog (kubevirtGitops.gitops.images): os-images/rhel9, os-images/win11',
      ),
    ).toBeInTheDocument();
  });

  it('says which config key to fill when the catalog is empty', async () => {
    answer(
      '/choices',
      makeChoices({ images: [], uncataloguedImages: [fleetImage('rhel9')] }),
    );
    renderInForm({});
    expect(
      await screen.findByText(
        'No images are configured (kubevirtGitops.gitops.images).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/The fleet also has 1 image not in the catalog/),
    ).toHaveTextContent('os-images/rhel9');
    expect(
      screen.queryByRole('button', { name: TRIGGER }),
    ).not.toBeInTheDocument();
  });

  it('says why it cannot list images, naming the permission', async () => {
    answer('/choices', errorBody('NotAllowedError', 'Unauthorized', 403), 403);
    renderInForm({});
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Cannot list images: .*kubevirt-gitops\.fleet\.read/,
    );
  });
});

describe('vmImagePickerValidation', () => {
  function validate(
    value: string,
    formData: JsonObject = {},
    uiOptions: { environmentsField?: string } = {},
  ) {
    const errors: string[] = [];
    const client = makeClient();
    return (
      vmImagePickerValidation(
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

  it('asks for an image', async () => {
    expect(await validate('')).toEqual(['Choose an image.']);
  });

  it('refuses an image that is not in the catalog', async () => {
    answer('/choices', makeChoices());
    expect(await validate('windows')).toEqual([
      'windows is not in the image catalog (kubevirtGitops.gitops.images).',
    ]);
  });

  it('names the chosen environments that do not allow the image, and the rule', async () => {
    answer('/choices', makeChoices());
    expect(
      await validate('ubuntu', { environments: ['dev', 'prod', 'qa'] }),
    ).toEqual(['Ubuntu 24.04 is not allowed in prod, qa (allowedImages).']);
  });

  it('accepts an allowed image, reading the environments from environmentsField', async () => {
    answer('/choices', makeChoices());
    expect(await validate('ubuntu', { environments: ['dev'] })).toEqual([]);
    expect(await validate('fedora', { environments: ['prod'] })).toEqual([]);
    expect(
      await validate(
        'ubuntu',
        { environments: ['dev'], targets: ['prod'] },
        { environmentsField: 'targets' },
      ),
    ).toEqual(['Ubuntu 24.04 is not allowed in prod (allowedImages).']);
  });

  it('leaves the check to the action when the backend cannot answer', async () => {
    const choices = answer('/choices', errorBody('Error', 'down', 503), 503);
    expect(await validate('ubuntu', { environments: ['prod'] })).toEqual([]);
    expect(choices.calls()).toBeGreaterThan(0);
  });
});
