/*
 * Reading request bodies and query parameters, failing the way GitHub does
 * ("Invalid request. \"sha\" wasn't supplied.") when they are malformed.
 */
import { isRecord as isJsonObject } from '../../json';
import { GithubApiError, invalidRequest } from './errors';

export type JsonObject = Record<string, unknown>;

export { isJsonObject };

export function bodyObject(body: unknown): JsonObject {
  if (body === undefined) return {};
  if (!isJsonObject(body)) {
    throw invalidRequest(
      `For 'links/0/schema', ${JSON.stringify(body)} is not an object.`,
    );
  }
  return body;
}

function wrongType(
  field: string,
  value: unknown,
  type: string,
): GithubApiError {
  return invalidRequest(
    `For 'properties/${field}', ${JSON.stringify(value)} is not ${type}.`,
  );
}

export function requiredString(body: JsonObject, field: string): string {
  const value = body[field];
  if (value === undefined) throw invalidRequest(`"${field}" wasn't supplied.`);
  if (typeof value !== 'string') throw wrongType(field, value, 'a string');
  return value;
}

export function optionalString(
  body: JsonObject,
  field: string,
): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(field, value, 'a string');
  return value;
}

export function optionalBoolean(
  body: JsonObject,
  field: string,
): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw wrongType(field, value, 'a boolean');
  return value;
}

export function optionalStringArray(
  body: JsonObject,
  field: string,
): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some(item => typeof item !== 'string')) {
    throw wrongType(field, value, 'an array of strings');
  }
  return value.map(String);
}

export function optionalEnum<T extends string>(
  body: JsonObject,
  field: string,
  allowed: readonly T[],
): T | undefined {
  const value = optionalString(body, field);
  if (value === undefined) return undefined;
  const match = allowed.find(candidate => candidate === value);
  if (!match) {
    throw invalidRequest(
      `For 'properties/${field}', ${JSON.stringify(
        value,
      )} is not one of ${allowed
        .map(item => JSON.stringify(item))
        .join(', ')}.`,
    );
  }
  return match;
}

export interface Page {
  perPage: number;
  page: number;
}

/** `per_page` (default 30, at most 100) and `page` (from 1). */
export function pageOf(query: URLSearchParams, defaultPerPage = 30): Page {
  const perPage = Number(query.get('per_page') ?? defaultPerPage);
  const page = Number(query.get('page') ?? 1);
  return {
    perPage:
      Number.isInteger(perPage) && perPage >= 0
        ? Math.min(perPage, 100)
        : defaultPerPage,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}
