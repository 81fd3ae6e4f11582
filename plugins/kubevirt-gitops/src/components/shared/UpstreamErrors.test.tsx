import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { UpstreamErrors } from './UpstreamErrors';
import { upstreamErrorHint } from './upstreamErrorHints';

describe('UpstreamErrors', () => {
  it('says what failed and, by its kind, where to look', async () => {
    await renderInTestApp(
      <UpstreamErrors
        errors={[
          {
            source: 'argocd:main',
            kind: 'credentials-rejected',
            message: 'argocd:main answered 401 when listing Applications',
          },
          {
            source: 'ocm:hub',
            kind: 'forbidden',
            message: 'ocm:hub answered 403 when listing ManagedCluster objects',
          },
          {
            source: 'github',
            kind: 'not-answered-yet',
            message: 'github has not answered yet',
          },
        ]}
      />,
    );
    expect(
      screen.getByText(/Some sources did not answer \(3\)/),
    ).toBeInTheDocument();
    const [argocd, hub, github] = screen.getAllByRole('listitem');
    expect(argocd).toHaveAttribute('data-error-kind', 'credentials-rejected');
    expect(argocd).toHaveTextContent(
      'argocd:main answered 401 when listing Applications',
    );
    expect(argocd).toHaveTextContent(
      'renew the token in kubevirtGitops.argocd.instances (main)',
    );
    expect(hub).toHaveTextContent(
      'grant its account the reads in "Upstream access the tokens need"',
    );
    expect(hub).toHaveTextContent('kubevirtGitops.ocm.hubs (hub)');
    // nothing to do but wait: no hint
    expect(github).toHaveTextContent('github has not answered yet');
    expect(github.querySelector('em')).toBeNull();
  });

  it('renders nothing without errors', async () => {
    await renderInTestApp(<UpstreamErrors errors={[]} />);
    expect(screen.queryByText(/Some sources did not answer/)).toBeNull();
  });

  it('names the GitHub integration for GitHub', () => {
    expect(
      upstreamErrorHint({
        source: 'github',
        kind: 'credentials-rejected',
        message: 'github answered 401',
      }),
    ).toContain('integrations.github');
  });
});
