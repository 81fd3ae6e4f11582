/*
 * The action's input contract is common's: the JSON schema the scaffolder
 * checks and shows is built from vmOperationFieldSchemas, keeps their shape
 * and descriptions, and leaves the rules to the handler's messages.
 */
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  vmOperationFieldSchemas,
  vmOperationFields,
  vmRequestSchema,
} from '@internal/plugin-kubevirt-gitops-common';
import { createVmPullRequestAction } from './vmPullRequest';

type Json = { [key: string]: unknown };

function inputSchema(): Json {
  const config = new ConfigReader({});
  const action = createVmPullRequestAction({
    config,
    integrations: ScmIntegrations.fromConfig(config),
  });
  return action.schema?.input as Json;
}

function keysAnywhere(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach(item => keysAnywhere(item, found));
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      found.add(key);
      keysAnywhere(value, found);
    }
  }
  return found;
}

describe('the input schema of kubevirt:vm:pull-request', () => {
  const schema = inputSchema();
  const properties = schema.properties as Record<string, Json>;

  it('has every field of every operation common defines, and no other', () => {
    const fields = new Set(Object.values(vmOperationFields).flat());
    expect(Object.keys(properties).sort()).toEqual(
      ['operation', 'gitopsRepoUrl', ...fields].sort(),
    );
    expect(schema.additionalProperties).toBe(false);
    expect(properties.operation.enum).toEqual([
      'create',
      'set-run-strategy',
      'resize',
      'decommission',
    ]);
  });

  it("describes the request with common's schema: its fields, required ones and descriptions", () => {
    const request = properties.request as Json;
    const requestProperties = request.properties as Record<string, Json>;
    expect(Object.keys(requestProperties).sort()).toEqual(
      Object.keys(vmRequestSchema.shape).sort(),
    );
    expect((request.required as string[]).sort()).toEqual(
      Object.entries(vmRequestSchema.shape)
        .filter(([, field]) => !field.isOptional())
        .map(([name]) => name)
        .sort(),
    );
    expect(requestProperties.name.description).toBe(
      vmRequestSchema.shape.name.description,
    );
    expect(properties.reason.description).toBe(
      `${vmOperationFieldSchemas.reason.description} (operation decommission)`,
    );
  });

  it('leaves the rules to the handler (no lengths, patterns, enumerations or references below operation)', () => {
    const { operation: _operation, ...rest } = properties;
    const keys = keysAnywhere(rest);
    for (const rule of [
      'maxLength',
      'minLength',
      'pattern',
      'enum',
      'minItems',
      'maxItems',
      '$ref',
    ]) {
      expect({ rule, present: keys.has(rule) }).toEqual({
        rule,
        present: false,
      });
    }
    // the types stay: a number where a string belongs is still refused early
    const size = properties.size as Json;
    expect((size.properties as Record<string, Json>).vcpus.type).toBe('number');
  });
});
