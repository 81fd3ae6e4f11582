import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestGithub } from './__testUtils__/startTestGithub';
import { openVmPullRequest, owner, repo } from './__testUtils__/vmPullRequest';
import type { TestGithub } from './__testUtils__/startTestGithub';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on a free port that records every POST. */
async function startReceiver() {
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.statusCode = 202;
      res.end();
      waiters.splice(0).forEach(wake => wake());
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/events/http/github`,
    received,
    async next(count: number) {
      while (received.length < count) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`only ${received.length} deliveries`)),
            5000,
          );
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

describe('simulated GitHub: repository webhooks', () => {
  let github: TestGithub;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => {
    github = await startTestGithub();
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await github.close();
    await receiver.close();
  });

  it('delivers a signed push for each branch move, as GitHub does', async () => {
    const { data: hook } = await github.octokit.repos.createWebhook({
      owner,
      repo,
      config: { url: receiver.url, content_type: 'json', secret: 's3cret' },
      events: ['push'],
    });
    expect(hook).toMatchObject({ active: true, events: ['push'] });
    expect(hook.config.secret).toBe('********');

    const { pull } = await openVmPullRequest(github);
    // Opening the PR pushed its branch: one delivery for it.
    await receiver.next(1);
    const { data: merge } = await github.octokit.pulls.merge({
      owner,
      repo,
      pull_number: pull.number,
      sha: pull.head.sha,
    });
    await receiver.next(2);

    const main = receiver.received
      .map(delivery => ({
        ...delivery,
        payload: JSON.parse(delivery.body) as Record<string, any>,
      }))
      .find(delivery => delivery.payload.ref === 'refs/heads/main');
    expect(main).toBeDefined();
    expect(main!.payload).toMatchObject({
      ref: 'refs/heads/main',
      before: pull.base.sha,
      after: merge.sha,
      repository: { full_name: `${owner}/${repo}`, name: repo },
    });
    expect(main!.headers['x-github-event']).toBe('push');
    expect(main!.headers['x-github-hook-id']).toBe(String(hook.id));
    // The signature is what the events backend's GitHub module verifies.
    expect(main!.headers['x-hub-signature-256']).toBe(
      `sha256=${createHmac('sha256', 's3cret')
        .update(main!.body)
        .digest('hex')}`,
    );
    expect(main!.headers['x-hub-signature-256']).not.toBe(
      `sha256=${createHmac('sha256', 'other')
        .update(main!.body)
        .digest('hex')}`,
    );
    expect(github.simulator.webhookDeliveries()).toContainEqual(
      expect.objectContaining({ hook: hook.id, event: 'push', status: 202 }),
    );
  });

  it('lists, deletes and then stops delivering; refuses a bad hook', async () => {
    const { data: hook } = await github.octokit.repos.createWebhook({
      owner,
      repo,
      config: { url: receiver.url },
    });
    const { data: listed } = await github.octokit.repos.listWebhooks({
      owner,
      repo,
    });
    expect(listed.map(item => item.id)).toEqual([hook.id]);
    expect(listed[0].config.secret).toBeUndefined();

    const removed = await github.octokit.repos.deleteWebhook({
      owner,
      repo,
      hook_id: hook.id,
    });
    expect(removed.status).toBe(204);
    await openVmPullRequest(github);
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(receiver.received).toHaveLength(0);
    expect(github.simulator.webhookDeliveries()).toHaveLength(0);

    await expect(
      github.octokit.repos.deleteWebhook({ owner, repo, hook_id: hook.id }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      github.octokit.repos.createWebhook({
        owner,
        repo,
        config: { url: 'not a url' },
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      github.octokit.repos.createWebhook({
        owner,
        repo,
        config: { url: receiver.url },
        events: ['pull_request'],
      }),
    ).rejects.toMatchObject({ status: 422 });
  });
});
