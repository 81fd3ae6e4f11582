/*
 * A pass-through proxy in front of the simulated hub for the community OCM
 * backend: the simulator does not serve ACM's ManagedClusterInfo
 * (internal.open-cluster-management.io), which the community plugin lists
 * on every status request. The proxy answers that list with no items and
 * forwards everything else, streamed, to the hub over HTTPS with its CA.
 * The proxy itself serves HTTPS with the repository's test CA.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** The proxy serves HTTPS with the test CA (as a hub would), so clients verify TLS. */
const TLS_DIR = join(__dirname, '../src/__testUtils__/tls');

export interface HubInfoProxy {
  url: string;
  /** PEM of the CA that signed the proxy's certificate. */
  ca: string;
  /** ManagedClusterInfo requests the proxy answered itself. */
  infoRequests(): number;
  close(): Promise<void>;
}

export async function startHubInfoProxy(
  hubUrl: string,
  ca: string | undefined,
): Promise<HubInfoProxy> {
  const target = new URL(hubUrl);
  const agent = new https.Agent({ ca, keepAlive: true, maxSockets: 64 });
  let infoRequests = 0;
  const tls = {
    key: readFileSync(join(TLS_DIR, 'server.key')),
    cert: readFileSync(join(TLS_DIR, 'server.pem')),
  };
  const server = https.createServer(tls, (req, res) => {
    if (
      (req.url ?? '').includes('/apis/internal.open-cluster-management.io/')
    ) {
      infoRequests += 1;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          apiVersion: 'internal.open-cluster-management.io/v1beta1',
          kind: 'ManagedClusterInfoList',
          metadata: {},
          items: [],
        }),
      );
      return;
    }
    const upstream = https.request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: target.host },
        agent,
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ca: readFileSync(join(TLS_DIR, 'ca.pem'), 'utf8'),
    infoRequests: () => infoRequests,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}
