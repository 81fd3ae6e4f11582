import type { UpstreamName } from '../contracts';

/** One request an upstream answered. */
export interface RequestLogEntry {
  upstream: UpstreamName;
  method: string;
  path: string;
  /** The raw query string without `?` (empty when none). */
  query: string;
  status: number;
  durationMs: number;
  /** When the request arrived (real time, ISO 8601). */
  time: string;
  /** Set when an injected fault answered or delayed the request. */
  faultId?: string;
}

/** Keeps the last requests of each upstream, for tests and benchmarks to count calls. */
export class RequestLog {
  private readonly entries = new Map<UpstreamName, RequestLogEntry[]>();

  constructor(private readonly maxEntriesPerUpstream = 50_000) {}

  add(entry: RequestLogEntry): void {
    const list = this.entries.get(entry.upstream) ?? [];
    list.push(entry);
    if (list.length > this.maxEntriesPerUpstream * 1.25)
      list.splice(0, list.length - this.maxEntriesPerUpstream);
    this.entries.set(entry.upstream, list);
  }

  /** Entries of one upstream (or all, oldest first), from `since` on when given. */
  list(
    options: { upstream?: UpstreamName; since?: Date } = {},
  ): RequestLogEntry[] {
    const lists = options.upstream
      ? [this.entries.get(options.upstream) ?? []]
      : [...this.entries.values()];
    const since = options.since?.getTime();
    const all = lists
      .flat()
      .filter(e => since === undefined || Date.parse(e.time) >= since);
    return options.upstream
      ? all
      : all.sort((a, b) => a.time.localeCompare(b.time));
  }

  clear(upstream?: UpstreamName): void {
    if (upstream) this.entries.delete(upstream);
    else this.entries.clear();
  }
}
