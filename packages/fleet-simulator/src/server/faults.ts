import { z } from 'zod';
import type { UpstreamName } from '../contracts';
import { seededRandom } from './random';

function isRegExp(text: string): boolean {
  try {
    return RegExp(text) instanceof RegExp;
  } catch {
    return false;
  }
}

/** What a rule does beyond a status; see the schema's description of `kind`. */
export const FAULT_KINDS = [
  'secondary-rate-limit',
  'refuse',
  'hang',
  'truncated',
  'wrong-shape',
  'oversized',
  'tls-unknown-ca',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** Kinds applied to a whole listener, not to one request. */
export const LISTENER_FAULT_KINDS: ReadonlySet<FaultKind> = new Set([
  'refuse',
  'tls-unknown-ca',
]);

/** A fault to inject into one upstream's responses. */
export const faultRuleSchema = z
  .object({
    upstream: z.enum(['github', 'argocd', 'hub']),
    method: z
      .string()
      .min(1)
      .optional()
      .describe('HTTP method to match (any when absent)'),
    pathPattern: z
      .string()
      .refine(isRegExp, 'must be a valid regular expression')
      .describe(
        'regular expression tested against the request path (no query)',
      ),
    latencyMs: z
      .number()
      .int()
      .min(0)
      .max(600_000)
      .optional()
      .describe('delay before answering'),
    errorRate: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('share of matching requests that fail (all when absent)'),
    status: z
      .number()
      .int()
      .min(100)
      .max(599)
      .optional()
      .describe('status of the injected error response'),
    headers: z.record(z.string()).optional(),
    body: z
      .unknown()
      .optional()
      .describe(
        'JSON body of the injected error (a realistic default when absent)',
      ),
    kind: z
      .enum(FAULT_KINDS)
      .optional()
      .describe(
        "secondary-rate-limit: GitHub's secondary rate limit 403; refuse: the upstream's listener is closed (connection refused) while the rule exists; hang: the request is accepted and never answered (the socket is closed when the rule goes); truncated: 200 with JSON cut off mid-object; wrong-shape: 200 with valid JSON of the wrong shape; oversized: the upstream's own answer, made sizeMegabytes (default 64) larger with whitespace (same data, hostile size); tls-unknown-ca: the hub presents a certificate of a CA nobody trusts while the rule exists (hub only: the others listen in plain HTTP)",
      ),
    sizeMegabytes: z
      .number()
      .positive()
      .max(512)
      .optional()
      .describe('size of an oversized body (default 64)'),
    times: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('how many requests the rule affects, then it is removed'),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.kind === 'tls-unknown-ca' && rule.upstream !== 'hub') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['kind'],
        message:
          'tls-unknown-ca applies to the hub only (ArgoCD and GitHub listen in plain HTTP)',
      });
    }
    if (rule.sizeMegabytes !== undefined && rule.kind !== 'oversized') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['sizeMegabytes'],
        message: 'only applies to kind oversized',
      });
    }
  });

export type FaultRuleInput = z.infer<typeof faultRuleSchema>;

/** A rule as stored: with its id and how many times it may still apply. */
export interface FaultRule extends FaultRuleInput {
  id: string;
  remaining?: number;
}

/** What an injected fault does to one request. */
export interface FaultDecision {
  ruleId: string;
  latencyMs: number;
  /** The rule's error (status/kind) when this request fails; absent for latency only. */
  error?: Pick<
    FaultRule,
    'status' | 'headers' | 'body' | 'kind' | 'sizeMegabytes'
  >;
}

/** Fault rules with a seeded random source for error rates. */
export class FaultInjector {
  private rules: Array<FaultRule & { pattern: RegExp }> = [];
  private nextId = 1;
  private readonly random: () => number;
  private readonly listeners = new Set<() => void>();

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  /** Called after every change of the rules (listener faults follow them). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Whether a listener-level rule of `kind` exists for `upstream`. */
  hasListenerFault(upstream: UpstreamName, kind: FaultKind): boolean {
    return this.rules.some(r => r.upstream === upstream && r.kind === kind);
  }

  /** Adds rules (validated with {@link faultRuleSchema} by the caller); returns them with ids. */
  add(inputs: FaultRuleInput[]): FaultRule[] {
    const added = inputs.map(input => ({
      ...input,
      id: `fault-${this.nextId++}`,
      remaining: input.times,
      pattern: new RegExp(input.pathPattern),
    }));
    this.rules.push(...added);
    this.changed();
    return added.map(({ pattern: _pattern, ...rule }) => rule);
  }

  list(): FaultRule[] {
    return this.rules.map(({ pattern: _pattern, ...rule }) => rule);
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter(rule => rule.id !== id);
    const removed = this.rules.length < before;
    if (removed) this.changed();
    return removed;
  }

  clear(): void {
    this.rules = [];
    this.changed();
  }

  /** The first rule matching a request, applied (its count decremented), or undefined. */
  decide(
    upstream: UpstreamName,
    method: string,
    path: string,
  ): FaultDecision | undefined {
    const rule = this.rules.find(
      r =>
        r.upstream === upstream &&
        !(r.kind && LISTENER_FAULT_KINDS.has(r.kind)) &&
        (r.method === undefined ||
          r.method.toUpperCase() === method.toUpperCase()) &&
        r.pattern.test(path),
    );
    if (!rule) return undefined;
    const hasError = rule.status !== undefined || rule.kind !== undefined;
    const fails =
      hasError &&
      (rule.errorRate === undefined || this.random() < rule.errorRate);
    if (!fails && !rule.latencyMs) return undefined;
    if (rule.remaining !== undefined) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.remove(rule.id);
    }
    return {
      ruleId: rule.id,
      latencyMs: rule.latencyMs ?? 0,
      error: fails
        ? {
            status: rule.status,
            headers: rule.headers,
            body: rule.body,
            kind: rule.kind,
            sizeMegabytes: rule.sizeMegabytes,
          }
        : undefined,
    };
  }
}
