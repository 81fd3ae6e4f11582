/*
 * `POST /api/graphql`: reads the request (`query`, `variables`,
 * `operationName`), and has graphql-js parse it, validate it against
 * GitHub's schema and execute it with the simulator's resolvers. Answers
 * 200 with `data` and/or `errors` the way GitHub does: syntax, validation
 * and variable errors alone (no `data`, nothing run); resolver errors next
 * to `data`, with GitHub's `type` (NOT_FOUND, UNPROCESSABLE, STALE_DATA, …).
 * Messages of syntax and validation errors are graphql-js's (GitHub's
 * server, graphql-ruby, words them differently); see the README.
 */
import {
  executeSync,
  GraphQLError,
  parse,
  validate,
  type GraphQLFieldResolver,
} from 'graphql';
import { isJsonObject } from '../http/input';
import type { ApiRequest, ApiResponse, GithubContext } from '../http/route';
import { typeNameOf } from './resolvers';
import { githubSchema } from './schema';
import { FieldError } from './sources';

/** An error entry of the response, in GitHub's shape. */
type ErrorEntry = Record<string, unknown> & { message: string };

function errorEntry(error: GraphQLError): ErrorEntry {
  const entry: ErrorEntry = { message: error.message };
  if (error.originalError instanceof FieldError) {
    entry.type = error.originalError.type;
  }
  if (error.path) entry.path = error.path;
  if (error.locations) {
    entry.locations = error.locations.map(({ line, column }) => ({
      line,
      column,
    }));
  }
  return entry;
}

function errorsOnly(errors: readonly GraphQLError[]): ApiResponse {
  return { status: 200, body: { errors: errors.map(errorEntry) } };
}

/**
 * A field without a resolver reads the property of its name; a field the
 * simulator does not model at all says so instead of answering null.
 */
const readProperty: GraphQLFieldResolver<unknown, unknown> = (
  source,
  _args,
  _context,
  info,
) => {
  if (
    typeof source === 'object' &&
    source !== null &&
    Object.prototype.hasOwnProperty.call(source, info.fieldName)
  ) {
    return Reflect.get(source, info.fieldName);
  }
  throw new Error(
    `The fleet simulator does not answer ${info.parentType.name}.${info.fieldName}`,
  );
};

export function handleGraphql(
  request: ApiRequest,
  context: GithubContext,
): ApiResponse {
  const body = isJsonObject(request.body) ? request.body : {};
  if (typeof body.query !== 'string') {
    return {
      status: 200,
      body: {
        errors: [
          {
            message:
              'A query attribute must be specified and must be a string.',
          },
        ],
      },
    };
  }
  if (
    body.variables !== undefined &&
    body.variables !== null &&
    !isJsonObject(body.variables)
  ) {
    return {
      status: 200,
      body: { errors: [{ message: 'Variables are invalid JSON.' }] },
    };
  }
  let document;
  try {
    document = parse(body.query);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return errorsOnly([error]);
  }
  const schema = githubSchema();
  const invalid = validate(schema, document);
  if (invalid.length > 0) return errorsOnly(invalid);
  const result = executeSync({
    schema,
    document,
    variableValues: isJsonObject(body.variables) ? body.variables : {},
    operationName:
      typeof body.operationName === 'string' && body.operationName !== ''
        ? body.operationName
        : undefined,
    contextValue: context,
    fieldResolver: readProperty,
    typeResolver: value => typeNameOf(value),
  });
  const answer: Record<string, unknown> = {};
  if (result.data !== undefined) answer.data = result.data;
  if (result.errors) answer.errors = result.errors.map(errorEntry);
  return { status: 200, body: answer };
}
