import { toOpenPullRequest } from '@internal/plugin-kubevirt-gitops-node';
import { toVmPullRequest } from './toVmPullRequest';

const pull = (labels: string[], ref: string) =>
  toOpenPullRequest(
    {
      number: 3,
      title: 'Resize web',
      html_url: 'https://github.test/acme/vm-gitops/pull/3',
      user: { login: 'alice' },
      created_at: '2025-03-01T09:00:00Z',
      labels: labels.map(name => ({ name })),
      head: { ref, sha: 'abc' },
    },
    3,
    ['applicationsets/vms/web/kustomize/dev/kustomization.yaml'],
    'https://github.test/acme/vm-gitops',
  );

describe('toVmPullRequest', () => {
  it('reads the operation from the vm/<operation> label', () => {
    expect(toVmPullRequest(pull(['size/m', 'vm/resize'], 'feature'))).toEqual({
      number: 3,
      title: 'Resize web',
      url: 'https://github.test/acme/vm-gitops/pull/3',
      operation: 'resize',
      author: 'alice',
      createdAt: '2025-03-01T09:00:00Z',
      labels: ['size/m', 'vm/resize'],
    });
  });

  it('falls back to the branch name, longest operation first', () => {
    expect(
      toVmPullRequest(pull([], 'kubevirt-gitops/web/set-run-strategy'))
        .operation,
    ).toBe('set-run-strategy');
    expect(
      toVmPullRequest(pull([], 'kubevirt-gitops/web/decommission')).operation,
    ).toBe('decommission');
    expect(
      toVmPullRequest(pull(['vm/unknown'], 'feature/x')).operation,
    ).toBeUndefined();
  });

  it('keeps what GitHub left out absent', () => {
    const bare = toOpenPullRequest(
      { number: 9 },
      9,
      [],
      'https://github.test/acme/vm-gitops',
    );
    expect(bare).toEqual({
      number: 9,
      title: '#9',
      url: 'https://github.test/acme/vm-gitops/pull/9',
      createdAt: '',
      labels: [],
      branch: '',
      files: [],
    });
  });
});
