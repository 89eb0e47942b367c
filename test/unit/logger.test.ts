import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import {
  addLogFields,
  configSecrets,
  createLogger,
  type LoggerOptions,
  withLogFields,
} from '../../src/logger';

function capture(
  format: LoggerOptions['format'],
  options: Omit<LoggerOptions, 'format' | 'destination'> = {},
) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const log = createLogger('debug', { ...options, format, destination });
  return { log, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  describe('as json', () => {
    it('writes one object a line with the level by name, an ISO time and msg', () => {
      const { log, entries } = capture('json');
      log.info('catalog: 8 components', { added: 8 });
      log.warn('outbox: retrying');
      const [first, second] = entries();
      expect(first).toMatchObject({ level: 'info', msg: 'catalog: 8 components', added: 8 });
      expect(new Date(String(first?.time)).toISOString()).toBe(first?.time);
      expect(second).toMatchObject({ level: 'warn', msg: 'outbox: retrying' });
    });

    it('leaves out levels below the one configured', () => {
      const lines: string[] = [];
      const log = createLogger('warn', {
        format: 'json',
        destination: { write: (l: string) => lines.push(l) },
      });
      log.debug('noise');
      log.info('noise');
      log.error('kept');
      expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['kept']);
    });

    it("puts a child's bindings on every line it writes", () => {
      const { log, entries } = capture('json');
      log.child({ logger: 'bolt' }).info('ready');
      expect(entries()[0]).toMatchObject({ logger: 'bolt', msg: 'ready' });
    });

    it('carries requestId, incident and jobId through every await of a scope', async () => {
      const { log, entries } = capture('json');
      await withLogFields({ requestId: 'req-1' }, async () => {
        log.info('received');
        await new Promise((resolve) => setTimeout(resolve, 1));
        addLogFields({ incident: 'INC-7' });
        await withLogFields({ jobId: '42' }, async () => log.info('posted'));
        log.info('answered');
      });
      log.info('outside');
      expect(
        entries().map(({ msg, requestId, incident, jobId }) => ({ msg, requestId, incident, jobId })),
      ).toEqual([
        { msg: 'received', requestId: 'req-1', incident: undefined, jobId: undefined },
        { msg: 'posted', requestId: 'req-1', incident: 'INC-7', jobId: '42' },
        { msg: 'answered', requestId: 'req-1', incident: 'INC-7', jobId: undefined },
        { msg: 'outside', requestId: undefined, incident: undefined, jobId: undefined },
      ]);
    });

    it('keeps scopes of concurrent work apart', async () => {
      const { log, entries } = capture('json');
      const handle = (id: string, waitMs: number) =>
        withLogFields({ requestId: id }, async () => {
          await new Promise((resolve) => setTimeout(resolve, waitMs));
          log.info(`done ${id}`);
        });
      await Promise.all([handle('a', 5), handle('b', 1)]);
      expect(
        entries()
          .map(({ msg, requestId }) => `${msg}:${requestId}`)
          .sort(),
      ).toEqual(['done a:a', 'done b:b']);
    });
  });

  describe('masking secrets', () => {
    const secret = 'export-token-5f1c9a7e2b';

    it('masks a configured secret wherever it appears: message, context, nested values, errors', () => {
      const { log, lines } = capture('json', { secrets: [secret] });
      log.info(`GET /export?token=${secret}`, {
        header: `Bearer ${secret}`,
        nested: { list: [secret] },
        error: new Error(`refused ${secret}`),
      });
      log.child({ url: `https://x.test/?t=${secret}` }).warn('child');
      expect(lines.join('\n')).not.toContain(secret);
      expect(lines.join('\n')).toContain('[redacted]');
      expect(JSON.parse(lines[0] ?? '{}').error).toMatchObject({
        type: 'Error',
        message: 'refused [redacted]',
      });
    });

    it('masks Slack tokens by their shape even when nobody configured them', () => {
      const { log, lines } = capture('json');
      log.info('calling chat.postMessage with xoxb-1234-5678-abcdefABCDEF', {
        appToken: 'xapp-1-A0-123-abc',
      });
      expect(lines.join('\n')).not.toMatch(/xoxb-1234|xapp-1-A0/);
    });

    it('masks a field named like a secret whatever its value', () => {
      const { log, entries } = capture('json');
      log.info('request', { authorization: 'Basic dXNlcjpwYXNz', signingSecret: 'abc', token: 'plain' });
      expect(entries()[0]).toMatchObject({
        authorization: '[redacted]',
        signingSecret: '[redacted]',
        token: '[redacted]',
      });
    });

    it('finds every secret of the configuration, the database and SMTP passwords included', () => {
      const config = loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-bot-token-value',
        SLACK_SIGNING_SECRET: 'signing-secret-value',
        EXPORT_API_TOKEN: 'export-token-value-0123',
        METRICS_TOKEN: 'metrics-token-value-0123',
        DATABASE_URL: 'postgres://sitrep:db%20password@db.internal:5432/sitrep',
        SMTP_URL: 'smtps://sitrep:mail-password@mail.example.com:465',
      });
      expect(configSecrets(config).sort()).toEqual(
        [
          'db password',
          'mail-password',
          'export-token-value-0123',
          'metrics-token-value-0123',
          'signing-secret-value',
          'xoxb-bot-token-value',
        ].sort(),
      );
    });
  });

  describe('as pretty text', () => {
    it('writes a readable line with the level and the message, not JSON', () => {
      const { log, lines } = capture('pretty', { secrets: ['pretty-secret-value'] });
      log.info('listening on http://127.0.0.1:3000', { slack: 'off', key: 'pretty-secret-value' });
      expect(lines[0]).toMatch(/INFO.*listening on http:\/\/127\.0\.0\.1:3000/);
      expect(lines.join('\n')).toContain('slack');
      expect(lines.join('\n')).not.toContain('pretty-secret-value');
      expect(() => JSON.parse(lines[0] ?? '')).toThrow();
    });
  });
});
