/*
 * A small GraphQL executor: a typed schema (objects, interfaces, unions,
 * enums, scalars, input objects), validation of the whole document before
 * anything runs (unknown fields and arguments, missing selections, required
 * arguments, variables and their values), then execution with aliases,
 * fragments, @include/@skip, null propagation and per-field errors. Errors
 * take GitHub's shapes: validation errors alone (no `data`), resolver
 * errors next to `data` with `type`, `path` and `locations`. Mutation
 * fields run one after another, as the specification requires.
 */
import { isRecord as isObject } from '../../json';
import {
  parseTypeReference,
  typeText,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type Location,
  type OperationNode,
  type SelectionNode,
  type TypeNode,
  type ValueNode,
} from './language';

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

export type Args = Record<string, unknown>;

/** A field of an object or interface type. */
export interface FieldDefinition<Context> {
  /** Return type, e.g. `Ref`, `[TreeEntry!]`, `String!`. */
  type: string;
  /** Argument types (with `= default` where GraphQL has one). */
  args?: Record<string, string | { type: string; default: unknown }>;
  resolve?(source: unknown, args: Args, context: Context): unknown;
}

export type TypeDefinition<Context> =
  | {
      kind: 'object';
      interfaces?: string[];
      fields: Record<string, FieldDefinition<Context>>;
    }
  | {
      kind: 'interface';
      fields: Record<string, FieldDefinition<Context>>;
      resolveType(value: unknown): string;
    }
  | { kind: 'union'; types: string[]; resolveType(value: unknown): string }
  | { kind: 'enum'; values: string[] }
  | { kind: 'scalar'; check(value: unknown): boolean }
  | { kind: 'input'; fields: Record<string, string> };

export interface Schema<Context> {
  types: Record<string, TypeDefinition<Context>>;
  query: string;
  mutation?: string;
}

/** A resolver failure, reported in GitHub's format with its `type`. */
export class FieldError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
    this.name = 'FieldError';
  }
}

export interface GraphqlError {
  [key: string]: JsonValue;
  message: string;
}

export interface GraphqlResult {
  data?: { [key: string]: JsonValue } | null;
  errors?: GraphqlError[];
}

const BUILT_IN_SCALARS: Record<string, (value: unknown) => boolean> = {
  String: value => typeof value === 'string',
  Boolean: value => typeof value === 'boolean',
  Int: value =>
    typeof value === 'number' &&
    Number.isInteger(value) &&
    Math.abs(value) <= 2147483647,
  Float: value => typeof value === 'number' && Number.isFinite(value),
  ID: value =>
    typeof value === 'string' ||
    (typeof value === 'number' && Number.isInteger(value)),
};

function locations(loc: Location): JsonValue {
  return [{ line: loc.line, column: loc.column }];
}

function namedType(type: TypeNode): string {
  return type.kind === 'Named' ? type.name : namedType(type.type);
}

function toJson(value: unknown): JsonValue {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return value;
  }
  if (Array.isArray(value)) return value.map(toJson);
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, toJson(item)]),
    );
  }
  return null;
}

class NullPropagation extends Error {}

const ROOTS: Record<
  OperationNode['operation'],
  (schema: Schema<unknown>) => string | undefined
> = {
  query: schema => schema.query,
  mutation: schema => schema.mutation,
  subscription: () => undefined,
};

function operationChoiceProblem(
  operationName: string | undefined,
  count: number,
): string {
  if (operationName) return `No operation named "${operationName}"`;
  return count === 0
    ? 'No operations in query document'
    : 'An operation name is required';
}

export class Engine<Context> {
  private readonly parsedTypes = new Map<string, TypeNode>();

  constructor(private readonly schema: Schema<Context>) {}

  private typeRef(text: string): TypeNode {
    let parsed = this.parsedTypes.get(text);
    if (!parsed) {
      parsed = parseTypeReference(text);
      this.parsedTypes.set(text, parsed);
    }
    return parsed;
  }

  private definition(name: string): TypeDefinition<Context> | undefined {
    if (name in BUILT_IN_SCALARS) {
      return { kind: 'scalar', check: BUILT_IN_SCALARS[name] };
    }
    return this.schema.types[name];
  }

  private fieldsOf(
    typeName: string,
  ): Record<string, FieldDefinition<Context>> | undefined {
    const definition = this.definition(typeName);
    if (definition?.kind === 'object' || definition?.kind === 'interface') {
      return definition.fields;
    }
    return definition?.kind === 'union' ? {} : undefined;
  }

  /** Whether an object of `runtime` type matches a fragment on `condition`. */
  private applies(condition: string | undefined, runtime: string): boolean {
    if (condition === undefined || condition === runtime) return true;
    const runtimeDefinition = this.definition(runtime);
    if (
      runtimeDefinition?.kind === 'object' &&
      runtimeDefinition.interfaces?.includes(condition)
    ) {
      return true;
    }
    const conditionDefinition = this.definition(condition);
    return (
      conditionDefinition?.kind === 'union' &&
      conditionDefinition.types.includes(runtime)
    );
  }

  private argumentTypes(field: FieldDefinition<Context>) {
    return Object.entries(field.args ?? {}).map(([name, spec]) =>
      typeof spec === 'string'
        ? { name, type: this.typeRef(spec), hasDefault: false, default: null }
        : {
            name,
            type: this.typeRef(spec.type),
            hasDefault: true,
            default: spec.default,
          },
    );
  }

  // ---------------------------------------------------------------- values

  /** Problems of a JSON value for an input type (empty when it fits). */
  private inputProblems(
    value: unknown,
    type: TypeNode,
    path: Array<string | number>,
  ): Array<{ path: Array<string | number>; explanation: string }> {
    if (type.kind === 'NonNull') {
      if (value === null || value === undefined) {
        return [{ path, explanation: 'Expected value to not be null' }];
      }
      return this.inputProblems(value, type.type, path);
    }
    if (value === null || value === undefined) return [];
    if (type.kind === 'List') {
      const items = Array.isArray(value) ? value : [value];
      return items.flatMap((item, index) =>
        this.inputProblems(
          item,
          type.type,
          Array.isArray(value) ? [...path, index] : path,
        ),
      );
    }
    const definition = this.definition(type.name);
    const wrong = [
      {
        path,
        explanation: `Could not coerce value ${JSON.stringify(value)} to ${
          type.name
        }`,
      },
    ];
    switch (definition?.kind) {
      case 'scalar':
        return definition.check(value) ? [] : wrong;
      case 'enum':
        return typeof value === 'string' && definition.values.includes(value)
          ? []
          : [
              {
                path,
                explanation: `Expected ${JSON.stringify(
                  value,
                )} to be one of: ${definition.values.join(', ')}`,
              },
            ];
      case 'input': {
        if (!isObject(value)) return wrong;
        const problems = Object.keys(value)
          .filter(key => !(key in definition.fields))
          .map(key => ({
            path: [...path, key],
            explanation: `Field is not defined on ${type.name}`,
          }));
        for (const [name, fieldType] of Object.entries(definition.fields)) {
          problems.push(
            ...this.inputProblems(value[name], this.typeRef(fieldType), [
              ...path,
              name,
            ]),
          );
        }
        return problems;
      }
      default:
        return wrong;
    }
  }

  /** Input coercion: a single value where a list is expected becomes a one-item list. */
  private coerce(value: unknown, type: TypeNode): unknown {
    if (type.kind === 'NonNull') return this.coerce(value, type.type);
    if (value === null || value === undefined) return value;
    if (type.kind === 'List') {
      return (Array.isArray(value) ? value : [value]).map(item =>
        this.coerce(item, type.type),
      );
    }
    const definition = this.definition(type.name);
    if (definition?.kind !== 'input' || !isObject(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        key in definition.fields
          ? this.coerce(item, this.typeRef(definition.fields[key]))
          : item,
      ]),
    );
  }

  /** A literal or variable, as a JSON value (variables already coerced). */
  private valueOf(node: ValueNode, variables: Args): unknown {
    switch (node.kind) {
      case 'Variable':
        return variables[node.name] ?? null;
      case 'Null':
        return null;
      case 'List':
        return node.values.map(value => this.valueOf(value, variables));
      case 'Object':
        return Object.fromEntries(
          node.fields
            .filter(
              field =>
                field.value.kind !== 'Variable' ||
                field.value.name in variables,
            )
            .map(field => [field.name, this.valueOf(field.value, variables)]),
        );
      default:
        return node.value;
    }
  }

  // ------------------------------------------------------------ validation

  private validate(
    document: DocumentNode,
    operation: OperationNode,
    rawVariables: Args,
  ): { errors: GraphqlError[]; variables: Args } {
    const errors: GraphqlError[] = [];
    const variables: Args = {};
    const declared = new Map(
      operation.variableDefinitions.map(definition => [
        definition.name,
        definition,
      ]),
    );
    for (const definition of operation.variableDefinitions) {
      const typeName = namedType(definition.type);
      const kind = this.definition(typeName)?.kind;
      if (kind !== 'scalar' && kind !== 'enum' && kind !== 'input') {
        errors.push({
          message: `${typeName} isn't a valid input type (on $${definition.name})`,
          locations: locations(definition.loc),
          path: [`${operation.operation} ${operation.name ?? ''}`.trim()],
          extensions: {
            code: 'variableRequiresValidType',
            typeName,
            variableName: definition.name,
          },
        });
        continue;
      }
      let provided: unknown;
      if (definition.name in rawVariables) {
        provided = rawVariables[definition.name];
      } else if (definition.defaultValue) {
        provided = this.valueOf(definition.defaultValue, {});
      }
      const problems = this.inputProblems(provided, definition.type, []);
      if (problems.length > 0) {
        const first = problems[0];
        errors.push({
          message: `Variable $${definition.name} of type ${typeText(
            definition.type,
          )} was provided invalid value${
            first.path.length > 0 ? ` for ${first.path.join('.')}` : ''
          } (${first.explanation})`,
          locations: locations(definition.loc),
          extensions: {
            value: toJson(provided ?? null),
            problems: problems.map(problem => ({
              path: problem.path,
              explanation: problem.explanation,
            })),
          },
        });
      } else if (provided !== undefined) {
        variables[definition.name] = this.coerce(provided, definition.type);
      }
    }

    const used = new Set<string>();
    const visitedFragments = new Set<string>();
    const checkValue = (
      value: ValueNode,
      type: TypeNode,
      where: string,
      loc: Location,
    ) => {
      const references = variablesIn(value);
      for (const reference of references) {
        used.add(reference.name);
        if (!declared.has(reference.name)) {
          errors.push({
            message: `Variable $${reference.name} is used by ${where} but not declared`,
            locations: locations(reference.loc),
            extensions: {
              code: 'variableNotDefined',
              variableName: reference.name,
            },
          });
        }
      }
      if (references.length > 0) return;
      const literal = this.valueOf(value, variables);
      const problems = this.inputProblems(literal, type, []);
      if (problems.length > 0) {
        errors.push({
          message: `Argument '${where}' has an invalid value (${JSON.stringify(
            literal,
          )}). Expected type '${typeText(type)}'.`,
          locations: locations(loc),
          extensions: { code: 'argumentLiteralsIncompatible' },
        });
      }
    };
    const checkDirectives = (directives: DirectiveNode[]) => {
      for (const directive of directives) {
        if (directive.name !== 'include' && directive.name !== 'skip') {
          errors.push({
            message: `Directive @${directive.name} is not defined`,
            locations: locations(directive.loc),
            extensions: {
              code: 'undefinedDirective',
              directiveName: directive.name,
            },
          });
          continue;
        }
        const condition = directive.arguments.find(arg => arg.name === 'if');
        if (!condition) {
          errors.push({
            message: `Directive '${directive.name}' is missing required arguments: if`,
            locations: locations(directive.loc),
          });
        } else {
          checkValue(
            condition.value,
            this.typeRef('Boolean!'),
            'if',
            condition.loc,
          );
        }
      }
    };
    const walk = (
      selections: SelectionNode[],
      parentType: string,
      path: string[],
    ) => {
      const fields = this.fieldsOf(parentType) ?? {};
      for (const selection of selections) {
        checkDirectives(selection.directives);
        if (selection.kind === 'FragmentSpread') {
          const fragment = document.fragments.get(selection.name);
          if (!fragment) {
            errors.push({
              message: `Fragment ${selection.name} was used, but not defined`,
              locations: locations(selection.loc),
              path,
              extensions: {
                code: 'useAndDefineFragment',
                fragmentName: selection.name,
              },
            });
            continue;
          }
          if (
            !this.checkCondition(fragment.typeCondition, errors, fragment.loc)
          ) {
            continue;
          }
          if (visitedFragments.has(selection.name)) continue;
          visitedFragments.add(selection.name);
          walk(fragment.selectionSet, fragment.typeCondition, [
            ...path,
            `... ${selection.name}`,
          ]);
          visitedFragments.delete(selection.name);
          continue;
        }
        if (selection.kind === 'InlineFragment') {
          const condition = selection.typeCondition ?? parentType;
          if (!this.checkCondition(condition, errors, selection.loc)) continue;
          walk(selection.selectionSet, condition, [
            ...path,
            `... on ${condition}`,
          ]);
          continue;
        }
        const fieldPath = [...path, selection.alias ?? selection.name];
        if (selection.name === '__typename') {
          if (selection.selectionSet) {
            errors.push(this.leafError(selection, 'String!', fieldPath));
          }
          continue;
        }
        const field = fields[selection.name];
        if (!field) {
          errors.push({
            message: `Field '${selection.name}' doesn't exist on type '${parentType}'`,
            locations: locations(selection.loc),
            path: fieldPath,
            extensions: {
              code: 'undefinedField',
              typeName: parentType,
              fieldName: selection.name,
            },
          });
          continue;
        }
        const argumentTypes = this.argumentTypes(field);
        for (const argument of selection.arguments) {
          const spec = argumentTypes.find(arg => arg.name === argument.name);
          if (!spec) {
            errors.push({
              message: `Field '${selection.name}' doesn't accept argument '${argument.name}'`,
              locations: locations(argument.loc),
              path: [...fieldPath, argument.name],
              extensions: {
                code: 'argumentNotAccepted',
                name: selection.name,
                typeName: 'Field',
                argumentName: argument.name,
              },
            });
            continue;
          }
          checkValue(argument.value, spec.type, argument.name, argument.loc);
        }
        const missing = argumentTypes.filter(
          spec =>
            spec.type.kind === 'NonNull' &&
            !spec.hasDefault &&
            !selection.arguments.some(arg => arg.name === spec.name),
        );
        if (missing.length > 0) {
          errors.push({
            message: `Field '${
              selection.name
            }' is missing required arguments: ${missing
              .map(spec => spec.name)
              .join(', ')}`,
            locations: locations(selection.loc),
            path: fieldPath,
            extensions: {
              code: 'missingRequiredArguments',
              className: 'Field',
              name: selection.name,
              arguments: missing.map(spec => spec.name).join(', '),
            },
          });
        }
        const returned = namedType(this.typeRef(field.type));
        const returnedKind = this.definition(returned)?.kind;
        const composite =
          returnedKind === 'object' ||
          returnedKind === 'interface' ||
          returnedKind === 'union';
        if (composite && !selection.selectionSet) {
          errors.push({
            message: `Field must have selections (field '${selection.name}' returns ${returned} but has no selections. Did you mean '${selection.name} { ... }'?)`,
            locations: locations(selection.loc),
            path: fieldPath,
            extensions: {
              code: 'selectionMismatch',
              nodeName: `field '${selection.name}'`,
              typeName: returned,
            },
          });
        } else if (!composite && selection.selectionSet) {
          errors.push(this.leafError(selection, field.type, fieldPath));
        } else if (selection.selectionSet) {
          walk(selection.selectionSet, returned, fieldPath);
        }
      }
    };

    const rootType = ROOTS[operation.operation](this.schema);
    if (!rootType) {
      errors.push({
        message: `Schema is not configured for ${operation.operation}s`,
        locations: locations(operation.loc),
      });
      return { errors, variables };
    }
    checkDirectives(operation.directives);
    walk(operation.selectionSet, rootType, [
      `${operation.operation}${operation.name ? ` ${operation.name}` : ''}`,
    ]);
    for (const definition of operation.variableDefinitions) {
      if (!used.has(definition.name)) {
        errors.push({
          message: `Variable $${definition.name} is declared by ${
            operation.name ?? `anonymous ${operation.operation}`
          } but not used`,
          locations: locations(definition.loc),
          extensions: {
            code: 'variableNotUsed',
            variableName: definition.name,
          },
        });
      }
    }
    return { errors, variables };
  }

  private checkCondition(
    condition: string,
    errors: GraphqlError[],
    loc: Location,
  ): boolean {
    const kind = this.definition(condition)?.kind;
    if (kind === 'object' || kind === 'interface' || kind === 'union') {
      return true;
    }
    errors.push({
      message: `No such type ${condition}, so it can't be a fragment condition`,
      locations: locations(loc),
      extensions: { code: 'undefinedType', typeName: condition },
    });
    return false;
  }

  private leafError(
    selection: FieldNode,
    type: string,
    path: string[],
  ): GraphqlError {
    return {
      message: `Selections can't be made on scalars (field '${
        selection.name
      }' returns ${namedType(this.typeRef(type))} but has selections [${(
        selection.selectionSet ?? []
      )
        .map(item => (item.kind === 'Field' ? item.name : '...'))
        .join(', ')}])`,
      locations: locations(selection.loc),
      path,
      extensions: {
        code: 'selectionMismatch',
        nodeName: `field '${selection.name}'`,
        typeName: namedType(this.typeRef(type)),
      },
    };
  }

  // ------------------------------------------------------------- execution

  /** Runs one operation of a parsed document. */
  execute(
    document: DocumentNode,
    options: { variables?: Args; operationName?: string; context: Context },
  ): GraphqlResult {
    const candidates = options.operationName
      ? document.operations.filter(op => op.name === options.operationName)
      : document.operations;
    if (candidates.length !== 1) {
      return {
        errors: [
          {
            message: operationChoiceProblem(
              options.operationName,
              candidates.length,
            ),
          },
        ],
      };
    }
    const operation = candidates[0];
    const { errors, variables } = this.validate(
      document,
      operation,
      options.variables ?? {},
    );
    if (errors.length > 0) return { errors };
    const rootType =
      operation.operation === 'mutation'
        ? this.schema.mutation ?? ''
        : this.schema.query;
    const runtime: Runtime<Context> = {
      document,
      variables,
      context: options.context,
      errors: [],
    };
    let data: { [key: string]: JsonValue } | null;
    try {
      data = this.selectionSet(
        runtime,
        operation.selectionSet,
        rootType,
        null,
        [],
      );
    } catch (error) {
      if (!(error instanceof NullPropagation)) throw error;
      data = null;
    }
    return runtime.errors.length > 0
      ? { data, errors: runtime.errors }
      : { data };
  }

  private included(directives: DirectiveNode[], variables: Args): boolean {
    for (const directive of directives) {
      const condition = directive.arguments.find(arg => arg.name === 'if');
      const value = condition ? this.valueOf(condition.value, variables) : true;
      if (directive.name === 'skip' && value === true) return false;
      if (directive.name === 'include' && value !== true) return false;
    }
    return true;
  }

  /** Fields by response key, fragments applied (spec: CollectFields). */
  private collect(
    runtime: Runtime<Context>,
    selections: SelectionNode[],
    typeName: string,
    into = new Map<string, FieldNode[]>(),
    visited = new Set<string>(),
  ): Map<string, FieldNode[]> {
    for (const selection of selections) {
      if (!this.included(selection.directives, runtime.variables)) continue;
      if (selection.kind === 'Field') {
        const key = selection.alias ?? selection.name;
        const group = into.get(key);
        if (group) group.push(selection);
        else into.set(key, [selection]);
      } else if (selection.kind === 'InlineFragment') {
        if (this.applies(selection.typeCondition, typeName)) {
          this.collect(
            runtime,
            selection.selectionSet,
            typeName,
            into,
            visited,
          );
        }
      } else if (!visited.has(selection.name)) {
        visited.add(selection.name);
        const fragment = runtime.document.fragments.get(selection.name);
        if (fragment && this.applies(fragment.typeCondition, typeName)) {
          this.collect(runtime, fragment.selectionSet, typeName, into, visited);
        }
      }
    }
    return into;
  }

  private selectionSet(
    runtime: Runtime<Context>,
    selections: SelectionNode[],
    typeName: string,
    source: unknown,
    path: Array<string | number>,
  ): { [key: string]: JsonValue } {
    const result: { [key: string]: JsonValue } = {};
    const fields = this.fieldsOf(typeName) ?? {};
    for (const [key, nodes] of this.collect(runtime, selections, typeName)) {
      const node = nodes[0];
      const fieldPath = [...path, key];
      if (node.name === '__typename') {
        result[key] = typeName;
        continue;
      }
      const field = fields[node.name];
      const type = this.typeRef(field.type);
      let value: JsonValue;
      try {
        const args: Args = {};
        for (const spec of this.argumentTypes(field)) {
          const argument = node.arguments.find(arg => arg.name === spec.name);
          const given =
            argument &&
            (argument.value.kind !== 'Variable' ||
              argument.value.name in runtime.variables)
              ? this.valueOf(argument.value, runtime.variables)
              : undefined;
          const effective =
            given === undefined && spec.hasDefault ? spec.default : given;
          if (effective !== undefined) {
            args[spec.name] = this.coerce(effective, spec.type);
          }
        }
        let resolved: unknown;
        if (field.resolve) {
          resolved = field.resolve(source, args, runtime.context);
        } else if (isObject(source)) {
          resolved = source[node.name];
        }
        const subSelections = nodes.flatMap(item => item.selectionSet ?? []);
        value = this.complete(
          runtime,
          type,
          resolved,
          subSelections,
          fieldPath,
        );
      } catch (error) {
        if (error instanceof NullPropagation) {
          if (type.kind === 'NonNull') throw error;
          value = null;
        } else if (error instanceof FieldError) {
          runtime.errors.push({
            type: error.type,
            path: fieldPath,
            locations: locations(node.loc),
            message: error.message,
          });
          if (type.kind === 'NonNull') throw new NullPropagation();
          value = null;
        } else {
          throw error;
        }
      }
      result[key] = value;
    }
    return result;
  }

  private complete(
    runtime: Runtime<Context>,
    type: TypeNode,
    value: unknown,
    selections: SelectionNode[],
    path: Array<string | number>,
  ): JsonValue {
    if (type.kind === 'NonNull') {
      const completed = this.complete(
        runtime,
        type.type,
        value,
        selections,
        path,
      );
      if (completed === null) throw new NullPropagation();
      return completed;
    }
    if (value === null || value === undefined) return null;
    if (type.kind === 'List') {
      if (!Array.isArray(value))
        throw new Error(`${path.join('.')} is not a list`);
      return value.map((item, index) => {
        try {
          return this.complete(runtime, type.type, item, selections, [
            ...path,
            index,
          ]);
        } catch (error) {
          if (
            error instanceof NullPropagation &&
            type.type.kind !== 'NonNull'
          ) {
            return null;
          }
          throw error;
        }
      });
    }
    const definition = this.definition(type.name);
    switch (definition?.kind) {
      case 'scalar':
      case 'enum':
        return toJson(value);
      case 'object':
        return this.selectionSet(runtime, selections, type.name, value, path);
      case 'interface':
      case 'union':
        return this.selectionSet(
          runtime,
          selections,
          definition.resolveType(value),
          value,
          path,
        );
      default:
        throw new Error(`Unknown type ${type.name}`);
    }
  }
}

interface Runtime<Context> {
  document: DocumentNode;
  variables: Args;
  context: Context;
  errors: GraphqlError[];
}

function variablesIn(value: ValueNode): Array<{ name: string; loc: Location }> {
  if (value.kind === 'Variable') return [{ name: value.name, loc: value.loc }];
  if (value.kind === 'List') return value.values.flatMap(variablesIn);
  if (value.kind === 'Object') {
    return value.fields.flatMap(field => variablesIn(field.value));
  }
  return [];
}
