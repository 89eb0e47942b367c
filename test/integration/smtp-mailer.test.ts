import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { updateMail } from '../../src/subscribers/email';
import { type SmtpSink, startSmtpSink } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';

const mail = updateMail({
  orgName: 'Vero',
  title: 'Degraded performance across Vero platform',
  stage: 'identified',
  message: 'A database node is overloaded.',
  when: 'Sep 01, 2022, 09:30 AM UTC',
  components: [{ name: 'Workflows', status: 'Partial outage' }],
  pageUrl: 'https://status.example.test/incidents/INC-1',
  unsubscribeUrl: 'https://status.example.test/subscriptions/unsubscribe/abc',
});

describe('mail to subscribers over SMTP_URL', () => {
  let sink: SmtpSink;
  let app: TestApp;

  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await startTestApp({
      env: {
        SMTP_URL: sink.url.replace('smtp://', 'smtp://sitrep:mail-password@'),
        MAIL_FROM: 'Vero Status <status@vero.example>',
      },
    });
  });

  afterAll(async () => {
    await app?.close();
    await sink?.close();
  });

  it('reaches the SMTP server from MAIL_FROM, with both parts and the one-click unsubscribe headers', async () => {
    const mailer = app.service.mailer;
    expect(mailer).toBeDefined();
    await mailer?.send('customer@example.com', mail);
    const [received] = await sink.waitFor(1);
    expect(received).toMatchObject({
      to: 'customer@example.com',
      envelopeFrom: 'status@vero.example',
      subject: '[Vero] Degraded performance across Vero platform: Identified',
    });
    expect(received?.headers.from).toBe('Vero Status <status@vero.example>');
    expect(received?.headers['list-unsubscribe']).toBe(
      '<https://status.example.test/subscriptions/unsubscribe/abc>',
    );
    expect(received?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(received?.text).toContain('A database node is overloaded.');
    expect(received?.html).toContain('<a href="https://status.example.test/incidents/INC-1">');
  });

  it('rejects a mail the server refuses, so the caller can try again', async () => {
    sink.refuseNext(1);
    await expect(app.service.mailer?.send('customer@example.com', mail)).rejects.toThrow(/451|Try again/);
    await app.service.mailer?.send('customer@example.com', mail);
    expect((await sink.waitFor(2)).length).toBe(2);
  });
});

describe('without SMTP_URL', () => {
  it('has no mailer, offers no subscription form, and says in its log how to turn email subscriptions on', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await startTestApp({ log: createLogger('info', { format: 'json', destination }) });
    try {
      expect(app.service.mailer).toBeUndefined();
      const line = lines.find((l) => l.includes('email subscriptions are off'));
      expect(line).toContain('SMTP_URL');
      const page = await (await fetch(`${app.url}/`)).text();
      expect(page).not.toContain('<form');
      expect(page).toContain('<a href="/history.atom">Subscribe to updates</a>');
      const posted = await fetch(`${app.url}/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=ana%40customer.example',
      });
      expect(posted.status).toBe(404);
      expect(await app.db.prisma.subscriber.count()).toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe('with SMTP_URL and Slack off', () => {
  it('still mails the confirmation link of a subscription made on the page', async () => {
    const sink = await startSmtpSink();
    const app = await startTestApp({ env: { SLACK_BOT_TOKEN: '', SMTP_URL: sink.url } });
    try {
      expect(app.service.slack).toBeUndefined();
      const posted = await fetch(`${app.url}/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=ana%40customer.example&component=workflows',
      });
      expect(posted.status).toBe(200);
      const [confirmation] = await sink.waitFor(1);
      const link = confirmation?.text.match(
        /https:\/\/status\.example\.test\/subscriptions\/confirm\/[\w-]+/,
      )?.[0];
      const confirmed = await fetch((link ?? '').replace('https://status.example.test', app.url));
      expect(confirmed.status).toBe(200);
    } finally {
      await app.close();
      await sink.close();
    }
  });
});
