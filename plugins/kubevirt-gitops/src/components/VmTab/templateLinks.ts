import { useRouteRef } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import { scaffolderTemplateRouteRef } from '../../routes';

/**
 * The templates the VM actions open (`templates/` in this repository),
 * each pre-filled with `formData` through the scaffolder's query parameter.
 */
export const VM_TEMPLATES = {
  namespace: 'default',
  power: 'vm-power',
  resize: 'vm-resize',
  decommission: 'vm-decommission',
} as const;

/** A lifecycle action on a VM: each opens a template, which opens a PR. */
export type VmAction = 'start' | 'stop' | 'resize' | 'decommission';

/**
 * What the action's template is pre-filled with: the templates in
 * `templates/` take the VM's catalog entity as `vm` (an EntityPicker) and
 * look its GitOps name up themselves.
 */
export interface VmActionFormData {
  /** The VM's catalog entity, e.g. `resource:default/my-vm`. */
  vm: string;
  /** For start and stop: the run strategy the PR will set. */
  runStrategy?: 'Always' | 'Halted';
}

export function templateFor(action: VmAction): string {
  switch (action) {
    case 'start':
    case 'stop':
      return VM_TEMPLATES.power;
    case 'resize':
      return VM_TEMPLATES.resize;
    default:
      return VM_TEMPLATES.decommission;
  }
}

export function formDataFor(
  action: VmAction,
  vm: { entityRef: string; vmName: string },
): VmActionFormData {
  if (action === 'start') {
    return { vm: vm.entityRef, runStrategy: 'Always' };
  }
  if (action === 'stop') {
    return { vm: vm.entityRef, runStrategy: 'Halted' };
  }
  return { vm: vm.entityRef };
}

/**
 * Builds the link that opens an action's template pre-filled. Uses the
 * scaffolder's template route when bound (always in the new frontend
 * system), else the scaffolder's default mount path `/create`.
 */
export function useVmActionLink(): (
  action: VmAction,
  vm: { entityRef: string; vmName: string },
) => string {
  const templateRoute = useRouteRef(scaffolderTemplateRouteRef);
  return useCallback(
    (action, vm) => {
      const params = {
        namespace: VM_TEMPLATES.namespace,
        templateName: templateFor(action),
      };
      const base = templateRoute
        ? templateRoute(params)
        : `/create/templates/${params.namespace}/${params.templateName}`;
      const formData = JSON.stringify(formDataFor(action, vm));
      return `${base}?${new URLSearchParams({ formData })}`;
    },
    [templateRoute],
  );
}
