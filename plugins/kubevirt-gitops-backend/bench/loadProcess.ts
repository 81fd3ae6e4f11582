/*
 * Child process of the benchmark: runs one load phase (so the clients' CPU
 * and memory stay out of the backend's figures) and reports the result.
 */
import { runLoad } from './load';

export interface LoadRequest {
  clients: number;
  seconds: number;
  urls: string[];
  /** The clients' Accept-Encoding (default gzip, as a browser sends). */
  acceptEncoding?: string;
}

process.on('message', (message: LoadRequest | { type: string }) => {
  if (!('urls' in message)) return;
  runLoad({
    clients: message.clients,
    seconds: message.seconds,
    url: sequence => message.urls[sequence % message.urls.length],
    headers: { 'accept-encoding': message.acceptEncoding ?? 'gzip' },
  }).then(
    result => {
      process.send?.(result);
      process.exit(0);
    },
    error => {
      process.stderr.write(`load failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
});
