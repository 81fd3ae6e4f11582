import { toTimeline } from './timeline';
import type { StoredStep, TrackedRequest } from './RequestStore';

const request: TrackedRequest = {
  id: 'acme/gitops#7',
  repository: 'acme/gitops',
  repoUrl: 'https://github.com/acme/gitops',
  pullRequest: {
    number: 7,
    url: 'https://github.com/acme/gitops/pull/7',
    title: 'Create VM web-1',
    branch: 'kubevirt-gitops/create/web-1',
  },
  vmName: 'web-1',
  entityRef: 'resource:default/web-1',
  operation: 'create',
  environments: ['dev'],
  clusters: ['dev-1'],
  state: 'merged',
  openedAt: '2026-12-07T01:20:04.400Z',
};

const step = (
  kind: StoredStep['step'],
  at: string,
  cluster = '',
): StoredStep => ({ requestId: request.id, step: kind, at, cluster });

describe('toTimeline', () => {
  it('orders steps by instant, not by text: GitHub gives whole seconds', () => {
    const answer = toTimeline(
      'resource:default/web-1',
      [request],
      [
        step('synced', '2026-12-07T01:20:05.123Z', 'dev-1'),
        // as text '…05Z' sorts after '…05.123Z'
        step('merged', '2026-12-07T01:20:05Z'),
        step('opened', request.openedAt),
        step('reached', '2026-12-07T01:20:09.000Z', 'dev-1'),
      ],
    );
    expect(answer.requests[0].steps.map(s => s.step)).toEqual([
      'opened',
      'merged',
      'synced',
      'reached',
    ]);
    // the times are passed on as stored
    expect(answer.requests[0].steps[1].at).toBe('2026-12-07T01:20:05Z');
  });
});
