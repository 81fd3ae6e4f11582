import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Clock, UpstreamHandler } from '../contracts';
import type { Hub } from '../hub';
import type { FaultInjector, RequestLog } from '../server';
import { faultRuleSchema } from '../server';
import { ControlError, readJsonBody, sendJson, sendNoContent } from './http';

/** What the control API drives. */
export interface ControlTargets {
  clock: Clock;
  hub: Pick<
    Hub,
    'summary' | 'setAvailability' | 'stopLease' | 'dropWatches' | 'compact'
  >;
  github: {
    mergePullRequest(
      owner: string,
      repo: string,
      number: number,
      options?: { mergeMethod?: 'merge' | 'squash' },
    ): { sha: string };
    state(): unknown;
  };
  argocd: {
    state(): unknown;
    reconcile(): unknown;
    dropStreams(mode?: 'end' | 'destroy'): void;
  };
  faults: FaultInjector;
  log: RequestLog;
}

const availabilityBody = z
  .object({ status: z.enum(['True', 'False', 'Unknown']) })
  .strict();
const mergeBody = z
  .object({
    merge_method: z.enum(['merge', 'squash']).optional(),
    mergeMethod: z.enum(['merge', 'squash']).optional(),
  })
  .strict()
  .optional();
const faultList = z.array(faultRuleSchema);

/** One rule, an array of rules, or `{ faults: [...] }`; errors name the bad key. */
function faultRules(body: unknown) {
  if (Array.isArray(body)) return validate(faultList, body);
  if (typeof body === 'object' && body !== null && 'faults' in body) {
    return validate(z.object({ faults: faultList }).strict(), body).faults;
  }
  return [validate(faultRuleSchema, body)];
}
const logQuery = z.object({
  upstream: z.enum(['github', 'argocd', 'hub']).optional(),
  since: z.string().datetime({ offset: true }).optional(),
});

function validate<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  value: unknown,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues
    .map(issue => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
  throw new ControlError(400, detail);
}

type Route = (
  req: IncomingMessage,
  res: ServerResponse,
  match: RegExpExecArray,
  url: URL,
) => Promise<void> | void;

/** The control API (JSON) that tests, benchmarks and people use to drive the simulator. */
export function createControlHandler(targets: ControlTargets): UpstreamHandler {
  const routes: Array<[string, RegExp, Route]> = [
    ['GET', /^\/healthz$/, (_req, res) => sendJson(res, 200, { status: 'ok' })],
    [
      'GET',
      /^\/state$/,
      (_req, res) =>
        sendJson(res, 200, {
          time: targets.clock.now().toISOString(),
          timeScale: targets.clock.timeScale,
          hub: targets.hub.summary(),
          github: targets.github.state(),
          argocd: targets.argocd.state(),
        }),
    ],
    [
      'POST',
      /^\/github\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/merge$/,
      async (req, res, match) => {
        const body = validate(mergeBody, await readJsonBody(req));
        const mergeMethod = body?.merge_method ?? body?.mergeMethod;
        try {
          const { sha } = targets.github.mergePullRequest(
            decodeURIComponent(match[1]),
            decodeURIComponent(match[2]),
            Number(match[3]),
            mergeMethod ? { mergeMethod } : undefined,
          );
          sendJson(res, 200, { merged: true, sha });
        } catch (error) {
          const message =
            error instanceof Error ? error.message : String(error);
          throw new ControlError(
            /no such|not found/i.test(message) ? 404 : 409,
            message,
          );
        }
      },
    ],
    [
      'PUT',
      /^\/clusters\/([^/]+)\/availability$/,
      async (req, res, match) => {
        const { status } = validate(availabilityBody, await readJsonBody(req));
        const name = decodeURIComponent(match[1]);
        try {
          targets.hub.setAvailability(name, status);
        } catch (error) {
          throw new ControlError(
            404,
            error instanceof Error ? error.message : String(error),
          );
        }
        sendJson(res, 200, { name, availability: status });
      },
    ],
    [
      'POST',
      /^\/clusters\/([^/]+)\/lease\/stop$/,
      (_req, res, match) => {
        const name = decodeURIComponent(match[1]);
        try {
          targets.hub.stopLease(name);
        } catch (error) {
          throw new ControlError(
            404,
            error instanceof Error ? error.message : String(error),
          );
        }
        sendJson(res, 202, { name, lease: 'stopped' });
      },
    ],
    [
      'POST',
      /^\/hub\/watches\/drop$/,
      (_req, res, _match, url) => {
        targets.hub.dropWatches(
          url.searchParams.get('mode') === 'destroy' ? 'destroy' : 'end',
        );
        sendNoContent(res);
      },
    ],
    [
      'POST',
      /^\/hub\/compact$/,
      (_req, res) => {
        targets.hub.compact();
        sendNoContent(res);
      },
    ],
    [
      'POST',
      /^\/argocd\/streams\/drop$/,
      (_req, res, _match, url) => {
        targets.argocd.dropStreams(
          url.searchParams.get('mode') === 'destroy' ? 'destroy' : 'end',
        );
        sendNoContent(res);
      },
    ],
    [
      'POST',
      /^\/faults$/,
      async (req, res) => {
        const rules = faultRules(await readJsonBody(req));
        sendJson(res, 201, { faults: targets.faults.add(rules) });
      },
    ],
    [
      'GET',
      /^\/faults$/,
      (_req, res) => sendJson(res, 200, { faults: targets.faults.list() }),
    ],
    [
      'DELETE',
      /^\/faults$/,
      (_req, res) => {
        targets.faults.clear();
        sendNoContent(res);
      },
    ],
    [
      'DELETE',
      /^\/faults\/([^/]+)$/,
      (_req, res, match) => {
        if (!targets.faults.remove(decodeURIComponent(match[1])))
          throw new ControlError(404, `no fault ${match[1]}`);
        sendNoContent(res);
      },
    ],
    [
      'GET',
      /^\/log$/,
      (_req, res, _match, url) => {
        const query = validate(logQuery, Object.fromEntries(url.searchParams));
        const entries = targets.log.list({
          upstream: query.upstream,
          since: query.since ? new Date(query.since) : undefined,
        });
        sendJson(res, 200, { count: entries.length, entries });
      },
    ],
    [
      'DELETE',
      /^\/log$/,
      (_req, res) => {
        targets.log.clear();
        sendNoContent(res);
      },
    ],
    [
      'POST',
      /^\/reconcile$/,
      async (_req, res) => {
        const result = await targets.argocd.reconcile();
        sendJson(res, 200, {
          reconciled: true,
          ...(typeof result === 'object' && result !== null ? result : {}),
        });
      },
    ],
  ];

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = url.pathname.replace(/\/+$/, '') || '/';
    const candidates = routes.filter(([, pattern]) => pattern.test(pathname));
    const route = candidates.find(([method]) => method === req.method);
    try {
      if (!route) {
        throw candidates.length > 0
          ? new ControlError(405, `${req.method} is not allowed on ${pathname}`)
          : new ControlError(404, `no control route ${req.method} ${pathname}`);
      }
      const match = route[1].exec(pathname);
      if (match) await route[2](req, res, match, url);
    } catch (error) {
      if (error instanceof ControlError)
        sendJson(res, error.status, { error: error.message });
      else throw error;
    }
  };
}
