/** Injected failures: faults by count or for a while, stalls before a call, answers held after it. */
import type { Fault } from './types';

interface FaultWindow {
  method: string;
  fault: Fault;
  ms: number;
  /** Set by the first call the window answers. */
  until: number | undefined;
}

interface DelayRule {
  method: string;
  ms: number;
  remaining: number;
}

/** The upload URL and response URLs are not Web API methods: a queued `*` fault does not reach them. */
const NOT_API = new Set(['upload', 'response_url']);

function matches(rule: { method: string }, method: string): boolean {
  return rule.method === method || rule.method === '*';
}

export class Faults {
  private queues = new Map<string, Fault[]>();
  private windows: FaultWindow[] = [];
  private stalls: DelayRule[] = [];
  private lateAnswers: DelayRule[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  failNext(method: string, fault: Fault, times: number): void {
    const queue = this.queues.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(fault);
    this.queues.set(method, queue);
  }

  failFor(method: string, fault: Fault, ms: number): void {
    this.windows.push({ method, fault, ms, until: undefined });
  }

  stall(method: string, ms: number, times: number): void {
    this.stalls.push({ method, ms, remaining: times });
  }

  answerLate(method: string, ms: number, times: number): void {
    this.lateAnswers.push({ method, ms, remaining: times });
  }

  clear(): void {
    this.queues.clear();
    this.windows = [];
    this.stalls = [];
    this.lateAnswers = [];
  }

  /** Stops every pending delay at once (the fake is closing). */
  cancelTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  take(method: string): Fault | undefined {
    for (const key of [method, '*']) {
      if (key === '*' && NOT_API.has(method)) continue;
      const next = this.queues.get(key)?.shift();
      if (next) return next;
    }
    const now = Date.now();
    this.windows = this.windows.filter((w) => w.until === undefined || w.until > now);
    const window = this.windows.find((w) => matches(w, method));
    if (window) window.until ??= now + window.ms;
    return window?.fault;
  }

  /** Waits out a stall before the call is performed. */
  beforeCall(method: string): Promise<void> {
    return this.delay(this.stalls, method);
  }

  /** Waits out a held answer after the call was performed. */
  beforeAnswer(method: string): Promise<void> {
    return this.delay(this.lateAnswers, method);
  }

  private async delay(rules: DelayRule[], method: string): Promise<void> {
    const rule = rules.find((s) => matches(s, method) && s.remaining > 0);
    if (!rule) return;
    rule.remaining -= 1;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, rule.ms);
      this.timers.add(timer);
    });
  }
}
