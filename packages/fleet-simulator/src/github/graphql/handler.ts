/*
 * `POST /api/graphql`: parses the request (`query`, `variables`,
 * `operationName`), runs it against the simulator's slice of GitHub's
 * schema, and answers 200 with `data` and/or `errors` the way GitHub does
 * (syntax and validation errors without `data`).
 */
import { isJsonObject } from '../http/input';
import type { ApiRequest, ApiResponse, GithubContext } from '../http/route';
import { Engine } from './engine';
import { GraphqlSyntaxError, parseDocument } from './language';
import { githubSchema } from './schema';

const engine = new Engine(githubSchema);

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
    document = parseDocument(body.query);
  } catch (error) {
    if (!(error instanceof GraphqlSyntaxError)) throw error;
    return {
      status: 200,
      body: {
        errors: [
          {
            message: error.message,
            locations: [{ line: error.loc.line, column: error.loc.column }],
          },
        ],
      },
    };
  }
  const result = engine.execute(document, {
    variables: isJsonObject(body.variables) ? body.variables : {},
    operationName:
      typeof body.operationName === 'string' && body.operationName !== ''
        ? body.operationName
        : undefined,
    context,
  });
  return { status: 200, body: result };
}
