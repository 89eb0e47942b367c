import { App, HTTPReceiver, type Receiver } from '@slack/bolt';
import { LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { boltLogger } from './bolt-logger';
import { registerListeners } from './listeners/register';
import type { SlackContext } from './slack-context';

export interface SlackApp {
  app: App;
  /** HTTP mode: the listener for `POST /slack/events`; Socket Mode: undefined. */
  requestListener: HTTPReceiver['requestListener'] | undefined;
  mode: 'http' | 'socket';
  start(): Promise<void>;
  stop(): Promise<void>;
}

type SlackConfig = NonNullable<Config['slack']>;

function clientOptions(slack: SlackConfig, log: Logger): WebClientOptions {
  return {
    slackApiUrl: slack.apiUrl,
    logger: boltLogger(log, 'slack-web-api'),
    logLevel: LogLevel.WARN,
    timeout: 10_000,
    // Listener calls (views.open, ephemeral replies) are short-lived: fail fast rather than retry for minutes.
    retryConfig: { retries: 2, factor: 2, minTimeout: 100, maxTimeout: 1_000 },
  };
}

/** The Web API client the outbox uses: no retries of its own, 429s surface at once with their wait. */
export function createOutboxClient(slack: SlackConfig, log: Logger): WebClient {
  return new WebClient(slack.botToken, {
    ...clientOptions(slack, log),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
}

export async function createSlackApp(slack: SlackConfig, context: SlackContext): Promise<SlackApp> {
  const { log } = context;
  const logger = boltLogger(log, 'bolt');
  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (slack.appToken) {
    app = new App({
      token: slack.botToken,
      appToken: slack.appToken,
      socketMode: true,
      logger,
      clientOptions: clientOptions(slack, log),
      // The Socket Mode client opens its connection with its own Web API client: same URL, bounded retries.
      installerOptions: { clientOptions: clientOptions(slack, log) },
      deferInitialization: true,
    });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret ?? '',
      endpoints: '/slack/events',
      logger,
      processBeforeResponse: false,
      unhandledRequestTimeoutMillis: 2_900,
    });
    app = new App({
      token: slack.botToken,
      receiver: receiver as Receiver,
      logger,
      clientOptions: clientOptions(slack, log),
      deferInitialization: true,
    });
  }
  await app.init();
  app.error(async (error) => {
    const e = error as Error & { code?: string; original?: Error };
    log.error('slack: listener failed', { code: e.code, error: e.original?.message ?? e.message });
  });
  registerListeners(app, context);
  return {
    app,
    requestListener: receiver?.requestListener,
    mode: receiver ? 'http' : 'socket',
    start: async () => {
      if (!receiver) await app.start();
    },
    stop: async () => {
      if (!receiver) await app.stop();
    },
  };
}
