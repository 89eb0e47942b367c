import { silentLogger } from '../../src/logger';
import { BackgroundPace } from '../../src/outbox/background-pace';
import type { ClaimedJob, OutboxJobs } from '../../src/outbox/job-store';
import { type EffectHandlers, OutboxWorker } from '../../src/outbox/outbox-worker';

describe('BackgroundPace', () => {
  it('is busy only while Slack deliveries arrive faster than the threshold, and forgets old ones', () => {
    let now = 0;
    const pace = new BackgroundPace({ busyAbove: 3, windowMs: 1_000 }, () => now);
    for (let i = 0; i < 3; i++) pace.interaction();
    expect(pace.busy()).toBe(false);
    pace.interaction();
    expect(pace.busy()).toBe(true);
    now = 1_500;
    expect(pace.busy()).toBe(false);
  });

  it('lets all wanted jobs start while quiet, and one per gap while busy', () => {
    let now = 0;
    const pace = new BackgroundPace({ busyAbove: 0, busyStartsPerSecond: 5 }, () => now);
    expect(pace.take(8)).toEqual({ start: 8, waitMs: 0 });
    pace.interaction();
    expect(pace.take(8)).toEqual({ start: 1, waitMs: 0 });
    now = 50;
    expect(pace.take(8)).toEqual({ start: 0, waitMs: 150 });
    now = 200;
    pace.interaction();
    expect(pace.take(8)).toEqual({ start: 1, waitMs: 0 });
  });
});

/** Jobs in separate queues, all due: the store hands out as many as asked, and notes how many that was. */
function memoryJobs(count: number): OutboxJobs & { done: number; asked: number[] } {
  const pending: ClaimedJob[] = Array.from({ length: count }, (_, i) => ({
    id: BigInt(i + 1),
    queue: `subscriber:s${i}`,
    incidentId: 'i1',
    attempts: 1,
    payload: {
      kind: 'subscriber.incident_update',
      subscriberId: `s${i}`,
      incidentId: 'i1',
      incidentNumber: 1,
      updateId: 'u1',
    },
  }));
  const store = {
    done: 0,
    asked: [] as number[],
    async enqueue() {},
    async claim(_worker: string, limit: number) {
      if (pending.length > 0) store.asked.push(limit);
      return pending.splice(0, limit);
    },
    async renew() {},
    async release() {
      return 0;
    },
    async complete() {
      store.done += 1;
    },
    async retry() {},
    async fail() {},
    async hasEarlierFailure() {
      return false;
    },
  };
  return store;
}

/** Runs six jobs, the first of which waits until all the others are done; Slack busy throughout or not. */
async function run(busy: boolean): Promise<{ asked: number[]; done: number }> {
  const pace = new BackgroundPace({ busyAbove: 10, busyStartsPerSecond: 50 });
  const slack = busy ? setInterval(() => pace.interaction(), 2) : undefined;
  for (let i = 0; busy && i < 20; i++) pace.interaction();
  const jobs = memoryJobs(6);
  let first = true;
  const handlers = {
    'subscriber.incident_update': {
      does: 'deliver',
      async perform() {
        if (!first) return;
        first = false;
        while (jobs.done < 5) await new Promise((resolve) => setTimeout(resolve, 5));
      },
    },
  } as unknown as EffectHandlers;
  const worker = new OutboxWorker(jobs, handlers, silentLogger, { concurrency: 4, pollMs: 10, pace });
  worker.start();
  while (jobs.done < 6) await new Promise((resolve) => setTimeout(resolve, 10));
  await worker.stop();
  clearInterval(slack);
  return jobs;
}

describe('an outbox worker paced behind Slack', () => {
  it('claims its jobs side by side while Slack is quiet', async () => {
    const { asked, done } = await run(false);
    expect(done).toBe(6);
    expect(asked[0]).toBe(4);
  });

  it('starts one job at a time while Slack deliveries keep arriving, past a job that waits', async () => {
    const { asked, done } = await run(true);
    expect(done).toBe(6);
    expect(asked).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
