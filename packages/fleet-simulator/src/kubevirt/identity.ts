import { createHash } from 'node:crypto';

function digest(seed: string): Buffer {
  return createHash('sha1').update(seed).digest();
}

/** A stable UUID derived from a seed (same seed, same uid). */
export function uidFrom(seed: string): string {
  const hex = digest(seed).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(
    13,
    16,
  )}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stable pod-network IPv4 address (10.128.0.0/14) for a seed. */
export function podIpFrom(seed: string): string {
  const bytes = digest(seed);
  return `10.${128 + (bytes[0] % 4)}.${bytes[1]}.${2 + (bytes[2] % 250)}`;
}

/** A stable locally administered MAC address for a seed. */
export function macFrom(seed: string): string {
  const bytes = digest(`mac:${seed}`);
  return [
    '02',
    ...[...bytes.subarray(0, 5)].map(b => b.toString(16).padStart(2, '0')),
  ].join(':');
}

/** A stable 5-character pod-name suffix, as Kubernetes generates for pods. */
export function podSuffixFrom(seed: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...digest(`pod:${seed}`).subarray(0, 5)]
    .map(b => alphabet[b % alphabet.length])
    .join('');
}

/** Picks one of `choices` stably for a seed. */
export function pickFrom<T>(choices: readonly T[], seed: string): T {
  return choices[digest(`pick:${seed}`)[0] % choices.length];
}
