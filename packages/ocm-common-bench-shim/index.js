'use strict';
/*
 * The five exports @backstage-community/plugin-ocm-backend 5.21.2 reads from
 * @backstage-community/plugin-ocm-common (permission names and annotation
 * keys as the community plugin documents them). Benchmark use only.
 */
const { createPermission } = require('@backstage/plugin-permission-common');

const ocmClusterReadPermission = createPermission({
  name: 'ocm.cluster.read',
  attributes: { action: 'read' },
});
const ocmEntityReadPermission = createPermission({
  name: 'ocm.entity.read',
  attributes: { action: 'read' },
});

module.exports = {
  ANNOTATION_CLUSTER_ID: 'janus-idp.io/ocm-cluster-id',
  ANNOTATION_PROVIDER_ID: 'janus-idp.io/ocm-provider-id',
  ocmClusterReadPermission,
  ocmEntityReadPermission,
  ocmEntityPermissions: [ocmClusterReadPermission, ocmEntityReadPermission],
};
