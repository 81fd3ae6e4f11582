import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { mockApis } from '@backstage/frontend-test-utils';
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { kubevirtGitopsApiRef } from '../api/KubevirtGitopsApi';
import { KubevirtGitopsClient } from '../api/KubevirtGitopsClient';

/** Where the fake discovery API puts the backend (loopback; msw answers). */
export const BACKEND = 'http://localhost:7007/api/kubevirt-gitops';

/**
 * The VM timeline answers "no requests" unless a test says otherwise (the
 * VM tab always asks for it).
 */
export const TIMELINE_PATH = '/entities/default/resource/demo-vm/timeline';

export const server = setupServer(
  http.get(`${BACKEND}/entities/:namespace/:kind/:name/timeline`, () =>
    HttpResponse.json({ entityRef: 'resource:default/demo-vm', requests: [] }),
  ),
);

/** Starts msw around every test of the calling file. */
export function withMswServer() {
  registerMswTestHooks(server);
}

/** A real client on a fake discovery API and the global fetch (msw answers). */
export function makeClient(): KubevirtGitopsClient {
  return new KubevirtGitopsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch(),
  });
}

/** The API pair tests hand to the test app. */
export function clientApi() {
  return [kubevirtGitopsApiRef, makeClient()] as const;
}

/** A Backstage error body, as the backend's error handler writes it. */
export function errorBody(name: string, message: string, statusCode: number) {
  return {
    error: { name, message },
    request: { method: 'GET', url: '/api/kubevirt-gitops' },
    response: { statusCode },
  };
}

/** Answers `GET <path>` with JSON (and counts the calls). */
export function answer(
  path: string,
  body: JsonBodyType,
  status = 200,
): { calls: () => number } {
  let calls = 0;
  server.use(
    http.get(`${BACKEND}${path}`, () => {
      calls += 1;
      return HttpResponse.json(body, { status });
    }),
  );
  return { calls: () => calls };
}
