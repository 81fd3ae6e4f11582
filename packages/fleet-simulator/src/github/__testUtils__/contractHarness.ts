/*
 * Shared set-up of the contract tests: a simulated GitHub, GitHub's OpenAPI
 * description (loaded once per test file), and a call that checks a
 * response against the documented schema for its status.
 */
import { OpenApiContract } from './openApiContract';
import { startTestGithub } from './startTestGithub';
import type { TestGithub } from './startTestGithub';

export const owner = 'acme';
export const repo = 'gitops';

export interface Answer {
  status: number;
  data: unknown;
}

function isHttpError(
  error: unknown,
): error is { status: number; response?: { data?: unknown } } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof Reflect.get(error, 'status') === 'number'
  );
}

export interface ContractHarness {
  contract: OpenApiContract;
  github(): TestGithub;
  call(route: string, params?: Record<string, unknown>): Promise<Answer>;
  /** Calls `route` and validates the answer against `template`'s documented response for the expected status. */
  expectConforms(
    route: string,
    template: string,
    expectedStatus: number,
    params?: Record<string, unknown>,
    mediaType?: string,
  ): Promise<unknown>;
}

/** Registers beforeAll/afterAll hooks that start and stop the simulated GitHub. */
export function useContractHarness(): ContractHarness {
  const contract = new OpenApiContract();
  let started: TestGithub | undefined;
  const github = () => {
    if (!started) throw new Error('The simulated GitHub is not running');
    return started;
  };
  beforeAll(async () => {
    started = await startTestGithub();
  });
  afterAll(() => started?.close());

  async function call(
    route: string,
    params: Record<string, unknown> = {},
  ): Promise<Answer> {
    try {
      const response = await github().octokit.request(route, {
        owner,
        repo,
        ...params,
      });
      return { status: response.status, data: response.data };
    } catch (error) {
      if (isHttpError(error)) {
        return { status: error.status, data: error.response?.data };
      }
      throw error;
    }
  }

  async function expectConforms(
    route: string,
    template: string,
    expectedStatus: number,
    params: Record<string, unknown> = {},
    mediaType?: string,
  ) {
    const answer = await call(route, params);
    expect(answer.status).toBe(expectedStatus);
    const [method] = route.split(' ');
    expect(
      contract.validate(
        method,
        template,
        answer.status,
        answer.data,
        mediaType,
      ),
    ).toEqual([]);
    return answer.data;
  }

  return { contract, github, call, expectConforms };
}
