import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What the database says at scrape time (one query each, whatever the number of replicas). */
export interface MetricsSources {
  /** Jobs not yet done (pending or running) by kind, with the creation time of the oldest. */
  outboxBacklog(): Promise<{ kind: string; jobs: number; oldestCreatedAt: Date }[]>;
  /** Unresolved incidents by impact and visibility. */
  openIncidents(): Promise<{ impact: string; visibility: string; count: number }[]>;
}

export type SlackCallOutcome = 'ok' | 'error' | '429';

/**
 * Every metric family of SPEC §15 on one registry per service (tests run several services in one
 * process; each scrape shows its own).
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'sitrep_http_requests_total',
    help: 'HTTP requests answered, by route (the pattern, not the path) and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'sitrep_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being sent, by route.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly slackAck = new Histogram({
    name: 'sitrep_slack_ack_duration_seconds',
    help: 'Time from a Slack delivery being handed to Bolt to its acknowledgement (Slack allows 3 s).',
    labelNames: ['type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [this.registry],
  });

  readonly slackApiCalls = new Counter({
    name: 'sitrep_slack_api_calls_total',
    help: 'Slack Web API calls by method and outcome: ok, error (a Slack error or a failed request), 429.',
    labelNames: ['method', 'outcome'] as const,
    registers: [this.registry],
  });

  /** Incremented by whoever delivers to email and webhook subscribers. */
  readonly subscriberDeliveries = new Counter({
    name: 'sitrep_subscriber_deliveries_total',
    help: 'Deliveries to status-page subscribers, by channel (email, webhook) and outcome (ok, failed).',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(sources?: MetricsSources, now: () => Date = () => new Date()) {
    collectDefaultMetrics({ register: this.registry });
    if (sources) this.addDatabaseGauges(sources, now);
  }

  private addDatabaseGauges(sources: MetricsSources, now: () => Date): void {
    // Both outbox gauges report the kinds either has seen.
    const seenKinds = new Map<string, { kind: string }>();
    scrapedGauge(this.registry, {
      name: 'sitrep_outbox_jobs',
      help: 'Outbox jobs not yet done (pending or running), by kind.',
      labelNames: ['kind'],
      seen: seenKinds,
      read: async () =>
        (await sources.outboxBacklog()).map((row) => ({ labels: { kind: row.kind }, value: row.jobs })),
    });
    scrapedGauge(this.registry, {
      name: 'sitrep_outbox_oldest_job_age_seconds',
      help: 'Age of the oldest outbox job not yet done, by kind (0 when there is none).',
      labelNames: ['kind'],
      seen: seenKinds,
      read: async () => {
        const rows = await sources.outboxBacklog();
        const at = now().getTime();
        return rows.map((row) => ({
          labels: { kind: row.kind },
          value: Math.max(0, (at - row.oldestCreatedAt.getTime()) / 1000),
        }));
      },
    });
    scrapedGauge(this.registry, {
      name: 'sitrep_incidents_open',
      help: 'Unresolved incidents by impact and visibility.',
      labelNames: ['impact', 'visibility'],
      read: async () =>
        (await sources.openIncidents()).map(({ impact, visibility, count }) => ({
          labels: { impact, visibility },
          value: count,
        })),
    });
  }

  /** The Prometheus text exposition of every family. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/**
 * A gauge set from the database at each scrape. A label set once seen is reported at 0 when it has
 * nothing left, rather than vanishing; gauges over the same rows may share what they have seen.
 */
function scrapedGauge<L extends string>(
  registry: Registry,
  options: {
    name: string;
    help: string;
    labelNames: readonly L[];
    read: () => Promise<{ labels: Record<L, string>; value: number }[]>;
    seen?: Map<string, Record<L, string>>;
  },
): void {
  const { read, labelNames } = options;
  const seen = options.seen ?? new Map<string, Record<L, string>>();
  new Gauge({
    name: options.name,
    help: options.help,
    labelNames,
    registers: [registry],
    async collect() {
      const samples = await read();
      this.reset();
      for (const labels of seen.values()) this.set(labels, 0);
      for (const { labels, value } of samples) {
        seen.set(labelNames.map((name) => labels[name]).join('/'), labels);
        this.set(labels, value);
      }
    },
  });
}
