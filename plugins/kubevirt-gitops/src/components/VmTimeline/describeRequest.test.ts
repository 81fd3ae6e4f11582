import { makeTimelineRequest } from '../../__testUtils__/fixtures';
import { describeRequest } from './describeRequest';

describe('describeRequest', () => {
  it('arranges a merged request: per cluster its sync and state, and where it stands', () => {
    const view = describeRequest(makeTimelineRequest());
    expect(view.operation).toBe('Create');
    expect(view.opened?.toISOString()).toBe('2025-11-24T10:00:00.000Z');
    expect(view.merged?.toISOString()).toBe('2025-11-24T10:05:00.000Z');
    expect(view.clusters.map(c => c.cluster)).toEqual([
      'dev-cluster-1',
      'dev-cluster-2',
    ]);
    expect(view.clusters[0].reached?.state).toBe('Running');
    expect(view.clusters[1].synced?.toISOString()).toBe(
      '2025-11-24T10:05:25.000Z',
    );
    expect(view.clusters[1].reached).toBeUndefined();
    expect(view.summary).toBe('Merged; Running on 1 of 2 clusters');
    expect(view.tone).toBe('progress');
  });

  it('says completed once every cluster got there, and an open one waits for review', () => {
    const base = makeTimelineRequest();
    const done = describeRequest({
      ...base,
      steps: [
        ...base.steps,
        {
          step: 'reached',
          at: '2025-11-24T10:06:30Z',
          cluster: 'dev-cluster-2',
        },
        { step: 'completed', at: '2025-11-24T10:06:30Z' },
      ],
    });
    expect(done.summary).toBe('Running on every cluster');
    expect(done.tone).toBe('ok');
    expect(done.clusters[1].reached?.state).toBe('Running');

    const open = describeRequest(
      makeTimelineRequest({
        clusters: [],
        steps: [{ step: 'opened', at: '2025-11-24T10:00:00Z' }],
      }),
    );
    expect(open.summary).toBe('Open, waiting for review');
    expect(open.clusters).toEqual([]);
  });

  it('puts a failure with its reason first, also for a cluster the request did not list', () => {
    const base = makeTimelineRequest();
    const view = describeRequest({
      ...base,
      steps: [
        ...base.steps,
        {
          step: 'failed',
          at: '2025-11-24T10:07:00Z',
          cluster: 'prod-cluster-9',
          detail: 'ErrorUnschedulable',
        },
      ],
    });
    const failed = view.clusters.find(c => c.cluster === 'prod-cluster-9');
    expect(failed?.failed?.reason).toBe('ErrorUnschedulable');
    expect(view.summary).toBe('Failed on prod-cluster-9');
    expect(view.tone).toBe('error');
  });

  it('tells a pull request closed without merge', () => {
    const view = describeRequest(
      makeTimelineRequest({
        pullRequest: {
          number: 8,
          url: 'https://github.com/demo-org/gitops-demo/pull/8',
          repo: 'demo-org/gitops-demo',
        },
        steps: [
          { step: 'opened', at: '2025-11-24T10:00:00Z' },
          { step: 'closed', at: '2025-11-24T10:01:00Z' },
        ],
      }),
    );
    expect(view.summary).toBe('Closed without merge');
    expect(view.title).toBe('Pull request #8');
  });
});
