import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  App,
  defaultBodyLimit,
  HTTPModuleFunctions,
  HTTPReceiver,
  isRawBodyError,
  type Receiver,
  type ReceiverEvent,
} from '@slack/bolt';
import { LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import { countingFetch } from '../metrics/slack-fetch';
import { boltLogger } from './bolt-logger';
import { listenerPolicies, outboxPolicies, policyFetch } from './call-policy';
import { registerListeners } from './listeners/register';
import { observeDeliveries } from './observe-deliveries';
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

const defaultApiUrl = 'https://slack.com/api/';

/**
 * Timeouts and retries come per method from the policy (listener calls are short-lived and `views.open`
 * works once: fail fast rather than retry for minutes); the client itself neither times out nor retries.
 */
function clientOptions(
  slack: SlackConfig,
  log: Logger,
  metrics?: Metrics,
  policies = listenerPolicies,
): WebClientOptions {
  const counted = metrics && countingFetch(metrics, slack.apiUrl ?? defaultApiUrl);
  return {
    slackApiUrl: slack.apiUrl,
    fetch: policyFetch(policies, counted),
    logger: boltLogger(log, 'slack-web-api'),
    logLevel: LogLevel.WARN,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
}

/** The Web API client the outbox uses: one try per call, 429s surface at once with their wait. */
export function createOutboxClient(
  slack: SlackConfig,
  log: Logger,
  metrics?: Metrics,
  timeoutMs = 10_000,
): WebClient {
  return new WebClient(slack.botToken, clientOptions(slack, log, metrics, outboxPolicies(timeoutMs)));
}

export async function createSlackApp(
  slack: SlackConfig,
  context: SlackContext,
  metrics?: Metrics,
  onDelivery?: () => void,
): Promise<SlackApp> {
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
      // Sitrep keeps no per-conversation state in Bolt: no store to look up on every delivery.
      convoStore: false,
      clientOptions: clientOptions(slack, log, metrics),
      // The Socket Mode client opens its connection with its own Web API client: same URL, bounded retries.
      installerOptions: { clientOptions: clientOptions(slack, log, metrics) },
      deferInitialization: true,
    });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret ?? '',
      endpoints: '/slack/events',
      logger,
      processBeforeResponse: false,
      unhandledRequestTimeoutMillis: 2_900,
      // Slack shows an error for anything but a 200: a request nothing acknowledged, or that failed
      // before a listener could, is answered empty and logged (the app's listeners ack everything else).
      unhandledRequestHandler: ({ response }) =>
        answerEmpty(response, log, 'no listener acknowledged a request'),
      processEventErrorHandler: async ({ error, response }) => {
        answerEmpty(response, log, 'a request failed before it was acknowledged', error);
        return true;
      },
    });
    app = new App({
      token: slack.botToken,
      receiver: receiver as Receiver,
      logger,
      convoStore: false,
      clientOptions: clientOptions(slack, log, metrics),
      deferInitialization: true,
    });
  }
  await app.init();
  observeDeliveries(app, metrics, onDelivery);
  app.error(async (error) => {
    const e = error as Error & { code?: string; original?: Error };
    log.error('slack: listener failed', { code: e.code, error: e.original?.message ?? e.message });
  });
  // Work still running after its ack (Bolt acks first): a graceful stop waits for it.
  const inFlight = new Set<Promise<void>>();
  app.use(async ({ next }) => {
    const work = next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });
  registerListeners(app, context);
  if (receiver) answerWhatNobodyAcked(app, log);
  return {
    app,
    requestListener: receiver ? screened(receiver.requestListener, log) : undefined,
    mode: receiver ? 'http' : 'socket',
    start: async () => {
      if (!receiver) await app.start();
    },
    stop: async () => {
      if (!receiver) await app.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}

function answerEmpty(response: ServerResponse, log: Logger, what: string, error?: unknown): void {
  log.warn(
    `slack: ${what}`,
    error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) },
  );
  if (response.headersSent) return;
  response.writeHead(200);
  response.end();
}

/**
 * Bolt leaves a request it cannot type, or whose listener failed before acking, unanswered until the
 * receiver's timeout; once every listener has run, answer it at once instead. A second ack of a request
 * already answered throws ReceiverMultipleAckError, which is the expected case here.
 */
function answerWhatNobodyAcked(app: App, log: Logger): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    await processEvent(event);
    await event.ack().then(
      () => log.info('slack: acknowledged a request no listener answered'),
      () => undefined,
    );
  };
}

/**
 * Slack only sends JSON objects (or forms carrying one): anything else is answered 400 here, because
 * Bolt's receiver never answers a body such as `payload=null`.
 * The body is buffered where Bolt looks for it, so it still verifies the signature on the same bytes.
 */
function screened(listener: HTTPReceiver['requestListener'], log: Logger): HTTPReceiver['requestListener'] {
  return (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      try {
        const body: unknown = HTTPModuleFunctions.parseHTTPRequestBody(
          await HTTPModuleFunctions.bufferIncomingMessage(req, defaultBodyLimit),
        );
        if (typeof body !== 'object' || body === null) throw new Error('the body is not an object');
      } catch (error) {
        log.info('slack: refused a malformed request', {
          error: error instanceof Error ? error.message : String(error),
        });
        res.writeHead(isRawBodyError(error) && error.type === 'entity.too.large' ? 413 : 400);
        res.end();
        return;
      }
      listener(req, res);
    })();
  };
}
