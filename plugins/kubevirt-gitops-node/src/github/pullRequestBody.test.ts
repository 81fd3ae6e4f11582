import {
  createInput,
  planContext,
  validOperation,
} from '../__testUtils__/fixtures';
import { planVmChange } from '../operations/planVmChange';
import { renderPullRequestBody } from './pullRequestBody';

describe('renderPullRequestBody', () => {
  const context = planContext();

  async function bodyFor(
    request: Record<string, unknown>,
    clusters: Parameters<typeof renderPullRequestBody>[0]['clusters'],
  ) {
    const operation = validOperation(createInput(request), context.config);
    const changeSet = await planVmChange(
      operation,
      { paths: [], files: new Map() },
      context,
    );
    return renderPullRequestBody({
      changeSet,
      operation,
      config: context.config,
      fingerprint: '0123456789abcdef',
      requester: 'user:default/jane',
      clusters,
      entityUrl: 'http://backstage.test/catalog/default/resource/build-runner',
      taskUrl: 'http://backstage.test/create/tasks/42',
    });
  }

  it('says who asked for what, where it lands, the limits and the manifests', async () => {
    const body = await bodyFor(
      {},
      {
        ok: true,
        clusters: {
          dev: [
            { name: 'dev-1' },
            { name: 'dev-2', availability: 'unavailable' },
          ],
          prod: [],
        },
      },
    );
    expect(body).toContain('| Requested by | user:default/jane |');
    expect(body).toContain('| Owner | group:default/team-a |');
    expect(body).toContain(
      '| dev | `dev-build-runner` | u1.medium (1 vCPU, 4Gi) | Halted |',
    );
    expect(body).toContain('dev-1, dev-2 (unavailable)');
    expect(body).toContain(
      '| prod | ✅ 2 of 16 | ✅ 8Gi of 64Gi | ✅ 30Gi of 500Gi |',
    );
    expect(body).toContain(
      '<details><summary>prod: <code>kubectl kustomize applicationsets/vms/build-runner/kustomize/prod</code></summary>',
    );
    expect(body).toContain(
      '```yaml\napiVersion: kubevirt.io/v1\nkind: VirtualMachine',
    );
    expect(body).toContain(
      '[Open build-runner in Backstage](http://backstage.test/catalog/default/resource/build-runner)',
    );
    expect(body).toContain('<!-- kubevirt-gitops:request=0123456789abcdef -->');
  });

  it('says when the clusters could not be resolved, with the selectors ArgoCD uses', async () => {
    const body = await bodyFor(
      {},
      {
        ok: false,
        reason: 'the kubevirt-gitops backend answered 404 Not Found',
      },
    );
    expect(body).toContain(
      'Could not resolve the clusters (the kubevirt-gitops backend answered 404 Not Found)',
    );
    expect(body).toContain('dev: `env=dev`');
    expect(body).toMatch(/\| dev \|.*\| not resolved \|/);
  });

  it('keeps user text from breaking the layout or mentioning people', async () => {
    const body = await bodyFor(
      {
        purpose:
          'x | y <details> @platform-team ``` [link](http://evil) # heading',
      },
      { ok: false, reason: 'not configured' },
    );
    expect(body).toContain(
      '> x \\| y &lt;details&gt; &#64;platform-team \\`\\`\\` \\[link\\](http://evil) \\# heading',
    );
    expect(body).not.toContain('@platform-team');
    expect(body.match(/<details>/g)).toHaveLength(2);
  });
});
