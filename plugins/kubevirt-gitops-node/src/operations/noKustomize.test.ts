/*
 * Without a kustomize that runs: a new VM's pull request is planned with
 * the previews marked "not rendered" and the body saying it is not
 * verified; a change to an existing VM is refused (it cannot be checked).
 */
import {
  createInput,
  planContext,
  validOperation,
} from '../__testUtils__/fixtures';
import { seedLayout } from '../__testUtils__/layoutFixtures';
import { renderPullRequestBody } from '../github/pullRequestBody';
import { createKustomizeRunner } from '../kustomize/kustomizeRunner';
import { planVmChange } from './planVmChange';

const context = {
  ...planContext(),
  kustomize: createKustomizeRunner({
    command: ['/nonexistent/kustomize', 'build'],
  }),
};

describe('without kustomize', () => {
  it('plans a new VM with unrendered previews and an unverified body', async () => {
    const operation = validOperation(createInput(), context.config);
    const change = await planVmChange(
      operation,
      { paths: [], files: new Map() },
      context,
    );
    expect(change.verification).toEqual({
      notRun:
        '/nonexistent/kustomize build does not run: /nonexistent/kustomize build is not installed (set kubevirtGitops.preview.kustomizeCommand)',
    });
    expect(change.previews.map(preview => preview.error)).toEqual([
      'not rendered: /nonexistent/kustomize build does not run: /nonexistent/kustomize build is not installed (set kubevirtGitops.preview.kustomizeCommand)',
      'not rendered: /nonexistent/kustomize build does not run: /nonexistent/kustomize build is not installed (set kubevirtGitops.preview.kustomizeCommand)',
    ]);
    const body = renderPullRequestBody({
      changeSet: change,
      operation,
      config: context.config,
      fingerprint: 'f',
      clusters: { ok: false, reason: 'not configured' },
    });
    expect(body).toContain('#### Not verified');
    expect(body).not.toContain('#### Verified before opening');
  });

  it('refuses a change to an existing VM, saying why and what to set', async () => {
    const seed = seedLayout();
    const operation = validOperation(
      {
        operation: 'set-run-strategy',
        vmName: 'demo-vm',
        runStrategy: 'Always',
      },
      context.config,
      seed.environments,
    );
    await expect(planVmChange(operation, seed.state, context)).rejects.toThrow(
      /^Cannot check this change before opening its pull request: \/nonexistent\/kustomize build does not run: .*set kubevirtGitops\.preview\.kustomizeCommand\.$/,
    );
  });
});
