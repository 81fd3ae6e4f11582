/*
 * A permission policy for the fault suite (scripts/faults.mjs), never for
 * production: it allows everything except what a JSON file names, and reads
 * that file again on every decision, so the suite can deny one permission
 * after another on a running backend without restarting it.
 *
 *   { "deny": ["kubevirt-gitops.vm.read"], "hiddenEntities": ["vm-secret"] }
 *
 * `deny`: permission names answered DENY. `hiddenEntities`: metadata.name
 * of catalog entities the caller cannot read (catalog.entity.read becomes a
 * condition that excludes them), to check that an unreadable entity is
 * answered like a missing one.
 */
import { readFileSync } from 'node:fs';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

export interface SteeredRules {
  deny: string[];
  hiddenEntities: string[];
}

export function readSteeredRules(file: string | undefined): SteeredRules {
  if (!file) return { deny: [], hiddenEntities: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { deny: [], hiddenEntities: [] };
  }
  const parsed = JSON.parse(text) as Partial<SteeredRules>;
  return {
    deny: Array.isArray(parsed.deny) ? parsed.deny.map(String) : [],
    hiddenEntities: Array.isArray(parsed.hiddenEntities)
      ? parsed.hiddenEntities.map(String)
      : [],
  };
}

export class SteerablePolicy implements PermissionPolicy {
  constructor(private readonly file: string | undefined) {}

  async handle(request: PolicyQuery): Promise<PolicyDecision> {
    const rules = readSteeredRules(this.file);
    if (rules.deny.includes(request.permission.name)) {
      return { result: AuthorizeResult.DENY };
    }
    if (
      request.permission.name === 'catalog.entity.read' &&
      rules.hiddenEntities.length > 0
    ) {
      const hidden = rules.hiddenEntities.map(name => ({
        rule: 'HAS_METADATA',
        resourceType: 'catalog-entity',
        params: { key: 'name', value: name },
      }));
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          not: {
            anyOf: [hidden[0], ...hidden.slice(1)],
          },
        },
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export const steerablePolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'kubevirt-gitops-steerable-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(
          new SteerablePolicy(process.env.KUBEVIRT_GITOPS_TEST_POLICY_FILE),
        );
      },
    });
  },
});
