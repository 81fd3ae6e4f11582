/*
 * Repository webhooks, as GitHub has them: `POST /repos/{owner}/{repo}/hooks`
 * registers a URL (and an optional secret) for `push` events (the only
 * event simulated); `GET` lists them, `DELETE .../hooks/{id}` removes one. Each branch
 * move is delivered as a `push` event (signed with `X-Hub-Signature-256`
 * when the hook has a secret), so a Backstage events backend with its
 * GitHub module can be tested against the simulator as against GitHub.
 * Deliveries are fire-and-forget with a 10 s timeout; the last 100 are kept
 * for the control API's state.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { GithubApiError, notFound } from './http/errors';
import { REPO, json, repoOf } from './handlers/common';
import type { GithubContext, Route } from './http/route';
import type { RepoRecord } from './model';
import type { BranchUpdatedEvent } from '../git/store';

/** Only `push` is delivered today; a hook asking for more is refused, not silently half-served. */
export type WebhookEvent = 'push';
const EVENTS: readonly WebhookEvent[] = ['push'];

export interface Webhook {
  id: number;
  url: string;
  secret?: string;
  events: WebhookEvent[];
  active: boolean;
}

export interface WebhookDelivery {
  hook: number;
  event: WebhookEvent;
  deliveredAt: string;
  /** HTTP status of the receiver, or the error. */
  status?: number;
  error?: string;
}

function invalid(field: string, message: string): GithubApiError {
  return new GithubApiError(422, 'Validation Failed', [
    { resource: 'Hook', code: 'invalid', field, message },
  ]);
}

function hookJson(repo: RepoRecord, hook: Webhook) {
  return {
    type: 'Repository',
    id: hook.id,
    name: 'web',
    active: hook.active,
    events: hook.events,
    config: {
      url: hook.url,
      content_type: 'json',
      insecure_ssl: '0',
      ...(hook.secret ? { secret: '********' } : {}),
    },
    url: `/repos/${repo.owner.login}/${repo.name}/hooks/${hook.id}`,
  };
}

/** The hooks of every repository and their deliveries. */
export class WebhookRegistry {
  readonly #hooks = new Map<string, Webhook[]>();
  readonly #deliveries: WebhookDelivery[] = [];
  #nextId = 1;

  constructor(
    private readonly now: () => Date,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  #key(owner: string, repo: string): string {
    return `${owner}/${repo}`.toLowerCase();
  }

  list(repo: RepoRecord): Webhook[] {
    return this.#hooks.get(this.#key(repo.owner.login, repo.name)) ?? [];
  }

  create(repo: RepoRecord, body: unknown): Webhook {
    const input = (body ?? {}) as {
      config?: { url?: unknown; secret?: unknown; content_type?: unknown };
      events?: unknown;
      active?: unknown;
    };
    const url = input.config?.url;
    if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url)) {
      throw invalid('config.url', 'must be an http(s) URL');
    }
    if (
      input.config?.content_type !== undefined &&
      input.config.content_type !== 'json'
    ) {
      throw invalid('config.content_type', 'only json is simulated');
    }
    const secret = input.config?.secret;
    if (secret !== undefined && typeof secret !== 'string') {
      throw invalid('config.secret', 'must be a string');
    }
    const events = input.events ?? ['push'];
    if (
      !Array.isArray(events) ||
      events.some(event => !EVENTS.includes(event as WebhookEvent))
    ) {
      throw invalid('events', `must be a list of ${EVENTS.join(', ')}`);
    }
    const hook: Webhook = {
      id: this.#nextId++,
      url,
      ...(secret ? { secret } : {}),
      events: [...new Set(events as WebhookEvent[])],
      active: input.active === undefined ? true : Boolean(input.active),
    };
    const key = this.#key(repo.owner.login, repo.name);
    this.#hooks.set(key, [...(this.#hooks.get(key) ?? []), hook]);
    return hook;
  }

  delete(repo: RepoRecord, id: number): boolean {
    const key = this.#key(repo.owner.login, repo.name);
    const hooks = this.#hooks.get(key) ?? [];
    const kept = hooks.filter(hook => hook.id !== id);
    this.#hooks.set(key, kept);
    return kept.length !== hooks.length;
  }

  deliveries(): WebhookDelivery[] {
    return [...this.#deliveries];
  }

  /** Delivers a `push` event for a branch move to the repository's hooks. */
  push(repo: RepoRecord, event: BranchUpdatedEvent, htmlUrl: string): void {
    this.#deliver(repo, 'push', {
      ref: `refs/heads/${event.branch}`,
      before: event.before,
      after: event.sha,
      created: /^0+$/.test(event.before),
      deleted: false,
      forced: false,
      repository: {
        id: repo.id,
        node_id: repo.nodeId,
        name: repo.name,
        full_name: `${repo.owner.login}/${repo.name}`,
        owner: { login: repo.owner.login },
        default_branch: repo.defaultBranch,
        html_url: htmlUrl,
      },
      pusher: { name: 'fleet-simulator' },
      sender: { login: 'fleet-simulator' },
    });
  }

  #deliver(repo: RepoRecord, event: WebhookEvent, payload: unknown): void {
    const body = JSON.stringify(payload);
    for (const hook of this.list(repo)) {
      if (!hook.active || !hook.events.includes(event)) continue;
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/fleet-simulator',
        'x-github-event': event,
        'x-github-delivery': randomUUID(),
        'x-github-hook-id': String(hook.id),
      };
      if (hook.secret) {
        headers['x-hub-signature-256'] = `sha256=${createHmac(
          'sha256',
          hook.secret,
        )
          .update(body)
          .digest('hex')}`;
      }
      const delivery: WebhookDelivery = {
        hook: hook.id,
        event,
        deliveredAt: this.now().toISOString(),
      };
      this.#deliveries.push(delivery);
      if (this.#deliveries.length > 100) this.#deliveries.shift();
      this.fetchImpl(hook.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(10_000),
      })
        .then(
          response => {
            delivery.status = response.status;
            return response.arrayBuffer();
          },
          (error: unknown) => {
            delivery.error =
              error instanceof Error ? error.message : String(error);
          },
        )
        .catch(() => undefined);
    }
  }
}

function registryOf(context: GithubContext): WebhookRegistry {
  if (!context.webhooks) throw notFound();
  return context.webhooks;
}

/** The REST routes; the registry comes from the context. */
export const webhookRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/hooks$`),
    docs: 'webhooks/repos#list-repository-webhooks',
    handle(request, context) {
      const repo = repoOf(request, context);
      return json(
        200,
        registryOf(context)
          .list(repo)
          .map(hook => hookJson(repo, hook)),
      );
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/hooks$`),
    docs: 'webhooks/repos#create-a-repository-webhook',
    handle(request, context) {
      const repo = repoOf(request, context);
      return json(
        201,
        hookJson(repo, registryOf(context).create(repo, request.body)),
      );
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`${REPO}/hooks/(\\d+)$`),
    docs: 'webhooks/repos#delete-a-repository-webhook',
    handle(request, context) {
      const repo = repoOf(request, context);
      if (!registryOf(context).delete(repo, Number(request.params[2])))
        throw notFound();
      return { status: 204 };
    },
  },
];
