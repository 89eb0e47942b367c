import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import {
  booleanText,
  channelId,
  defaultSender,
  emptyToUndefined,
  idList,
  isSmtpUrl,
  isTimeZone,
  parseSender,
  reminderMinutes,
  userId,
} from './config-values';
import { type impacts, type Visibility, visibilities } from './incidents/vocabulary';

/** The only reader of process.env (SPEC §3). */

const schema = z
  .object({
    SLACK_BOT_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string().startsWith('xoxb-', 'must start with xoxb-').optional(),
    ),
    SLACK_SIGNING_SECRET: z.preprocess(emptyToUndefined, z.string().min(8, 'looks too short').optional()),
    SLACK_APP_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string().startsWith('xapp-', 'must start with xapp-').optional(),
    ),
    SLACK_API_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ message: 'must be a URL such as https://slack.com/api/' })
        .transform((url) => (url.endsWith('/') ? url : `${url}/`))
        .optional(),
    ),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
        .optional(),
    ),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
    PORT: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: 'must be a port number (0–65535)' })
        .int('must be a port number (0–65535)')
        .min(0, 'must be a port number (0–65535)')
        .max(65535, 'must be a port number (0–65535)')
        .default(3000),
    ),
    HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
    PUBLIC_BASE_URL: z.preprocess(emptyToUndefined, z.url({ message: 'must be a URL' }).optional()),
    ORG_NAME: z.preprocess(emptyToUndefined, z.string().max(100).default('Our platform')),
    ANNOUNCE_CHANNEL_IDS: z.preprocess(emptyToUndefined, idList(channelId, 'channel')),
    CREATE_INCIDENT_CHANNELS: z.preprocess(emptyToUndefined, booleanText.default(true)),
    INCIDENT_CHANNEL_PREFIX: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,19}$/, 'must be 1–20 characters of a–z, 0–9 and -')
        .default('inc'),
    ),
    ARCHIVE_CHANNELS_AFTER_DAYS: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: 'must be a whole number of days' })
        .int('must be a whole number of days')
        .min(0, 'must be 0 or more')
        .default(0),
    ),
    MANAGER_USER_IDS: z.preprocess(emptyToUndefined, idList(userId, 'user')),
    DEFAULT_VISIBILITY: z.preprocess(
      emptyToUndefined,
      z.enum(visibilities, { message: `must be one of ${visibilities.join(', ')}` }).default('public'),
    ),
    PRIVATE_ANNOUNCE_CHANNEL_IDS: z.preprocess(emptyToUndefined, idList(channelId, 'channel')),
    EXPORT_API_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string().min(16, 'must be at least 16 characters').optional(),
    ),
    UPDATE_REMINDER_MINUTES: z.preprocess(emptyToUndefined, reminderMinutes),
    DISPLAY_TIMEZONE: z.preprocess(
      emptyToUndefined,
      z.string().default('UTC').refine(isTimeZone, 'is not an IANA time zone such as Europe/Berlin'),
    ),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z
        .enum(['debug', 'info', 'warn', 'error'], { message: 'must be debug, info, warn or error' })
        .default('info'),
    ),
    COMPONENTS_FILE: z.preprocess(emptyToUndefined, z.string().default('./components.yml')),
    LOG_FORMAT: z.preprocess(
      emptyToUndefined,
      z.enum(['json', 'pretty'], { message: 'must be json or pretty' }).optional(),
    ),
    METRICS_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string().min(16, 'must be at least 16 characters').optional(),
    ),
    PUBLIC_RATE_LIMIT: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: 'must be a number of requests per second (0 turns the limit off)' })
        .min(0, 'must be 0 (off) or a positive number of requests per second')
        .max(1_000_000, 'must be at most 1000000 requests per second')
        .default(20),
    ),
    TRUST_PROXY: z.preprocess(
      emptyToUndefined,
      z
        .enum(['true', 'false'], { message: 'must be true or false' })
        .transform((value) => value === 'true')
        .default(false),
    ),
    SMTP_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(isSmtpUrl, 'must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587')
        .optional(),
    ),
    MAIL_FROM: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((text, ctx) => {
          const sender = parseSender(text);
          if (!sender) {
            ctx.addIssue({
              code: 'custom',
              message: 'must be an address or Name <address>, such as Status <status@example.com>',
            });
            return z.NEVER;
          }
          return sender;
        })
        .optional(),
    ),
    WEBHOOK_ALLOW_PRIVATE: z.preprocess(
      emptyToUndefined,
      z
        .enum(['true', 'false'], { message: 'must be true or false' })
        .transform((value) => value === 'true')
        .default(false),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required with SLACK_BOT_TOKEN in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
      });
    }
  });

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A mail's sender: the address, and the name mail clients show. */
export interface MailSender {
  name?: string;
  address: string;
}
export type LogFormat = 'json' | 'pretty';

export interface Config {
  slack:
    | {
        botToken: string;
        signingSecret: string | undefined;
        appToken: string | undefined;
        apiUrl: string | undefined;
      }
    | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  publicBaseUrl: string;
  orgName: string;
  announceChannelIds: string[];
  createIncidentChannels: boolean;
  incidentChannelPrefix: string;
  archiveChannelsAfterDays: number;
  managerUserIds: string[];
  defaultVisibility: Visibility;
  privateAnnounceChannelIds: string[];
  exportApiToken: string | undefined;
  updateReminderMinutes: Partial<Record<(typeof impacts)[number], number>>;
  displayTimeZone: string;
  logLevel: LogLevel;
  componentsFile: string;
  /** Unset: pretty on a terminal, else json (decided by the logger, which sees stderr). */
  logFormat: LogFormat | undefined;
  metricsToken: string | undefined;
  /** Per client address on the public routes, burst twice that; 0: no limit. */
  publicRateLimit: number;
  /** Behind one load balancer: the client is the rightmost X-Forwarded-For entry. */
  trustProxy: boolean;
  /** Mail for email subscribers (SPEC §13); undefined without SMTP_URL: email subscriptions are off. */
  mail: { smtpUrl: string; from: MailSender } | undefined;
  /** Webhook subscribers may use http:// and private or loopback addresses. */
  webhookAllowPrivate: boolean;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError whose message names the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const messages = result.error.issues.map(
      (issue) => `${String(issue.path[0] ?? 'environment')} ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration: ${messages.join('; ')}`);
  }
  const e = result.data;
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
        }
      : undefined,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl,
    orgName: e.ORG_NAME,
    announceChannelIds: e.ANNOUNCE_CHANNEL_IDS,
    createIncidentChannels: e.CREATE_INCIDENT_CHANNELS,
    incidentChannelPrefix: e.INCIDENT_CHANNEL_PREFIX,
    archiveChannelsAfterDays: e.ARCHIVE_CHANNELS_AFTER_DAYS,
    managerUserIds: e.MANAGER_USER_IDS,
    defaultVisibility: e.DEFAULT_VISIBILITY,
    privateAnnounceChannelIds: e.PRIVATE_ANNOUNCE_CHANNEL_IDS,
    exportApiToken: e.EXPORT_API_TOKEN,
    updateReminderMinutes: e.UPDATE_REMINDER_MINUTES,
    displayTimeZone: e.DISPLAY_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    componentsFile: e.COMPONENTS_FILE,
    logFormat: e.LOG_FORMAT,
    metricsToken: e.METRICS_TOKEN,
    publicRateLimit: e.PUBLIC_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY,
    mail: e.SMTP_URL
      ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM ?? defaultSender(e.ORG_NAME, publicBaseUrl) }
      : undefined,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
  };
}

/** Values from `.env` (when present) under the real environment, which wins. */
export function environmentWithDotenv(path = '.env', env = process.env): Record<string, string | undefined> {
  if (!existsSync(path)) return env;
  return { ...parseDotenv(readFileSync(path)), ...env };
}
