import { createInput, planContext } from '../__testUtils__/fixtures';
import { checkVmOperationInput } from '../operations/checkOperation';
import { createVmPullRequestWriter } from './vmPullRequestWriter';

describe('dry run', () => {
  it('plans and renders a create without any GitHub call', async () => {
    const { config } = planContext();
    const clientFactory = jest.fn(async () => {
      throw new Error('no GitHub call expected');
    });
    const writer = createVmPullRequestWriter({ config, clientFactory });
    const outcome = await writer.openPullRequest({
      operation: checkVmOperationInput(createInput(), config),
      dryRun: true,
    });
    expect(clientFactory).not.toHaveBeenCalled();
    expect(outcome.pullRequest).toBeUndefined();
    expect(outcome.changeSet.files.map(file => file.path)).toContain(
      'applicationsets/vms/build-runner/kustomize/base/virtualmachine.yaml',
    );
    expect(
      outcome.changeSet.previews.map(preview => preview.environment),
    ).toEqual(['dev', 'prod']);
    expect(outcome.body).toContain(
      'kubectl kustomize applicationsets/vms/build-runner/kustomize/dev',
    );
  });
});
