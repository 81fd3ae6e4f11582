/*
 * The production fetch of an upstream. With a CA or skipTLSVerify it is
 * undici's fetch with a dedicated Agent carrying this upstream's TLS
 * settings, so they never leak into the process (no global dispatcher, no
 * NODE_TLS_REJECT_UNAUTHORIZED); otherwise the global fetch.
 */
import { Agent, fetch as undiciFetch } from 'undici';
import type { UpstreamTls } from '../config/types';
import type { FetchLike } from './http';

/** A fetch for one upstream's TLS settings. */
export function createUpstreamFetch(tls: UpstreamTls): FetchLike {
  if (!tls.ca && !tls.skipTLSVerify) {
    return (url, init) => fetch(url, init);
  }
  const dispatcher = new Agent({
    connect: {
      ...(tls.ca ? { ca: tls.ca } : {}),
      rejectUnauthorized: !tls.skipTLSVerify,
    },
    keepAliveTimeout: 30_000,
    connections: 32,
  });
  return (url, init) => undiciFetch(url, { ...init, dispatcher });
}
