/*
 * The software templates in templates/: listed in templates.yaml, each one
 * calls kubevirt:vm:pull-request with input the action accepts, links to the
 * pull request, and lists the sizes, images and environments through the
 * frontend plugin's fields (from the backend's `/choices` and
 * `/environments`), never as enums fixed in template.yaml.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { parseGitopsConfig } from '@internal/plugin-kubevirt-gitops-common';
import { checkVmOperationInput } from '@internal/plugin-kubevirt-gitops-node';
import { Validator } from 'jsonschema';
import { parse } from 'yaml';
import { SSH_KEY, integrationsOf } from './__testUtils__/config';
import { toOperationInput } from './actions/operationInput';
import { createVmPullRequestAction } from './actions/vmPullRequest';

const ROOT = path.resolve(__dirname, '../../..');
const TEMPLATES = path.join(ROOT, 'templates');
const NAMES = ['request-vm', 'vm-power', 'vm-resize', 'vm-decommission'];

function readYaml(file: string) {
  return parse(readFileSync(file, 'utf8'));
}

/**
 * The parameters whose values come from the installation, and the field
 * that lists them at run time (from the backend's `/choices` and
 * `/environments`, i.e. the config and the live fleet).
 */
const RUNTIME_FIELDS: Record<string, Array<[number, string, string]>> = {
  'request-vm': [
    [1, 'environments', 'VmEnvironmentPicker'],
    [1, 'size', 'VmSizePicker'],
    [1, 'image', 'VmImagePicker'],
  ],
  'vm-power': [[0, 'environments', 'VmEnvironmentPicker']],
  'vm-resize': [
    [0, 'size', 'VmSizePicker'],
    [0, 'environments', 'VmEnvironmentPicker'],
  ],
  'vm-decommission': [[0, 'environments', 'VmEnvironmentPicker']],
};

function templateFile(name: string) {
  return path.join(TEMPLATES, name, 'template.yaml');
}

/** Renders the `${{ parameters.x }}` and `${{ steps... }}` expressions the templates use. */
function render(value: unknown, context: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const match = /^\$\{\{\s*(.+?)\s*\}\}$/.exec(value);
    if (!match) return value;
    const keys = [
      ...match[1].matchAll(/\['([^']+)'\]|([A-Za-z_$][\w$]*)/g),
    ].map(token => token[1] ?? token[2]);
    return keys.reduce<unknown>(
      (current, key) =>
        typeof current === 'object' && current !== null
          ? (current as Record<string, unknown>)[key]
          : undefined,
      context,
    );
  }
  if (Array.isArray(value)) return value.map(item => render(item, context));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, render(item, context)]),
    );
  }
  return value;
}

describe('templates', () => {
  it('are all listed in templates/templates.yaml', () => {
    const location = readYaml(path.join(TEMPLATES, 'templates.yaml'));
    expect(location.kind).toBe('Location');
    expect(location.spec.targets).toEqual(
      NAMES.map(name => `./${name}/template.yaml`),
    );
  });

  it.each(NAMES)(
    '%s: lists sizes, images and environments at run time, with no fixed enum',
    name => {
      const template = readYaml(templateFile(name));
      for (const [page, property, field] of RUNTIME_FIELDS[name]) {
        const schema =
          template.spec.parameters[page].properties[property] ?? {};
        expect({ property, field: schema['ui:field'] }).toEqual({
          property,
          field,
        });
        // nothing the fleet or the config decides is written in the template
        expect({
          property,
          enum: schema.enum,
          items: schema.items?.enum,
        }).toEqual({ property, enum: undefined, items: undefined });
      }
      // each is a field the frontend plugin defines
      const components = path.join(
        ROOT,
        'plugins/kubevirt-gitops/src/components',
      );
      const defined = readdirSync(components)
        .map(dir => path.join(components, dir, 'schema.ts'))
        .filter(file => existsSync(file))
        .map(file => readFileSync(file, 'utf8'))
        .join('\n');
      for (const [, , field] of RUNTIME_FIELDS[name])
        expect(defined).toContain(`'${field}'`);
    },
  );

  const config = new ConfigReader({
    kubevirtGitops: {
      gitops: readYaml(
        path.join(__dirname, '../demo/app-config.kubevirt-gitops.yaml'),
      ).kubevirtGitops.gitops,
    },
  });
  const action = createVmPullRequestAction({
    config,
    integrations: integrationsOf(config),
  });
  const parameters: Record<string, Record<string, unknown>> = {
    'request-vm': {
      name: 'web-01',
      owner: 'group:default/app-team',
      namespace: 'vms',
      purpose: 'Web server',
      environments: ['dev', 'prod'],
      size: 'u1.medium',
      image: 'fedora',
      rootDiskSize: '30Gi',
      runStrategy: 'Always',
      sshKeys: [SSH_KEY],
    },
    'vm-power': {
      vm: 'resource:default/web-01',
      runStrategy: 'Halted',
      environments: [],
    },
    'vm-resize': {
      vm: 'resource:default/web-01',
      size: 'u1.large',
      environments: ['prod'],
    },
    'vm-decommission': {
      vm: 'resource:default/web-01',
      reason: 'Replaced',
      environments: [],
      confirm: true,
    },
  };

  it.each(NAMES)(
    '%s: passes input the action accepts and links to the pull request',
    name => {
      const template = readYaml(templateFile(name));
      expect(template).toMatchObject({
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
      });
      const step = template.spec.steps.find(
        (s: { action: string }) => s.action === 'kubevirt:vm:pull-request',
      );
      const context = {
        parameters: parameters[name],
        steps: {
          vm: {
            output: {
              entity: {
                metadata: {
                  annotations: { 'kubevirt-gitops.io/vm-name': 'web-01' },
                },
              },
            },
          },
        },
      };
      const input = render(step.input, context) as Record<string, unknown>;
      const schemaCheck = new Validator().validate(
        input,
        action.schema?.input ?? {},
      );
      expect(schemaCheck.errors.map(error => error.stack)).toEqual([]);
      const operationInput = toOperationInput(
        JSON.parse(JSON.stringify(input)),
      );
      expect(() =>
        checkVmOperationInput(
          operationInput,
          parseGitopsConfig(config.get('kubevirtGitops.gitops')),
        ),
      ).not.toThrow();
      expect(template.spec.output.links).toContainEqual(
        expect.objectContaining({
          title: 'Pull request',
          url: "${{ steps['pull-request'].output.pullRequestUrl }}",
        }),
      );
    },
  );

  it.each(['vm-power', 'vm-resize', 'vm-decommission'])(
    '%s: operates the VM in the repository its entity names (kubevirt-gitops.io/gitops-repo and gitops-path), and in the primary one when it names none',
    name => {
      const template = readYaml(templateFile(name));
      const step = template.spec.steps.find(
        (s: { action: string }) => s.action === 'kubevirt:vm:pull-request',
      );
      const renderFor = (annotations: Record<string, string>) =>
        render(step.input, {
          parameters: parameters[name],
          steps: { vm: { output: { entity: { metadata: { annotations } } } } },
        }) as Record<string, unknown>;
      expect(
        renderFor({
          'kubevirt-gitops.io/vm-name': 'demo-vm',
          'kubevirt-gitops.io/gitops-path': 'applicationsets/demo-vm',
          'kubevirt-gitops.io/gitops-repo':
            'https://github.com/0xFelix/gitops-demo',
        }),
      ).toMatchObject({
        vmName: 'demo-vm',
        gitopsPath: 'applicationsets/demo-vm',
        gitopsRepoUrl: 'https://github.com/0xFelix/gitops-demo',
      });
      const primary = renderFor({ 'kubevirt-gitops.io/vm-name': 'web-01' });
      expect(
        toOperationInput(JSON.parse(JSON.stringify(primary))),
      ).not.toHaveProperty('gitopsRepoUrl');
      expect(primary.gitopsRepoUrl ?? '').toBe('');
    },
  );

  it('request-vm registers the VM from the base branch, optionally (it exists once merged)', () => {
    const template = readYaml(templateFile('request-vm'));
    expect(template.spec.steps).toContainEqual(
      expect.objectContaining({
        action: 'catalog:register',
        input: {
          catalogInfoUrl: "${{ steps['pull-request'].output.catalogInfoUrl }}",
          optional: true,
        },
      }),
    );
  });
});
