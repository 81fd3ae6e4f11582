/*
 * The kustomizations of a VM: the base (namespace + virtualmachine.yaml)
 * and one overlay per environment (resources: [../base], namePrefix, the
 * environment label, and a strategic-merge patch for what the environment
 * does differently).
 */
import type { JsonObject } from '@backstage/types';
import {
  ENV_LABEL,
  type VmRunStrategy,
  type VmSize,
} from '@internal/plugin-kubevirt-gitops-common';
import {
  createYamlDocument,
  GENERATED_COMMENT,
  yamlText,
} from './yamlDocument';
import { DOMAIN } from '../edit/vmFields';

/** A field value to set in a new file (`null` in a patch removes it from the base). */
export interface FieldAssignment {
  path: string[];
  value: JsonObject | string | number | null;
}

/** The assignments that give a new VM a run strategy. */
export function runStrategyAssignments(
  runStrategy: VmRunStrategy,
): FieldAssignment[] {
  return [
    { path: ['spec', 'running'], value: null },
    { path: ['spec', 'runStrategy'], value: runStrategy },
  ];
}

/** The assignments that give a new VM a size (removing the other way of sizing). */
export function sizeAssignments(size: VmSize): FieldAssignment[] {
  if ('instancetype' in size) {
    return [
      { path: [...DOMAIN, 'cpu'], value: null },
      { path: [...DOMAIN, 'memory'], value: null },
      { path: [...DOMAIN, 'resources'], value: null },
      {
        path: ['spec', 'instancetype'],
        value: {
          kind: 'VirtualMachineClusterInstancetype',
          name: size.instancetype,
        },
      },
    ];
  }
  return [
    { path: ['spec', 'instancetype'], value: null },
    { path: [...DOMAIN, 'cpu', 'sockets'], value: null },
    { path: [...DOMAIN, 'cpu', 'threads'], value: null },
    { path: [...DOMAIN, 'cpu', 'cores'], value: size.vcpus },
    { path: [...DOMAIN, 'memory', 'guest'], value: size.memory },
  ];
}

const KUSTOMIZATION_HEADER = {
  apiVersion: 'kustomize.config.k8s.io/v1beta1',
  kind: 'Kustomization',
};

/** The base kustomization.yaml. */
export function baseKustomizationText(namespace: string): string {
  return yamlText(
    createYamlDocument(
      {
        ...KUSTOMIZATION_HEADER,
        namespace,
        resources: ['virtualmachine.yaml'],
      },
      GENERATED_COMMENT,
    ),
  );
}

/** What an environment changes in the base VM. */
export interface EnvironmentOverride {
  size?: VmSize;
  runStrategy?: VmRunStrategy;
}

/** Nests assignments into an object (`null` leaves kept: they remove fields). */
export function assignmentsToObject(
  assignments: readonly FieldAssignment[],
): JsonObject {
  const root: JsonObject = {};
  for (const { path, value } of assignments) {
    let current: JsonObject = root;
    path.slice(0, -1).forEach(key => {
      const next = current[key];
      if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
        current = next;
      } else {
        const created: JsonObject = {};
        current[key] = created;
        current = created;
      }
    });
    current[path[path.length - 1]] = value;
  }
  return root;
}

/**
 * The `spec` of a strategic-merge patch for a VM (a custom resource, so maps
 * merge and `null` removes): a size replaces the other way of sizing, a run
 * strategy removes the deprecated `running`.
 */
export function vmPatchSpec(override: EnvironmentOverride): JsonObject {
  const assignments = [
    ...(override.runStrategy
      ? runStrategyAssignments(override.runStrategy)
      : []),
    ...(override.size ? sizeAssignments(override.size) : []),
  ];
  const spec = assignmentsToObject(assignments).spec;
  return typeof spec === 'object' && spec !== null && !Array.isArray(spec)
    ? spec
    : {};
}

/** A strategic-merge patch document for the VM named `vm`. */
export function vmPatchObject(vm: string, spec: JsonObject): JsonObject {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: vm },
    spec,
  };
}

/** The patch text of a strategic-merge patch (itself a YAML document). */
export function vmPatchText(vm: string, spec: JsonObject): string {
  return yamlText(createYamlDocument(vmPatchObject(vm, spec)));
}

/** An environment's kustomization.yaml. */
export function environmentKustomizationText(options: {
  vm: string;
  environment: string;
  namePrefix: string;
  override?: EnvironmentOverride;
}): string {
  const value: JsonObject = { ...KUSTOMIZATION_HEADER, resources: ['../base'] };
  if (options.namePrefix) {
    value.namePrefix = options.namePrefix;
  }
  value.labels = [{ pairs: { [ENV_LABEL]: options.environment } }];
  const spec = options.override ? vmPatchSpec(options.override) : {};
  if (Object.keys(spec).length > 0) {
    value.patches = [{ patch: vmPatchText(options.vm, spec) }];
  }
  return yamlText(createYamlDocument(value, GENERATED_COMMENT));
}
