/*
 * GitHub's error bodies: `{ message, documentation_url, status, errors? }`.
 * Handlers throw `GithubApiError`; the server renders it with the
 * documentation URL of the operation that failed.
 */

export const DOCS_BASE_URL =
  'https://docs.github.com/enterprise-server@3.19/rest';

/** One entry of a 422 "Validation Failed" body. */
export interface ValidationErrorDetail {
  resource: string;
  code:
    | 'missing'
    | 'missing_field'
    | 'invalid'
    | 'already_exists'
    | 'unprocessable'
    | 'custom';
  field?: string;
  message?: string;
  value?: unknown;
}

export class GithubApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: ValidationErrorDetail[],
    /** Extra explanation for programmatic callers (never sent on the wire). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'GithubApiError';
  }
}

export function notFound(): GithubApiError {
  return new GithubApiError(404, 'Not Found');
}

export function unprocessable(
  message: string,
  detail?: string,
): GithubApiError {
  return new GithubApiError(422, message, undefined, detail);
}

export function validationFailed(
  errors: ValidationErrorDetail[],
): GithubApiError {
  return new GithubApiError(422, 'Validation Failed', errors);
}

/** GitHub's wording for a body field that is absent or has the wrong type. */
export function invalidRequest(reason: string): GithubApiError {
  return new GithubApiError(422, `Invalid request.\n\n${reason}`);
}

export function errorBody(
  error: GithubApiError,
  documentationUrl: string,
): Record<string, unknown> {
  return {
    message: error.message,
    ...(error.errors ? { errors: error.errors } : {}),
    documentation_url: documentationUrl,
    status: String(error.status),
  };
}

/**
 * GitHub's 403 for a secondary rate limit, with `retry-after`. Octokit's
 * throttling plugin recognises it by the words "secondary rate" in the message.
 */
export function secondaryRateLimitResponse(retryAfterSeconds: number): {
  status: number;
  headers: Record<string, string>;
  body: unknown;
} {
  return {
    status: 403,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'retry-after': String(retryAfterSeconds),
      'x-github-media-type': 'github.v3; format=json',
    },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
      documentation_url: `${DOCS_BASE_URL}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
      status: '403',
    },
  };
}
