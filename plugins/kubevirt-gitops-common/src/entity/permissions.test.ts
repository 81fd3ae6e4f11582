import {
  isResourcePermission,
  type Permission,
} from '@backstage/plugin-permission-common';
import {
  kubevirtGitopsFleetReadPermission,
  kubevirtGitopsPermissions,
  kubevirtGitopsVmPullRequestCreatePermission,
  kubevirtGitopsVmReadPermission,
  kubevirtGitopsVmRefreshPermission,
} from './permissions';

describe('permissions', () => {
  it.each<[Permission, string, string]>([
    [kubevirtGitopsVmReadPermission, 'kubevirt-gitops.vm.read', 'read'],
    [kubevirtGitopsVmRefreshPermission, 'kubevirt-gitops.vm.refresh', 'update'],
  ])(
    '%p is a resource permission on catalog entities',
    (permission, name, action) => {
      expect(permission).toEqual({
        type: 'resource',
        name,
        attributes: { action },
        resourceType: 'catalog-entity',
      });
      expect(isResourcePermission(permission, 'catalog-entity')).toBe(true);
    },
  );

  it('fleet read is a basic permission', () => {
    expect(kubevirtGitopsFleetReadPermission).toEqual({
      type: 'basic',
      name: 'kubevirt-gitops.fleet.read',
      attributes: { action: 'read' },
    });
  });

  it('opens pull requests through the actions with a basic create permission', () => {
    expect(kubevirtGitopsVmPullRequestCreatePermission).toEqual({
      type: 'basic',
      name: 'kubevirt-gitops.vm.pull-request.create',
      attributes: { action: 'create' },
    });
  });

  it('lists all four, with unique names', () => {
    expect(kubevirtGitopsPermissions.map(p => p.name)).toEqual([
      'kubevirt-gitops.vm.read',
      'kubevirt-gitops.vm.refresh',
      'kubevirt-gitops.fleet.read',
      'kubevirt-gitops.vm.pull-request.create',
    ]);
  });
});
