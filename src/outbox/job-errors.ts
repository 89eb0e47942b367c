/** Thrown by effect handlers to steer the outbox worker. */

/** Try again after a wait that is not a failure (Slack's 429 `Retry-After`). */
export class RetryAfter extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'RetryAfter';
  }
}

/** Will never succeed (archived or missing channel…): record it and stop trying. */
export class PermanentFailure extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'PermanentFailure';
  }
}

/**
 * The call may have been performed (a timeout, a reset connection, a 5xx): the retry waits long enough
 * for a late call to land, then looks for what it did before doing it again.
 */
export class OutcomeUnknown extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'OutcomeUnknown';
  }
}
