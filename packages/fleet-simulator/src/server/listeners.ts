import type { UpstreamHandler, UpstreamName } from '../contracts';
import type { FaultInjector } from './faults';
import type { RequestLog } from './requestLog';
import type { CannedResponse, UpstreamServer } from './upstreamServer';
import { startUpstreamServer } from './upstreamServer';

export type ListenerName = UpstreamName | 'control';

/** A listener whose handler is set once the upstream behind it exists (its URL must be known first). */
export interface PendingListener extends UpstreamServer {
  setHandler(handler: UpstreamHandler): void;
}

/** Options of {@link startListeners}. */
export interface ListenersOptions {
  ports: Record<ListenerName, number>;
  hubTls?: { cert: string; key: string };
  log: RequestLog;
  faults: FaultInjector;
  secondaryRateLimit?: () => CannedResponse;
  /** The hub's certificate of an unknown CA (fault kind `tls-unknown-ca`). */
  untrustedHubTls?: () => { cert: string; key: string };
}

const notReady: UpstreamHandler = (_req, res) => {
  res.writeHead(503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ message: 'fleet simulator is starting' }));
};

/**
 * Starts the four loopback listeners (control, ArgoCD, hub, GitHub), each
 * answering 503 until its handler is set. If one port is taken, the others
 * are closed and the error names the port.
 */
export async function startListeners(
  options: ListenersOptions,
): Promise<Record<ListenerName, PendingListener>> {
  const names: ListenerName[] = ['control', 'argocd', 'hub', 'github'];
  const started: Partial<Record<ListenerName, PendingListener>> = {};
  try {
    for (const name of names) {
      let current: UpstreamHandler = notReady;
      const server = await startUpstreamServer({
        name,
        port: options.ports[name],
        handler: (req, res) => current(req, res),
        tls: name === 'hub' ? options.hubTls : undefined,
        log: options.log,
        faults: options.faults,
        secondaryRateLimit: options.secondaryRateLimit,
        untrustedTls: name === 'hub' ? options.untrustedHubTls : undefined,
      }).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `cannot listen on 127.0.0.1:${options.ports[name]} for ${name} (scenario key ports.${name}): ${reason}`,
        );
      });
      started[name] = {
        ...server,
        setHandler(handler) {
          current = handler;
        },
      };
    }
  } catch (error) {
    await Promise.all(Object.values(started).map(listener => listener.close()));
    throw error;
  }
  const { control, argocd, hub, github } = started;
  if (!control || !argocd || !hub || !github)
    throw new Error('listeners did not start');
  return { control, argocd, hub, github };
}
