import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, environmentWithDotenv, loadConfig } from '../../src/config';

const repoRoot = join(__dirname, '..', '..');

function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  describe('with an empty environment', () => {
    const config = loadConfig({});

    it('runs with Slack off', () => {
      expect(config.slack).toBeUndefined();
    });

    it('uses embedded PostgreSQL in ./data', () => {
      expect(config.databaseUrl).toBeUndefined();
      expect(config.dataDir).toBe('./data');
    });

    it('listens on 0.0.0.0:3000 and links to http://localhost:3000', () => {
      expect(config.port).toBe(3000);
      expect(config.host).toBe('0.0.0.0');
      expect(config.publicBaseUrl).toBe('http://localhost:3000');
    });

    it('takes the behaviour defaults of SPEC §3', () => {
      expect(config).toMatchObject({
        orgName: 'Our platform',
        announceChannelIds: [],
        createIncidentChannels: true,
        incidentChannelPrefix: 'inc',
        archiveChannelsAfterDays: 0,
        managerUserIds: [],
        exportApiToken: undefined,
        updateReminderMinutes: { critical: 15, major: 30, minor: 60 },
        displayTimeZone: 'UTC',
        logLevel: 'info',
        componentsFile: './components.yml',
        publicRateLimit: 20,
        trustProxy: false,
      });
    });
  });

  it('leaves the log format to the logger unless LOG_FORMAT names one', () => {
    expect(loadConfig({}).logFormat).toBeUndefined();
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
  });

  it('protects /metrics with METRICS_TOKEN when it is set', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'metrics-token-0123456789' }).metricsToken).toBe(
      'metrics-token-0123456789',
    );
  });

  it('turns email subscriptions off without SMTP_URL, and webhooks to private addresses off', () => {
    const config = loadConfig({ MAIL_FROM: 'status@vero.example' });
    expect(config.mail).toBeUndefined();
    expect(config.webhookAllowPrivate).toBe(false);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'true' }).webhookAllowPrivate).toBe(true);
  });

  it('sends mail through SMTP_URL from MAIL_FROM, an address or Name <address>', () => {
    expect(
      loadConfig({ SMTP_URL: 'smtp://user:pass@mail.example.com:587', MAIL_FROM: 'status@vero.example' })
        .mail,
    ).toEqual({ smtpUrl: 'smtp://user:pass@mail.example.com:587', from: { address: 'status@vero.example' } });
    expect(
      loadConfig({ SMTP_URL: 'smtps://mail.example.com', MAIL_FROM: '"Vero Status" <status@vero.example>' })
        .mail?.from,
    ).toEqual({ name: 'Vero Status', address: 'status@vero.example' });
  });

  it('sends from the organisation at status@ the status page host when MAIL_FROM is unset', () => {
    expect(
      loadConfig({
        SMTP_URL: 'smtp://mail.example.com',
        ORG_NAME: 'Vero',
        PUBLIC_BASE_URL: 'https://status.vero.example/',
      }).mail?.from,
    ).toEqual({ name: 'Vero', address: 'status@status.vero.example' });
    expect(
      loadConfig({ SMTP_URL: 'smtp://mail.example.com', PUBLIC_BASE_URL: 'http://10.0.0.5:3000' }).mail?.from,
    ).toEqual({
      name: 'Our platform',
      address: 'status@localhost',
    });
  });

  it('links to http://localhost:$PORT when PUBLIC_BASE_URL is unset', () => {
    expect(loadConfig({ PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
  });

  it('drops a trailing slash from PUBLIC_BASE_URL', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://status.example.com/' }).publicBaseUrl).toBe(
      'https://status.example.com',
    );
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ PORT: '', SLACK_BOT_TOKEN: '', ORG_NAME: '  ' });
    expect(config.port).toBe(3000);
    expect(config.slack).toBeUndefined();
    expect(config.orgName).toBe('Our platform');
  });

  it('turns Slack on in HTTP mode with a bot token and a signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-3', SLACK_SIGNING_SECRET: 'abcdef0123456789' });
    expect(config.slack).toEqual({
      botToken: 'xoxb-1-2-3',
      signingSecret: 'abcdef0123456789',
      appToken: undefined,
      apiUrl: undefined,
    });
  });

  it('turns Slack on in Socket Mode with a bot token and an app token, no signing secret needed', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-3', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' });
    expect(config.slack).toMatchObject({ botToken: 'xoxb-1-2-3', appToken: 'xapp-1-A1-2-abc' });
  });

  it('parses comma-separated lists with spaces and a trailing comma', () => {
    const config = loadConfig({
      ANNOUNCE_CHANNEL_IDS: ' C0123ABCD , G0456EFGH ,',
      MANAGER_USER_IDS: 'U0123ABCD,  W0456EFGH',
    });
    expect(config.announceChannelIds).toEqual(['C0123ABCD', 'G0456EFGH']);
    expect(config.managerUserIds).toEqual(['U0123ABCD', 'W0456EFGH']);
  });

  it('parses reminder minutes per impact, keeping the defaults of impacts left out', () => {
    expect(loadConfig({ UPDATE_REMINDER_MINUTES: 'critical=5, major=10' }).updateReminderMinutes).toEqual({
      critical: 5,
      major: 10,
      minor: 60,
    });
  });

  it('turns reminders off for an impact set to 0', () => {
    expect(loadConfig({ UPDATE_REMINDER_MINUTES: 'minor=0' }).updateReminderMinutes.minor).toBe(0);
  });

  it('preselects public incidents and keeps private ones out of every channel unless listed', () => {
    const config = loadConfig({});
    expect(config.defaultVisibility).toBe('public');
    expect(config.privateAnnounceChannelIds).toEqual([]);
    const chosen = loadConfig({
      DEFAULT_VISIBILITY: 'internal',
      PRIVATE_ANNOUNCE_CHANNEL_IDS: 'G0SECURE1,C0LEGAL22',
    });
    expect(chosen.defaultVisibility).toBe('internal');
    expect(chosen.privateAnnounceChannelIds).toEqual(['G0SECURE1', 'C0LEGAL22']);
  });

  it('says what a port must be', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow('PORT must be a port number (0–65535)');
  });

  it('refuses a DM id as an announce channel', () => {
    expect(() => loadConfig({ ANNOUNCE_CHANNEL_IDS: 'D0123ABCD' })).toThrow(/ANNOUNCE_CHANNEL_IDS/);
  });

  it.each([
    ['false', false],
    ['0', false],
    ['no', false],
    ['true', true],
    ['yes', true],
  ])('reads CREATE_INCIDENT_CHANNELS=%s as %p', (text, value) => {
    expect(loadConfig({ CREATE_INCIDENT_CHANNELS: text }).createIncidentChannels).toBe(value);
  });

  it('reads PUBLIC_RATE_LIMIT (0 turns it off, fractions allowed) and TRUST_PROXY', () => {
    expect(loadConfig({ PUBLIC_RATE_LIMIT: '0' }).publicRateLimit).toBe(0);
    expect(loadConfig({ PUBLIC_RATE_LIMIT: '2.5' }).publicRateLimit).toBe(2.5);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  describe('refuses a bad value with a ConfigError naming the variable', () => {
    it.each(['-1', 'fast', 'Infinity', '1e9'])('names PUBLIC_RATE_LIMIT when it is %j', (value) => {
      expect(configErrorFor({ PUBLIC_RATE_LIMIT: value }).message).toMatch(
        /^Invalid configuration: PUBLIC_RATE_LIMIT /,
      );
    });

    it.each(['yes', '1', 'TRUE', 'maybe'])('names TRUST_PROXY when it is %j', (value) => {
      expect(configErrorFor({ TRUST_PROXY: value }).message).toBe(
        'Invalid configuration: TRUST_PROXY must be true or false',
      );
    });

    it.each(['http://mail.example.com', 'mail.example.com:587', 'smtp://'])(
      'names SMTP_URL when it is %j',
      (value) => {
        expect(configErrorFor({ SMTP_URL: value }).message).toMatch(
          /^Invalid configuration: SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/,
        );
      },
    );

    it.each(['status', 'Vero <status>', 'Vero <status@vero.example', 'a@b.example, c@d.example'])(
      'names MAIL_FROM when it is %j',
      (value) => {
        expect(configErrorFor({ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: value }).message).toMatch(
          /^Invalid configuration: MAIL_FROM must be an address or Name <address>/,
        );
      },
    );

    it.each(['yes', 'TRUE', 'on'])('names WEBHOOK_ALLOW_PRIVATE when it is %j', (value) => {
      expect(configErrorFor({ WEBHOOK_ALLOW_PRIVATE: value }).message).toBe(
        'Invalid configuration: WEBHOOK_ALLOW_PRIVATE must be true or false',
      );
    });

    it('names PORT when it is not a number', () => {
      expect(configErrorFor({ PORT: 'abc' }).message).toMatch(/\bPORT\b/);
    });

    it('names PORT when it is out of range', () => {
      expect(configErrorFor({ PORT: '70000' }).message).toMatch(/\bPORT\b/);
    });

    it('names SLACK_BOT_TOKEN when it is not a bot token (xoxb-)', () => {
      const error = configErrorFor({
        SLACK_BOT_TOKEN: 'xoxp-user-token',
        SLACK_SIGNING_SECRET: 'abcdef012345',
      });
      expect(error.message).toMatch(/\bSLACK_BOT_TOKEN\b.*xoxb-/);
    });

    it('names SLACK_SIGNING_SECRET when a bot token comes without it in HTTP mode', () => {
      const error = configErrorFor({ SLACK_BOT_TOKEN: 'xoxb-1-2-3' });
      expect(error.message).toMatch(/\bSLACK_SIGNING_SECRET\b/);
      expect(error.message).toContain('SLACK_APP_TOKEN');
    });

    it('names SLACK_APP_TOKEN when it is not an app-level token (xapp-)', () => {
      const error = configErrorFor({ SLACK_BOT_TOKEN: 'xoxb-1-2-3', SLACK_APP_TOKEN: 'xoxb-4-5-6' });
      expect(error.message).toMatch(/\bSLACK_APP_TOKEN\b.*xapp-/);
    });

    it('names DATABASE_URL when it is not a postgres:// URL', () => {
      expect(configErrorFor({ DATABASE_URL: 'mysql://root@localhost/sitrep' }).message).toMatch(
        /\bDATABASE_URL\b.*postgres:\/\//,
      );
    });

    it('names ANNOUNCE_CHANNEL_IDS and the entry that is not a channel ID', () => {
      const error = configErrorFor({ ANNOUNCE_CHANNEL_IDS: 'C0123ABCD, #general' });
      expect(error.message).toMatch(/\bANNOUNCE_CHANNEL_IDS\b/);
      expect(error.message).toContain('#general');
    });

    it('names MANAGER_USER_IDS and the entry that is not a user ID', () => {
      const error = configErrorFor({ MANAGER_USER_IDS: 'U0123ABCD,@alice' });
      expect(error.message).toMatch(/\bMANAGER_USER_IDS\b/);
      expect(error.message).toContain('@alice');
    });

    it('names DISPLAY_TIMEZONE when it is not an IANA time zone', () => {
      expect(configErrorFor({ DISPLAY_TIMEZONE: 'Mars/Base' }).message).toMatch(/\bDISPLAY_TIMEZONE\b/);
    });

    it('names UPDATE_REMINDER_MINUTES and the part that is not <impact>=<minutes>', () => {
      const error = configErrorFor({ UPDATE_REMINDER_MINUTES: 'urgent=5' });
      expect(error.message).toMatch(/\bUPDATE_REMINDER_MINUTES\b/);
      expect(error.message).toContain('urgent=5');
    });

    it('names CREATE_INCIDENT_CHANNELS when it is not true or false', () => {
      expect(configErrorFor({ CREATE_INCIDENT_CHANNELS: 'maybe' }).message).toMatch(
        /\bCREATE_INCIDENT_CHANNELS\b.*true or false/,
      );
    });

    it('names DEFAULT_VISIBILITY when it is not public, internal or private', () => {
      expect(configErrorFor({ DEFAULT_VISIBILITY: 'secret' }).message).toBe(
        'Invalid configuration: DEFAULT_VISIBILITY must be one of public, internal, private',
      );
    });

    it('names PRIVATE_ANNOUNCE_CHANNEL_IDS and the entry that is not a channel ID', () => {
      expect(configErrorFor({ PRIVATE_ANNOUNCE_CHANNEL_IDS: 'C0123ABCD,U0456EFGH' }).message).toMatch(
        /PRIVATE_ANNOUNCE_CHANNEL_IDS.*U0456EFGH/,
      );
    });

    it('names LOG_LEVEL when it is not a level', () => {
      expect(configErrorFor({ LOG_LEVEL: 'loud' }).message).toMatch(/\bLOG_LEVEL\b/);
    });

    it('names LOG_FORMAT when it is neither json nor pretty', () => {
      expect(configErrorFor({ LOG_FORMAT: 'xml' }).message).toMatch(/\bLOG_FORMAT\b.*json or pretty/);
    });

    it('names METRICS_TOKEN when it is too short to be a secret', () => {
      expect(configErrorFor({ METRICS_TOKEN: 'short' }).message).toMatch(/\bMETRICS_TOKEN\b/);
    });

    it('names every bad variable at once', () => {
      const error = configErrorFor({ PORT: 'abc', LOG_LEVEL: 'loud' });
      expect(error.message).toMatch(/\bPORT\b/);
      expect(error.message).toMatch(/\bLOG_LEVEL\b/);
    });
  });
});

describe('environmentWithDotenv', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sitrep-dotenv-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds the values of a .env file', () => {
    const file = join(dir, '.env');
    writeFileSync(file, '# local settings\nORG_NAME="Vero"\nPORT=4000\n');
    const config = loadConfig(environmentWithDotenv(file, {}));
    expect(config.orgName).toBe('Vero');
    expect(config.port).toBe(4000);
  });

  it('lets the real environment win over the .env file', () => {
    const file = join(dir, '.env');
    writeFileSync(file, 'ORG_NAME=From the file\nPORT=4000\n');
    const config = loadConfig(environmentWithDotenv(file, { ORG_NAME: 'From the environment' }));
    expect(config.orgName).toBe('From the environment');
    expect(config.port).toBe(4000);
  });

  it('is the real environment alone when there is no .env file', () => {
    const env = { ORG_NAME: 'Vero' };
    expect(environmentWithDotenv(join(dir, '.env'), env)).toEqual(env);
  });
});

describe('.env.example', () => {
  // The schema is private to src/config.ts; its keys are the upper-case names it declares with `z.`.
  const schemaKeys = [
    ...readFileSync(join(repoRoot, 'src', 'config.ts'), 'utf8').matchAll(/^\s+([A-Z][A-Z0-9_]*): z\./gm),
  ]
    .map((match) => match[1])
    .sort();
  const exampleKeys = [
    ...readFileSync(join(repoRoot, '.env.example'), 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm),
  ]
    .map((match) => match[1])
    .sort();

  it('finds the variables of the schema', () => {
    expect(schemaKeys).toEqual(expect.arrayContaining(['PORT', 'SLACK_BOT_TOKEN', 'COMPONENTS_FILE']));
  });

  it('lists every variable the configuration reads, and no other', () => {
    expect(exampleKeys).toEqual(schemaKeys);
  });

  it('lists each variable once', () => {
    expect(new Set(exampleKeys).size).toBe(exampleKeys.length);
  });

  it('is a valid configuration as it stands, and with its examples uncommented', () => {
    const text = readFileSync(join(repoRoot, '.env.example'), 'utf8');
    expect(() => loadConfig(environmentWithDotenv(join(repoRoot, '.env.example'), {}))).not.toThrow();
    const uncommented = text
      .split('\n')
      .filter((line) => /^#\s*[A-Z][A-Z0-9_]*=/.test(line) && !line.includes('…'))
      .map((line) => line.replace(/^#\s*/, ''))
      .join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-dotenv-'));
    try {
      writeFileSync(join(dir, '.env'), uncommented);
      expect(() => loadConfig(environmentWithDotenv(join(dir, '.env'), {}))).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
