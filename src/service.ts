import { loadCatalog } from './catalog/load-catalog';
import { composeOutbox, type SlackOutbox } from './compose-outbox';
import { openMailer, subscriberDeliveryDeps, subscriberOnlyOutbox } from './compose-subscribers';
import type { Config } from './config';
import { namingCorrectedIncidentInLogs, namingIncidentInLogs } from './incident-log-fields';
import { createIncidentService } from './incidents/incident-service';
import type { Component } from './incidents/model';
import { type Clock, systemClock } from './incidents/ports';
import type { Logger } from './logger';
import { createMaintenanceService } from './maintenance/maintenance-service';
import type { MaintenanceClockPass } from './maintenance/run-maintenance-clock';
import { Metrics } from './metrics/metrics';
import { BackgroundPace } from './outbox/background-pace';
import type { OutboxWorker, OutboxWorkerOptions } from './outbox/outbox-worker';
import { Periodic } from './periodic';
import { isConnectionFailure } from './persistence/connection-failure';
import { type Database, openDatabase } from './persistence/open-database';
import { OutboxStore } from './persistence/outbox-store';
import { PrismaAnnouncements } from './persistence/prisma-announcements';
import { PrismaComponentCatalog } from './persistence/prisma-component-catalog';
import { PrismaCorrections } from './persistence/prisma-corrections';
import { PrismaExportReader } from './persistence/prisma-export-reader';
import { PrismaHousekeeping } from './persistence/prisma-housekeeping';
import { PrismaIncidentRepository } from './persistence/prisma-incident-repository';
import { PrismaMaintenanceAnnouncements } from './persistence/prisma-maintenance-announcements';
import { PrismaMaintenanceClock } from './persistence/prisma-maintenance-clock';
import { PrismaMaintenanceReader } from './persistence/prisma-maintenance-reader';
import { PrismaMaintenanceRepository } from './persistence/prisma-maintenance-repository';
import { PrismaMetricsSource } from './persistence/prisma-metrics-source';
import { PrismaNotes } from './persistence/prisma-notes';
import { PrismaStatusReader } from './persistence/prisma-status-reader';
import { PrismaSubscribers } from './persistence/prisma-subscribers';
import { createSlackApp, type SlackApp } from './slack/create-slack-app';
import type { SlackContext } from './slack/slack-context';
import { ChannelMembership } from './slack/viewer';
import type { Mailer } from './subscribers/ports';
import { createWebhookManagement } from './subscribers/webhook-management';
import { createWebApp, type WebApp } from './web/app';
import { clientAddress } from './web/client-address';

export interface ServiceOptions {
  /** An already-open database (tests); it is left open on stop. */
  database?: Database;
  clock?: Clock;
  outbox?: OutboxWorkerOptions;
  /** Run the outbox worker in this process (default true). */
  runOutbox?: boolean;
  /** How often reminders and channel archiving are looked for (default one minute). */
  housekeepingIntervalMs?: number;
  /** How often the maintenance clock runs (default 30 s, so transitions land within a minute). */
  maintenanceClockIntervalMs?: number;
  /** How long the outbox waits for one Web API call (default 10 s). */
  slackTimeoutMs?: number;
}

export interface Service {
  url: string;
  db: Database;
  slack: SlackApp | undefined;
  outbox: Pick<OutboxWorker, 'notify'> | undefined;
  /** Mail to subscribers over SMTP_URL; undefined when email subscriptions are off. */
  mailer: Mailer | undefined;
  /** One pass of reminders and channel archiving, as the periodic loop runs it. */
  housekeep(now?: Date): Promise<{ reminders: number; archives: number }>;
  /** One pass of the maintenance clock (SPEC §12), as its periodic loop runs it. */
  maintenanceClock(now?: Date): Promise<MaintenanceClockPass>;
  /** Stops intake, finishes in-flight work, closes the database (unless it was given). */
  stop(): Promise<void>;
}

const slackHowTo =
  'Slack is off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode), or SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode), to turn it on.';

export async function startService(
  config: Config,
  log: Logger,
  options: ServiceOptions = {},
): Promise<Service> {
  const clock = options.clock ?? systemClock;
  const started = Date.now();
  // A malformed catalog stops start-up before anything is created on disk.
  const loaded = loadCatalog(config.componentsFile);
  const db =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      onMigrationWait: () => log.info('database: another replica is migrating; waiting for it to finish'),
    }));
  if (!options.database) {
    log.info(
      db.kind === 'embedded'
        ? `database: embedded PostgreSQL in ${config.dataDir}`
        : 'database: PostgreSQL server',
      { migrationsApplied: db.appliedMigrations.length },
    );
  }
  let components: Component[] = [];
  let stopping = false;
  let slack: SlackApp | undefined;
  let outbox: SlackOutbox | undefined;
  let http: WebApp | undefined;
  let url = '';
  const signal = () => outbox?.notify();
  const store = new OutboxStore(db.prisma, signal);
  // Its writes are the ones public pages show: drop their cached bodies once committed.
  const incidentChanged = () => {
    signal();
    http?.publicChanged();
  };
  // Every line logged once a delivery, request or job has read or written an incident names it.
  const incidents = namingIncidentInLogs(new PrismaIncidentRepository(db.prisma, incidentChanged));
  const catalog = new PrismaComponentCatalog(db.prisma);
  // A correction changes public pages as much as a new update does.
  const corrections = namingCorrectedIncidentInLogs(
    new PrismaCorrections(db.prisma, incidents, incidentChanged),
  );
  const service = createIncidentService(
    {
      incidents,
      catalog,
      notes: new PrismaNotes(db.prisma),
      outbox: store,
      housekeeping: new PrismaHousekeeping(db.prisma, signal),
      clock,
      corrections,
    },
    {
      announceChannelIds: config.announceChannelIds,
      privateAnnounceChannelIds: config.privateAnnounceChannelIds,
      createIncidentChannels: config.createIncidentChannels,
      managerUserIds: config.managerUserIds,
      timeZone: config.displayTimeZone,
      updateReminderMinutes: config.updateReminderMinutes,
      archiveChannelsAfterDays: config.archiveChannelsAfterDays,
    },
  );
  const housekeep = (now?: Date) => service.runHousekeeping(now);
  // Maintenances show on public pages too: their commits drop the cached bodies as incidents' do.
  const maintenanceChanged = incidentChanged;
  const maintenances = new PrismaMaintenanceRepository(db.prisma, maintenanceChanged);
  const maintenance = createMaintenanceService(
    { maintenances, clockStore: new PrismaMaintenanceClock(db.prisma, maintenanceChanged), catalog, clock },
    { announceChannelIds: config.announceChannelIds },
  );
  let maintenanceClock: Periodic | undefined;
  const mailer = openMailer(config, log);
  const subscriberStore = new PrismaSubscribers(db.prisma, signal);
  try {
    if (loaded.status === 'missing') {
      log.info(
        `catalog: ${config.componentsFile} not found, the component catalog is empty. Copy components.example.yml to components.yml (or set COMPONENTS_FILE) to fill it.`,
      );
    } else {
      const result = await catalog.sync(loaded.entries);
      log.info(`catalog: ${result.total} components from ${loaded.path}`, {
        added: result.added,
        updated: result.updated,
        archived: result.archived,
      });
    }
    components = await catalog.listActive();

    const context: SlackContext = {
      config,
      log,
      clock,
      service,
      incidents,
      people: incidents,
      catalog,
      announcements: new PrismaAnnouncements(db.prisma),
      corrections,
      outbox: store,
      maintenance,
      maintenances,
      maintenanceAnnouncements: new PrismaMaintenanceAnnouncements(db.prisma),
      webhooks: createWebhookManagement(
        { subscribers: new PrismaSubscribers(db.prisma), catalog, clock },
        { managerUserIds: config.managerUserIds, allowPrivate: config.webhookAllowPrivate },
      ),
      membership: new ChannelMembership(),
      components: () => components,
      isDatabaseUnreachable: isConnectionFailure,
    };

    const metrics = new Metrics(new PrismaMetricsSource(db.prisma), () => clock.now());
    const statusReader = new PrismaStatusReader(db.prisma);
    const maintenanceReader = new PrismaMaintenanceReader(db.prisma);
    const subscribers = subscriberDeliveryDeps({
      config,
      db,
      signal,
      subscribers: subscriberStore,
      reader: statusReader,
      maintenances: maintenanceReader,
      mailer,
      clock,
      log,
      metrics,
    });
    if (config.slack) {
      // Subscriber deliveries give way to Slack's 3-second acknowledgements (SPEC §16).
      const pace = new BackgroundPace();
      slack = await createSlackApp(config.slack, context, metrics, pace.interaction);
      if (options.runOutbox ?? true) {
        outbox = composeOutbox(config.slack, context, store, housekeep, {
          ...options,
          metrics,
          subscribers,
          pace,
        });
        const every = options.maintenanceClockIntervalMs ?? 30_000;
        maintenanceClock = new Periodic('maintenance clock', every, () => maintenance.runClock(), log);
      }
    } else {
      log.info(slackHowTo);
      if (mailer && (options.runOutbox ?? true)) {
        outbox = subscriberOnlyOutbox(store, subscribers, log, options.outbox);
      }
    }

    http = createWebApp({
      log,
      metrics: {
        metrics,
        token: config.metricsToken,
        // Behind a load balancer every peer is the balancer: the client is the address it added.
        clientAddress: (request) => clientAddress(request, config.trustProxy),
      },
      readiness: db,
      isStopping: () => stopping,
      slackEvents: slack?.requestListener,
      slackOff: config.slack ? undefined : slackHowTo,
      status: {
        reader: statusReader,
        maintenances: maintenanceReader,
        changes: statusReader,
        // Embedded data has one process; on a server, other replicas' writes show within a second.
        pollMs: db.kind === 'postgres' ? 1_000 : 0,
        orgName: config.orgName,
        timeZone: config.displayTimeZone,
        publicBaseUrl: config.publicBaseUrl,
        clock,
        emailSubscriptions: mailer !== undefined,
      },
      subscriptions: {
        subscribers: subscriberStore,
        email: mailer !== undefined,
        componentKeys: () => new Set(components.map((c) => c.key)),
        orgName: config.orgName,
        clock,
      },
      limits: { ratePerSecond: config.publicRateLimit, trustProxy: config.trustProxy },
      exports: {
        reader: new PrismaExportReader(db.prisma, incidents),
        exportApiToken: config.exportApiToken,
        orgName: config.orgName,
        timeZone: config.displayTimeZone,
        clock,
      },
    });
    url = await http.listen(config.port, config.host);
    await slack?.start();
    outbox?.start();
    maintenanceClock?.start();
    log.info(`listening on ${url}`, {
      slack: slack ? slack.mode : 'off',
      readyInMs: Date.now() - started,
    });
  } catch (error) {
    await http?.close();
    mailer?.close();
    if (!options.database) await db.close();
    throw error;
  }

  const listener = http;
  return {
    url,
    db,
    slack,
    outbox,
    mailer,
    housekeep,
    maintenanceClock: (now?: Date) => maintenance.runClock(now),
    async stop() {
      if (stopping) return;
      stopping = true;
      await listener.close();
      await maintenanceClock?.stop();
      await slack?.stop();
      await outbox?.stop();
      mailer?.close();
      if (!options.database) await db.close();
      log.info('stopped');
    },
  };
}
