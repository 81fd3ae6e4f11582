/*
 * The VM's catalog entity (kind Resource, type virtual-machine), written
 * next to its manifests so the catalog picks it up once the pull request
 * is merged.
 */
import type { JsonObject } from '@backstage/types';
import {
  APPLICATIONSET_ANNOTATION,
  ARGOCD_APP_SELECTOR_ANNOTATION,
  GITOPS_PATH_ANNOTATION,
  VM_NAME_ANNOTATION,
  defaultAppSelector,
  type GitopsLayout,
} from '@internal/plugin-kubevirt-gitops-common';
import { vmApplicationSetName } from './applicationSet';
import {
  createYamlDocument,
  GENERATED_COMMENT,
  yamlText,
} from './yamlDocument';

/** The catalog namespace VM entities are written to. */
export const VM_ENTITY_NAMESPACE = 'default';

/** Entity ref of a VM's catalog entity. */
export function vmEntityRef(vm: string): string {
  return `resource:${VM_ENTITY_NAMESPACE}/${vm}`;
}

/** What the entity says about the VM. */
export interface CatalogInfoInput {
  vm: string;
  owner: string;
  purpose: string;
  description?: string;
  environments: readonly string[];
  layout: GitopsLayout;
  vmDir: string;
}

/** The VM's catalog-info.yaml. */
export function catalogInfoText(input: CatalogInfoInput): string {
  const annotations: Record<string, string> = {
    [VM_NAME_ANNOTATION]: input.vm,
    [GITOPS_PATH_ANNOTATION]: input.vmDir,
    [ARGOCD_APP_SELECTOR_ANNOTATION]: defaultAppSelector(input.vm),
  };
  if (input.layout === 'per-vm-applicationset') {
    annotations[APPLICATIONSET_ANNOTATION] = vmApplicationSetName(input.vm);
  }
  const metadata: JsonObject = {
    name: input.vm,
    namespace: VM_ENTITY_NAMESPACE,
    title: input.vm,
    description: input.description
      ? `${input.purpose}\n\n${input.description}`
      : input.purpose,
    annotations,
    tags: ['virtual-machine', 'kubevirt', ...input.environments],
  };
  const spec: JsonObject = { type: 'virtual-machine', owner: input.owner };
  return yamlText(
    createYamlDocument(
      { apiVersion: 'backstage.io/v1alpha1', kind: 'Resource', metadata, spec },
      GENERATED_COMMENT,
    ),
  );
}

/**
 * What a decommission leaves in catalog-info.yaml: an empty document, so the
 * catalog location registered for the VM reads no entity any more and the
 * entity leaves the catalog (orphaned, or deleted with
 * `catalog.orphanStrategy: delete`) instead of failing with "not found".
 */
export function catalogTombstoneText(vm: string, reason: string): string {
  const document = createYamlDocument(null);
  document.commentBefore = ` VM ${vm} was decommissioned: ${reason.replace(
    /[\r\n]+/g,
    ' ',
  )}\n This file stays, empty, so the catalog location registered for it reads no\n entity and the VM leaves the catalog. A new VM with this name replaces it.`;
  return yamlText(document);
}
