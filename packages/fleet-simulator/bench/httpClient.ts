import http from 'node:http';
import https from 'node:https';

/** A response body read in full, with how long the request took. */
export interface TimedResponse {
  status: number;
  bytes: number;
  ms: number;
  json: unknown;
}

const agents = {
  http: new http.Agent({ keepAlive: true }),
  https: new Map<string, https.Agent>(),
};

/** One request (HTTP or HTTPS trusting `ca`), timed from send to the last byte parsed. */
export function timedRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    ca?: string;
  } = {},
): Promise<TimedResponse> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  let agent: http.Agent = agents.http;
  if (secure) {
    const key = options.ca ?? '';
    agent =
      agents.https.get(key) ??
      new https.Agent({ keepAlive: true, ca: options.ca });
    agents.https.set(key, agent as https.Agent);
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      target,
      { method: options.method ?? 'GET', headers: options.headers, agent },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          try {
            const json: unknown = JSON.parse(body.toString('utf8'));
            resolve({
              status: res.statusCode ?? 0,
              bytes: body.length,
              ms: performance.now() - started,
              json,
            });
          } catch (error) {
            reject(
              new Error(
                `${url} answered ${
                  res.statusCode
                } with non-JSON: ${body.toString('utf8', 0, 200)}`,
              ),
            );
          }
        });
      },
    );
    request.on('error', reject);
    if (options.body) request.write(options.body);
    request.end();
  });
}

/** Median of the values. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}
