export interface BackgroundPaceOptions {
  /** Slack deliveries within `windowMs` above which responders are busy. Default 10 in 1 s. */
  busyAbove?: number;
  windowMs?: number;
  /** While busy, background jobs start at most this often a second. Default 5. */
  busyStartsPerSecond?: number;
}

/**
 * Gives Slack's interactions the event loop first. Slack waits 3 s for an acknowledgement, a subscriber
 * for its webhook or mail waits minutes without harm; on embedded PostgreSQL both run their queries on the
 * one event loop. While Slack deliveries arrive faster than `busyAbove` a window, work paced by this
 * starts its jobs no more than `busyStartsPerSecond` a second (jobs already running go on, so one slow
 * endpoint still holds up no one else); otherwise it runs at full speed.
 */
export class BackgroundPace {
  private readonly arrivals: number[] = [];
  private readonly opts: Required<BackgroundPaceOptions>;
  private lastStart = Number.NEGATIVE_INFINITY;

  constructor(
    options: BackgroundPaceOptions = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.opts = {
      busyAbove: options.busyAbove ?? 10,
      windowMs: options.windowMs ?? 1_000,
      busyStartsPerSecond: options.busyStartsPerSecond ?? 5,
    };
  }

  /** A Slack delivery arrived. */
  interaction = (): void => {
    this.arrivals.push(this.now());
    if (this.arrivals.length > this.opts.busyAbove * 4) this.forget();
  };

  /** True while Slack deliveries arrive faster than the threshold. */
  busy(): boolean {
    this.forget();
    return this.arrivals.length > this.opts.busyAbove;
  }

  /**
   * How many jobs may start now (at most `wanted`), and how long to wait when none may: all of them while
   * Slack is quiet, one per `1 / busyStartsPerSecond` while it is busy.
   */
  take(wanted: number): { start: number; waitMs: number } {
    if (wanted <= 0) return { start: 0, waitMs: 0 };
    if (!this.busy()) return { start: wanted, waitMs: 0 };
    const gap = 1_000 / this.opts.busyStartsPerSecond;
    const now = this.now();
    const waitMs = this.lastStart + gap - now;
    if (waitMs > 0) return { start: 0, waitMs };
    this.lastStart = now;
    return { start: 1, waitMs: 0 };
  }

  private forget(): void {
    const since = this.now() - this.opts.windowMs;
    let drop = 0;
    while (drop < this.arrivals.length && (this.arrivals[drop] ?? 0) < since) drop++;
    if (drop > 0) this.arrivals.splice(0, drop);
  }
}
