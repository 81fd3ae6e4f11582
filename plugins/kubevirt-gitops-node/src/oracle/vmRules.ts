/*
 * What KubeVirt refuses, or what cannot be meant, in a VirtualMachine that
 * the schema alone lets through.
 */
import type { JsonObject } from '@backstage/types';
import { tryParseQuantity } from '@internal/plugin-kubevirt-gitops-common';
import { at, DOMAIN } from '../edit/vmFields';

/** Each rule the VM breaks, as a sentence naming the fields. */
export function vmConflicts(vm: JsonObject): string[] {
  const problems: string[] = [];
  const spec = at(vm, ['spec']);
  if (
    at(spec, ['runStrategy']) !== undefined &&
    at(spec, ['running']) !== undefined
  ) {
    problems.push(
      'spec.runStrategy and spec.running are both set (KubeVirt accepts only one)',
    );
  }
  if (at(spec, ['instancetype']) !== undefined) {
    for (const field of [
      ['cpu'],
      ['memory', 'guest'],
      ['resources', 'requests', 'memory'],
      ['resources', 'limits', 'memory'],
      ['resources', 'requests', 'cpu'],
      ['resources', 'limits', 'cpu'],
    ]) {
      if (at(vm, [...DOMAIN, ...field]) !== undefined) {
        problems.push(
          `spec.instancetype is set next to spec.template.spec.domain.${field.join(
            '.',
          )} (the instancetype decides it; KubeVirt refuses both)`,
        );
      }
    }
  }
  const guest = at(vm, [...DOMAIN, 'memory', 'guest']);
  const requested = at(vm, [...DOMAIN, 'resources', 'requests', 'memory']);
  if (
    (typeof guest === 'string' || typeof guest === 'number') &&
    (typeof requested === 'string' || typeof requested === 'number')
  ) {
    const guestBytes = tryParseQuantity(String(guest));
    const requestedBytes = tryParseQuantity(String(requested));
    if (
      guestBytes !== undefined &&
      requestedBytes !== undefined &&
      guestBytes > requestedBytes
    ) {
      problems.push(
        `spec.template.spec.domain.memory.guest (${guest}) is above resources.requests.memory (${requested})`,
      );
    }
  }
  return problems;
}
