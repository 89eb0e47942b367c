import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream } from 'pino';
import pretty from 'pino-pretty';
import type { Config, LogFormat, LogLevel } from './config';

export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
  /** A logger whose every line also carries these fields. */
  child(bindings: Record<string, unknown>): Logger;
}

/** The fields SPEC §15 puts on a line wherever there is one. */
export interface LogFields {
  /** The incident's ref, e.g. INC-7. */
  incident?: string;
  /** The outbox job being worked. */
  jobId?: string;
  /** The HTTP request or Slack delivery being handled. */
  requestId?: string;
}

const scope = new AsyncLocalStorage<LogFields>();

/** Runs `work` with `fields` on every line logged inside it, through every await that follows. */
export function withLogFields<T>(fields: LogFields, work: () => T): T {
  return scope.run({ ...scope.getStore(), ...fields }, work);
}

/** Runs `work` under a new requestId, unless it already has one (a Slack delivery inside its HTTP request). */
export function inRequestScope<T>(work: () => T): T {
  return scope.getStore()?.requestId ? work() : withLogFields({ requestId: randomUUID() }, work);
}

/** Adds fields to the current scope from here on, e.g. the incident ref once a declare has one. */
export function addLogFields(fields: LogFields): void {
  const store = scope.getStore();
  if (store) Object.assign(store, fields);
}

export interface LoggerOptions {
  /** `json`: one object a line; `pretty`: readable text. Default: pretty on a terminal, else json. */
  format?: LogFormat;
  /** Values never to appear in a line (tokens, secrets); Slack token shapes are masked anyway. */
  secrets?: string[];
  /** Where lines go (tests); default stderr. */
  destination?: DestinationStream;
}

/** Every secret the configuration holds, for `LoggerOptions.secrets`. */
export function configSecrets(config: Config): string[] {
  const values = [
    config.slack?.botToken,
    config.slack?.signingSecret,
    config.slack?.appToken,
    config.exportApiToken,
    config.metricsToken,
    config.databaseUrl && urlPassword(config.databaseUrl),
    config.mail && urlPassword(config.mail.smtpUrl),
  ];
  return values.filter((value): value is string => Boolean(value));
}

function urlPassword(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

export function createLogger(level: LogLevel = 'info', options: LoggerOptions = {}): Logger {
  const format = options.format ?? (process.stderr.isTTY ? 'pretty' : 'json');
  const destination =
    format === 'pretty'
      ? pretty({
          destination: options.destination ?? 2,
          sync: true,
          colorize: !options.destination && Boolean(process.stderr.isTTY),
          ignore: 'pid,hostname',
          translateTime: 'SYS:HH:MM:ss.l',
          singleLine: true,
        })
      : (options.destination ?? pino.destination({ fd: 2, sync: true }));
  const root = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // pino-pretty reads numeric levels; JSON readers want the name.
      formatters: format === 'json' ? { level: (label) => ({ level: label }) } : {},
      mixin: () => ({ ...scope.getStore() }),
    },
    destination,
  );
  return wrap(root, scrubber(options.secrets ?? []));
}

function wrap(target: pino.Logger, scrub: Scrub): Logger {
  const at =
    (level: LogLevel) =>
    (message: string, context?: Record<string, unknown>): void => {
      if (!target.isLevelEnabled(level)) return;
      const text = scrub(message) as string;
      if (context) target[level](scrub(context) as object, text);
      else target[level](text);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (bindings) => wrap(target.child(scrub(bindings) as pino.Bindings), scrub),
  };
}

type Scrub = (value: unknown) => unknown;

const slackToken = /\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+/;
const secretKey = /token|secret|password|authorization|cookie/i;

/**
 * Masks secrets by value (so a token inside a message, a URL or an error text is caught too) and by
 * the name of the field holding it.
 */
function scrubber(secrets: string[]): Scrub {
  const escaped = secrets.filter((s) => s.length > 0).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp([slackToken.source, ...escaped].join('|'), 'g');
  const text = (value: string) => value.replace(pattern, '[redacted]');
  const scrub = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return text(value);
    if (value instanceof Error) {
      const code = (value as { code?: unknown }).code;
      return {
        type: value.name,
        message: text(value.message),
        ...(code === undefined ? {} : { code: scrub(code, depth + 1) }),
        ...(value.stack ? { stack: text(value.stack) } : {}),
      };
    }
    if (value === null || typeof value !== 'object' || depth > 5) return value;
    if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        secretKey.test(key) && item !== undefined ? '[redacted]' : scrub(item, depth + 1),
      ]),
    );
  };
  return (value) => scrub(value, 0);
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};
