/*
 * The JSON schema the scaffolder checks an action's input against before
 * the handler runs, reduced to the shape of common's schemas: types,
 * required fields, descriptions and the `operation` choice stay; value
 * rules (lengths, patterns, bounds, enumerations) and closed objects go,
 * because the handler checks them with the same schemas and says, per
 * field, what is wrong and how to fix it ("request.name: must be a DNS
 * label …"), where the scaffolder's check would only say "does not match
 * pattern".
 */
import type { Schema } from 'jsonschema';

const VALUE_RULES = [
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minProperties',
  'maxProperties',
  'enum',
  'const',
  'not',
] as const;

/** The schema a local `$ref` (`#/properties/…`) points at. */
function resolve(root: unknown, ref: string): unknown {
  return ref
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[
              part.replace(/~1/g, '/').replace(/~0/g, '~')
            ]
          : undefined,
      root,
    );
}

function reduce(
  schema: unknown,
  root: unknown,
  topLevel: boolean,
  depth = 0,
): unknown {
  if (depth > 32) throw new Error('shapeOnly: the schema nests too deep');
  if (Array.isArray(schema))
    return schema.map(item => reduce(item, root, false, depth + 1));
  if (typeof schema !== 'object' || schema === null) return schema;
  const record = schema as Record<string, unknown>;
  if (typeof record.$ref === 'string' && record.$ref.startsWith('#')) {
    // inline zod-to-json-schema's reuse of a schema, for readers that do
    // not follow references (the template editor's action list)
    const { $ref, ...rest } = record;
    return reduce(
      { ...(resolve(root, $ref) as object), ...rest },
      root,
      false,
      depth + 1,
    );
  }
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if ((VALUE_RULES as readonly string[]).includes(key)) continue;
    // an unknown top-level field is refused (as before); nested objects
    // stay open, and the handler names a stray field with what to do
    if (key === 'additionalProperties' && value === false && !topLevel)
      continue;
    if (key === 'propertyNames') continue;
    if (key === 'type' && value === 'integer') {
      // "a whole number" is a rule the handler explains
      result.type = 'number';
      continue;
    }
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      result.properties = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [
          name,
          // the operation's choice is the shape itself
          topLevel && name === 'operation'
            ? property
            : reduce(property, root, false, depth + 1),
        ]),
      );
      continue;
    }
    result[key] = reduce(value, root, false, depth + 1);
  }
  return result;
}

/** The schema with its value rules removed (see the file comment). */
export function shapeOnly(schema: Schema): Schema {
  return reduce(schema, schema, true) as Schema;
}
