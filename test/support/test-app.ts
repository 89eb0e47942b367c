import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/incidents/ports';
import { createLogger, type Logger, silentLogger } from '../../src/logger';
import type { OutboxWorkerOptions } from '../../src/outbox/outbox-worker';
import type { Database } from '../../src/persistence/open-database';
import { type Service, startService } from '../../src/service';
import { type FakeSlack, startFakeSlack } from './fake-slack';
import { SlackDriver } from './slack-driver';
import { freshEmbeddedDatabase } from './test-database';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

export interface TestAppOptions {
  /** Extra environment (SPEC §3 names). */
  env?: Record<string, string>;
  /** components.yml content; default the Vero example catalog. */
  catalog?: string | null;
  database?: Database;
  fake?: FakeSlack;
  clock?: Clock;
  outbox?: OutboxWorkerOptions;
  runOutbox?: boolean;
  /** Where the service logs (default: nowhere, or stderr with SITREP_TEST_LOG set). */
  log?: Logger;
  /** How long the outbox waits for one Web API call. */
  slackTimeoutMs?: number;
}

export interface TestApp {
  service: Service;
  db: Database;
  fake: FakeSlack;
  slack: SlackDriver;
  url: string;
  /** Stops the service (not the database nor the fake, unless `everything`). */
  stop(options?: { everything?: boolean }): Promise<void>;
  /** Stops everything this helper opened. */
  close(): Promise<void>;
}

export const veroCatalog = `components:
  - key: vero1-ingestion-api
    name: Ingestion API
    group: Vero 1.0
  - key: general-ui
    name: General UI access and speed
  - key: transactional-emails
    name: Transactional emails
  - key: vero1-newsletter-processing
    name: Newsletter processing
    group: Vero 1.0
  - key: workflows
    name: Workflows
  - key: behavioral-emails
    name: Behavioral emails
  - key: vero2-ui
    name: UI
    group: Vero 2.0
  - key: vero2-newsletter-processing
    name: Newsletter processing
    group: Vero 2.0
`;

/** The real service (real Bolt, real HTTP, real database) wired to a fake Slack Web API. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownsFake = !options.fake;
  const ownsDb = !options.database;
  const fake = options.fake ?? (await startFakeSlack());
  const db = options.database ?? (await freshEmbeddedDatabase());
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-app-'));
  const catalogFile = join(dir, 'components.yml');
  const catalog = options.catalog === undefined ? veroCatalog : options.catalog;
  if (catalog !== null) writeFileSync(catalogFile, catalog);
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    COMPONENTS_FILE: catalogFile,
    ORG_NAME: 'Vero',
    PUBLIC_BASE_URL: 'https://status.example.test',
    LOG_LEVEL: 'warn',
    ...options.env,
  });
  const log = options.log ?? (process.env.SITREP_TEST_LOG ? createLogger('debug') : silentLogger);
  const service = await startService(config, log, {
    database: db,
    clock: options.clock,
    outbox: {
      backoffBaseMs: 50,
      backoffMaxMs: 500,
      pollMs: 100,
      unknownOutcomeDelayMs: 200,
      drainMs: 2_000,
      ...options.outbox,
    },
    slackTimeoutMs: options.slackTimeoutMs,
    runOutbox: options.runOutbox,
  });
  const slack = new SlackDriver({
    eventsUrl: `${service.url}/slack/events`,
    signingSecret: config.slack?.signingSecret ?? SIGNING_SECRET,
    fake,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await service.stop();
  };
  return {
    service,
    db,
    fake,
    slack,
    url: service.url,
    stop: async (o) => {
      await stop();
      if (o?.everything) {
        if (ownsDb) await db.close();
        if (ownsFake) await fake.close();
      }
    },
    close: async () => {
      await stop();
      if (ownsDb) await db.close();
      if (ownsFake) await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
