import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/**
 * The fleet page.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({
  id: 'kubevirt-gitops',
});

/**
 * A scaffolder template page (`/create/templates/:namespace/:templateName`):
 * the VM actions open the power, resize and decommission templates through
 * it. Bound to the scaffolder by default in the new frontend system; legacy
 * apps bind it to `scaffolderPlugin.routes.selectedTemplate`.
 *
 * @public
 */
export const scaffolderTemplateRouteRef = createExternalRouteRef({
  id: 'kubevirt-gitops-scaffolder-template',
  params: ['namespace', 'templateName'],
  optional: true,
  defaultTarget: 'scaffolder.selectedTemplate',
});
