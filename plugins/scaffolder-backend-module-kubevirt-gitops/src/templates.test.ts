/*
 * The software templates in templates/: listed in templates.yaml, each one
 * calls kubevirt:vm:pull-request with input the action accepts, links to the
 * pull request, and offers the sizes (KubeVirt common instancetypes, u1
 * series) and the environments and images of the configuration.
 *
 * UPDATE_TEMPLATES=1 rewrites the lists (comments and layout kept).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  commonInstancetypes,
  parseGitopsConfig,
  parseQuantity,
  type GitopsConfig,
} from '@internal/plugin-kubevirt-gitops-common';
import { checkVmOperationInput } from '@internal/plugin-kubevirt-gitops-node';
import { Validator } from 'jsonschema';
import { parse, parseDocument } from 'yaml';
import { SSH_KEY, integrationsOf } from './__testUtils__/config';
import { toOperationInput } from './actions/operationInput';
import { createVmPullRequestAction } from './actions/vmPullRequest';

const ROOT = path.resolve(__dirname, '../../..');
const TEMPLATES = path.join(ROOT, 'templates');
const NAMES = ['request-vm', 'vm-power', 'vm-resize', 'vm-decommission'];

function readYaml(file: string) {
  return parse(readFileSync(file, 'utf8'));
}

function configFrom(file: string): GitopsConfig | undefined {
  const raw = readYaml(file)?.kubevirtGitops?.gitops;
  return raw ? parseGitopsConfig(raw) : undefined;
}

const demoConfig = configFrom(
  path.join(__dirname, '../demo/app-config.kubevirt-gitops.yaml'),
);
const appConfig = configFrom(path.join(ROOT, 'app-config.yaml'));

const sizes = [...commonInstancetypes]
  .filter(type => type.name.startsWith('u1.'))
  .sort(
    (a, b) =>
      a.vcpus - b.vcpus || parseQuantity(a.memory) - parseQuantity(b.memory),
  );
const sizeNames = sizes.map(
  size =>
    `${size.name} (${size.vcpus} vCPU${size.vcpus === 1 ? '' : 's'}, ${
      size.memory
    })`,
);

/** Where each template keeps each generated list. */
function lists(
  config: GitopsConfig,
): Record<string, Array<[string[], unknown[]]>> {
  const environments = config.environments.map(env => env.name);
  const environmentTitles = config.environments.map(
    env => env.title ?? env.name,
  );
  const envItems = (page: number): Array<[string[], unknown[]]> => [
    [
      [
        'spec',
        'parameters',
        String(page),
        'properties',
        'environments',
        'items',
        'enum',
      ],
      environments,
    ],
    [
      [
        'spec',
        'parameters',
        String(page),
        'properties',
        'environments',
        'items',
        'enumNames',
      ],
      environmentTitles,
    ],
  ];
  const size = (page: number): Array<[string[], unknown[]]> => [
    [
      ['spec', 'parameters', String(page), 'properties', 'size', 'enum'],
      sizes.map(s => s.name),
    ],
    [
      ['spec', 'parameters', String(page), 'properties', 'size', 'enumNames'],
      sizeNames,
    ],
  ];
  return {
    'request-vm': [
      ...envItems(1),
      ...size(1),
      [
        ['spec', 'parameters', '1', 'properties', 'image', 'enum'],
        config.images.map(image => image.id),
      ],
      [
        ['spec', 'parameters', '1', 'properties', 'image', 'enumNames'],
        config.images.map(image => image.title),
      ],
    ],
    'vm-power': envItems(0),
    'vm-resize': [...size(0), ...envItems(0)],
    'vm-decommission': envItems(0),
  };
}

function templateFile(name: string) {
  return path.join(TEMPLATES, name, 'template.yaml');
}

function pathOf(keys: string[]): unknown[] {
  return keys.map(key => (/^\d+$/.test(key) ? Number(key) : key));
}

if (process.env.UPDATE_TEMPLATES && demoConfig) {
  for (const name of NAMES) {
    const document = parseDocument(readFileSync(templateFile(name), 'utf8'));
    for (const [keys, values] of lists(demoConfig)[name]) {
      document.setIn(pathOf(keys), document.createNode(values));
    }
    writeFileSync(templateFile(name), document.toString({ lineWidth: 0 }));
  }
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

  it('offer the sizes, environments and images of the configuration', () => {
    expect(demoConfig).toBeDefined();
    const configs = [demoConfig, appConfig].filter(
      (config): config is GitopsConfig => config !== undefined,
    );
    for (const config of configs) {
      for (const name of NAMES) {
        const template = readYaml(templateFile(name));
        for (const [keys, values] of lists(config)[name]) {
          expect({
            name,
            keys: keys.join('.'),
            values: keys.reduce((node, key) => node?.[key], template),
          }).toEqual({
            name,
            keys: keys.join('.'),
            values,
          });
        }
      }
    }
  });

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
