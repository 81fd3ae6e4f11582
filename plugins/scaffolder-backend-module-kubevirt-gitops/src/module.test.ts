import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { gitopsConfig } from './__testUtils__/config';
import { scaffolderModuleKubevirtGitops } from './module';

describe('scaffolderModuleKubevirtGitops', () => {
  it('registers kubevirt:vm:pull-request with the scaffolder', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleKubevirtGitops,
        mockServices.rootConfig.factory({
          data: { kubevirtGitops: { gitops: gitopsConfig() } },
        }),
      ],
    });
    expect(addActions).toHaveBeenCalledTimes(1);
    const [action] = addActions.mock.calls[0];
    expect(action).toMatchObject({
      id: 'kubevirt:vm:pull-request',
      supportsDryRun: true,
    });
    expect(action.examples.length).toBeGreaterThan(0);
    const input = action.schema.input;
    expect(input.properties.operation.enum).toEqual([
      'create',
      'set-run-strategy',
      'resize',
      'decommission',
    ]);
    for (const [name, property] of Object.entries<{ description?: string }>(
      input.properties,
    )) {
      expect({ name, description: property.description }).toEqual({
        name,
        description: expect.any(String),
      });
    }
  });

  it('refuses to start with an invalid kubevirtGitops.gitops, naming the key', async () => {
    const broken = gitopsConfig();
    broken.environments[0].limits.maxMemory = '32GB';
    await expect(
      startTestBackend({
        extensionPoints: [
          [scaffolderActionsExtensionPoint, { addActions: jest.fn() }],
        ],
        features: [
          scaffolderModuleKubevirtGitops,
          mockServices.rootConfig.factory({
            data: { kubevirtGitops: { gitops: broken } },
          }),
        ],
      }),
    ).rejects.toThrow(
      /kubevirtGitops\.gitops\.environments\[0\]\.limits\.maxMemory/,
    );
  });
});
