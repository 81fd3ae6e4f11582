import {
  makePullRequest,
  makeRow,
  makeStatus,
} from '../../__testUtils__/fixtures';
import { isVmSettled } from './summarizeVm';

describe('isVmSettled', () => {
  const running = makeRow('dev-1', 'dev');
  it('is settled when deployed and as declared everywhere, with no pull request or error', () => {
    expect(isVmSettled(makeStatus({ rows: [running] }))).toBe(true);
  });
  it.each([
    ['not deployed yet', makeStatus({ rows: [] })],
    [
      'starting',
      makeStatus({
        rows: [makeRow('dev-1', 'dev', { printableStatus: 'Starting' })],
      }),
    ],
    [
      'an open pull request',
      makeStatus({ rows: [running], pullRequests: [makePullRequest(3)] }),
    ],
    [
      'an upstream error',
      makeStatus({
        rows: [running],
        errors: [
          {
            source: 'github',
            message: 'GitHub answered 500',
            kind: 'unavailable',
          },
        ],
      }),
    ],
    [
      'GitHub not answering',
      makeStatus({ rows: [running], pullRequestsAsOf: '2025-11-24T09:00:00Z' }),
    ],
  ])('is not settled with %s', (_what, status) => {
    expect(isVmSettled(status)).toBe(false);
  });
});
