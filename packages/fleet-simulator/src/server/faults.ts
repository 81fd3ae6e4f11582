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
      .enum(['secondary-rate-limit'])
      .optional()
      .describe("GitHub's secondary rate limit 403"),
    times: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('how many requests the rule affects, then it is removed'),
  })
  .strict();

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
  error?: Pick<FaultRule, 'status' | 'headers' | 'body' | 'kind'>;
}

/** Fault rules with a seeded random source for error rates. */
export class FaultInjector {
  private rules: Array<FaultRule & { pattern: RegExp }> = [];
  private nextId = 1;
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
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
    return added.map(({ pattern: _pattern, ...rule }) => rule);
  }

  list(): FaultRule[] {
    return this.rules.map(({ pattern: _pattern, ...rule }) => rule);
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter(rule => rule.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
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
          }
        : undefined,
    };
  }
}
