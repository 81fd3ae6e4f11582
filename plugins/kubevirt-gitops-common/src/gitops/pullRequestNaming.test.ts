import {
  parseVmBranchName,
  pullRequestOperation,
  vmBranchName,
  vmPullRequestLabels,
} from './pullRequestNaming';
import { vmOperations } from '../request/vmOperationTypes';

describe('pull request naming: written once, read back the same way', () => {
  it.each(
    vmOperations.flatMap(op =>
      ['web-01', 'demo-vm', 'a'].map(vm => [op, vm] as const),
    ),
  )('%s of %s round-trips through the branch name', (operation, vm) => {
    const branch = vmBranchName(operation, vm);
    expect(branch).toBe(`kubevirt-gitops/${operation}/${vm}`);
    expect(parseVmBranchName(branch)).toEqual({ operation, vm });
    expect(pullRequestOperation({ labels: [], branch })).toBe(operation);
  });

  it.each([
    'kubevirt-gitops/reboot/web-01', // not an operation
    'kubevirt-gitops/resize/Web-01', // not a DNS label
    'kubevirt-gitops/resize/web-01/extra',
    'kubevirt-gitops/resize/-web',
    'feature/resize-web-01',
    'kubevirt-gitops/resize/',
  ])('does not take %s for one of its branches', branch => {
    expect(parseVmBranchName(branch)).toBeUndefined();
  });

  it('labels a pull request with the product, the operation and each environment', () => {
    expect(vmPullRequestLabels('resize', ['dev', 'prod'])).toEqual([
      'kubevirt-gitops',
      'vm/resize',
      'env/dev',
      'env/prod',
    ]);
    expect(
      pullRequestOperation({
        labels: vmPullRequestLabels('decommission', ['dev']),
        branch: 'kubevirt-gitops/resize/web-01',
      }),
    ).toBe('decommission'); // the label wins over the branch
  });

  it('reads the operation of a pull request opened by hand from a part of its branch, longest name first', () => {
    expect(
      pullRequestOperation({
        labels: ['bug'],
        branch: 'jane/set-run-strategy_web',
      }),
    ).toBe('set-run-strategy');
    expect(
      pullRequestOperation({ labels: ['vm/unknown'], branch: 'fix/resize' }),
    ).toBe('resize');
    expect(
      pullRequestOperation({ labels: [], branch: 'main-update' }),
    ).toBeUndefined();
  });
});
