import { setTimeout as delay } from 'node:timers/promises';

/** How long one Web API call may take, and how often it is tried again after a 5xx, 429 or lost connection. */
export interface CallPolicy {
  timeoutMs: number;
  retries: number;
}

export type CallPolicies = { default: CallPolicy } & Record<string, CallPolicy>;

/** Listener calls answer a person who waits; `views.open` works once, within its trigger's 3 s. */
export const listenerPolicies: CallPolicies = {
  default: { timeoutMs: 5_000, retries: 2 },
  'views.open': { timeoutMs: 2_500, retries: 0 },
  'views.push': { timeoutMs: 2_500, retries: 0 },
};

/** The outbox retries whole jobs itself (after looking for what a lost try did): one try per call. */
export function outboxPolicies(timeoutMs: number): CallPolicies {
  return { default: { timeoutMs, retries: 0 } };
}

const MAX_RETRY_AFTER_MS = 3_000;

/**
 * A `fetch` for the Web API client that applies each method's policy: the client's own timeout and
 * retries are one setting for every method, which cannot serve both `views.open` and a history read.
 */
export function policyFetch(policies: CallPolicies, inner: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = new URL(url).pathname.split('/').pop() ?? '';
    const policy = policies[method] ?? policies.default;
    for (let attempt = 0; ; attempt++) {
      const timeout = AbortSignal.timeout(policy.timeoutMs);
      const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      let wait = 100 * 2 ** attempt;
      try {
        const response = await inner(input, { ...init, signal });
        const retryable = response.status >= 500 || response.status === 429;
        if (!retryable || attempt >= policy.retries) return response;
        if (response.status === 429) {
          const seconds = Number(response.headers.get('retry-after') ?? '1');
          if (seconds * 1000 > MAX_RETRY_AFTER_MS) return response;
          wait = Math.max(wait, seconds * 1000);
        }
        await response.body?.cancel();
      } catch (error) {
        if (attempt >= policy.retries) throw error;
      }
      await delay(wait);
    }
  };
}
