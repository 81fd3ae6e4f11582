/*
 * GitHub's GraphQL schema, as GitHub publishes it (the npm package
 * `@octokit/graphql-schema`, file `schema.graphql`), built once per process
 * by graphql-js with the simulator's resolvers attached.
 *
 * - Built with `assumeValidSDL`: the published SDL is GitHub's own and
 *   graphql-js rejects it otherwise (GitHub's `EnterpriseOwnerInfo` defines
 *   two fields twice), and the check would double the start-up cost.
 * - `GitObjectID` checks its values (hex, 4 to 40 digits) the way GitHub
 *   refuses a malformed oid before running anything; the other custom
 *   scalars (`URI`, `DateTime`, `Base64String`, …) pass strings through.
 * - Start-up fails when a resolver names a type or field that GitHub's
 *   schema does not have, so a newer schema that renames one is noticed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  GraphQLError,
  GraphQLScalarType,
  isInterfaceType,
  isObjectType,
  Kind,
  type GraphQLSchema,
} from 'graphql';
import { GithubModel } from '../model';
import type { GithubContext } from '../http/route';
import { resolvers } from './resolvers';

const SCHEMA_PACKAGE = '@octokit/graphql-schema';

/**
 * The SDL file of `@octokit/graphql-schema`. The package only exports an
 * ES module (which also parses a 5 MB JSON copy), so the file is found
 * where Node would look for the package.
 */
export function githubSchemaFile(): string {
  const candidates = (require.resolve.paths(SCHEMA_PACKAGE) ?? []).map(dir =>
    path.join(dir, SCHEMA_PACKAGE, 'schema.graphql'),
  );
  const found = candidates.find(file => existsSync(file));
  if (!found) {
    throw new Error(
      `GitHub's GraphQL schema (${SCHEMA_PACKAGE}/schema.graphql) is not installed; run yarn install`,
    );
  }
  return found;
}

function isGithubContext(value: unknown): value is GithubContext {
  return (
    typeof value === 'object' &&
    value !== null &&
    'model' in value &&
    value.model instanceof GithubModel
  );
}

const GIT_OBJECT_ID = /^[0-9a-f]{4,40}$/;

function gitObjectId(value: unknown): string {
  if (typeof value === 'string' && GIT_OBJECT_ID.test(value)) return value;
  throw new GraphQLError(
    `${JSON.stringify(value)} is not a valid Git object ID`,
  );
}

function checkGitObjectIds(schema: GraphQLSchema): void {
  const type = schema.getType('GitObjectID');
  if (!(type instanceof GraphQLScalarType)) {
    throw new Error("GitHub's schema has no GitObjectID scalar");
  }
  type.parseValue = gitObjectId;
  type.parseLiteral = literal =>
    gitObjectId(literal.kind === Kind.STRING ? literal.value : undefined);
}

function attachResolvers(schema: GraphQLSchema): void {
  for (const [typeName, fieldResolvers] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type) && !isInterfaceType(type)) {
      throw new Error(`GitHub's schema has no object type ${typeName}`);
    }
    const fields = type.getFields();
    for (const [fieldName, resolve] of Object.entries(fieldResolvers)) {
      const field = fields[fieldName];
      if (!field) {
        throw new Error(
          `GitHub's schema has no field ${typeName}.${fieldName}`,
        );
      }
      field.resolve = (source, args, context) => {
        if (!isGithubContext(context)) {
          throw new Error('GraphQL executed without the simulator context');
        }
        return resolve(source as never, args, context);
      };
    }
  }
}

let built: GraphQLSchema | undefined;

/** GitHub's schema with the simulator's resolvers (built on first use, then kept). */
export function githubSchema(): GraphQLSchema {
  if (!built) {
    const schema = buildSchema(readFileSync(githubSchemaFile(), 'utf8'), {
      assumeValidSDL: true,
      assumeValid: true,
      noLocation: true,
    });
    checkGitObjectIds(schema);
    attachResolvers(schema);
    built = schema;
  }
  return built;
}
