import http from 'node:http';

export interface SseReader {
  /** Parsed `data:` frames received so far. */
  events: unknown[];
  /** Waits until at least `count` frames arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<unknown[]>;
  close(): void;
}

/** Opens a server-sent events stream and collects its JSON `data:` frames. */
export function openSse(url: string, token: string): Promise<SseReader> {
  return new Promise((resolve, reject) => {
    const events: unknown[] = [];
    let buffer = '';
    const request = http.get(
      url,
      {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'text/event-stream',
        },
      },
      response => {
        if (response.statusCode !== 200) {
          reject(new Error(`stream answered ${response.statusCode}`));
          return;
        }
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (frame.startsWith('data: '))
              events.push(JSON.parse(frame.slice(6)));
            end = buffer.indexOf('\n\n');
          }
        });
        resolve({
          events,
          async waitFor(count, timeoutMs = 5000) {
            const deadline = Date.now() + timeoutMs;
            while (events.length < count) {
              if (Date.now() > deadline)
                throw new Error(`got ${events.length} of ${count} events`);
              await new Promise(r => setTimeout(r, 10));
            }
            return events;
          },
          close: () => request.destroy(),
        });
      },
    );
    request.on('error', error => {
      if (!request.destroyed) reject(error);
    });
  });
}
