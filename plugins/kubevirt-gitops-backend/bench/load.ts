/*
 * The load generator: N clients in a loop for a fixed time, each sending its
 * next request as soon as the previous answer is read. Latency is measured
 * per request, from send to the last byte of the body. Bodies are read as
 * sent (gzip when the server compresses) and not decompressed: decompression
 * is the client machine's work, and here the clients share two cores with
 * the backend.
 */
import http from 'node:http';

export interface LoadResult {
  type: 'result';
  requests: number;
  errors: number;
  statuses: Record<number, number>;
  /** Bytes received (as sent on the wire). */
  bytes: number;
  p50: number;
  p99: number;
  max: number;
  seconds: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

function get(
  agent: http.Agent,
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers }, response => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, bytes }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** Runs `clients` loops for `seconds`; `url(i)` picks the URL of request i. */
export async function runLoad(options: {
  clients: number;
  seconds: number;
  url: (sequence: number) => string;
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: options.clients,
  });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let bytes = 0;
  let sequence = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  async function client() {
    while (performance.now() < deadline) {
      const url = options.url(sequence);
      sequence += 1;
      const sent = performance.now();
      try {
        const response = await get(agent, url, options.headers ?? {});
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        bytes += response.bytes;
        if (response.status >= 400) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - sent);
    }
  }
  await Promise.all(Array.from({ length: options.clients }, client));
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    type: 'result',
    requests: latencies.length,
    errors,
    statuses,
    bytes,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    seconds: (performance.now() - started) / 1000,
  };
}
