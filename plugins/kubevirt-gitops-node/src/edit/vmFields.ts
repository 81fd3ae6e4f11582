/*
 * The VM fields each lifecycle operation manages, as YAML paths (for edits
 * of the base VirtualMachine and of strategic-merge patches) and as JSON
 * pointers (for JSON 6902 patches written by people or the seed).
 */
import type { JsonObject } from '@backstage/types';
import type { VmRunStrategy, VmSize } from '@internal/plugin-kubevirt-gitops-common';

/** A group of VM fields that one operation owns. */
export type ManagedFieldGroup = 'runStrategy' | 'size';

const DOMAIN = ['spec', 'template', 'spec', 'domain'];

/** YAML paths (from the VM document root) of each group. */
export const MANAGED_FIELD_PATHS: Record<ManagedFieldGroup, string[][]> = {
  runStrategy: [
    ['spec', 'runStrategy'],
    ['spec', 'running'],
  ],
  size: [
    ['spec', 'instancetype'],
    [...DOMAIN, 'cpu'],
    [...DOMAIN, 'memory'],
    [...DOMAIN, 'resources'],
  ],
};

/** True when a JSON pointer touches one of the group's fields. */
export function pointerTouches(pointer: string, group: ManagedFieldGroup): boolean {
  return MANAGED_FIELD_PATHS[group].some(path => {
    const prefix = `/${path.join('/')}`;
    return pointer === prefix || pointer.startsWith(`${prefix}/`);
  });
}

/** A field value to set (`null` removes it). */
export interface FieldAssignment {
  path: string[];
  value: JsonObject | string | number | null;
}

/** The assignments that give a VM a run strategy. */
export function runStrategyAssignments(runStrategy: VmRunStrategy): FieldAssignment[] {
  return [
    { path: ['spec', 'running'], value: null },
    { path: ['spec', 'runStrategy'], value: runStrategy },
  ];
}

/** The assignments that give a VM a size (removing the other way of sizing). */
export function sizeAssignments(size: VmSize): FieldAssignment[] {
  if ('instancetype' in size) {
    return [
      { path: [...DOMAIN, 'cpu'], value: null },
      { path: [...DOMAIN, 'memory'], value: null },
      { path: [...DOMAIN, 'resources'], value: null },
      {
        path: ['spec', 'instancetype'],
        value: { kind: 'VirtualMachineClusterInstancetype', name: size.instancetype },
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
