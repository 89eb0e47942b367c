import type { Clock } from '../../src/incidents/ports';
import { PrismaSubscribers } from '../../src/persistence/prisma-subscribers';
import { issueToken } from '../../src/subscribers/tokens';
import { declareThroughSlack, outboxSettled, replayVero, veroMessages } from '../support/scenarios';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const title = 'Degraded performance across Vero platform';
const base = 'https://status.example.test';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The service's clock, moved forward where a test needs a link to have expired. */
let clockOffsetMs = 0;
const clock: Clock = { now: () => new Date(Date.now() + clockOffsetMs) };

describe('email subscribers', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let receiver: WebhookReceiver;
  let address = 0;

  /** Each test posts from its own client address (TRUST_PROXY), so none spends another's limit. */
  const from = (client: string) => ({ 'x-forwarded-for': client });
  const post = (path: string, body: string, headers: Record<string, string> = from('198.51.100.1')) =>
    fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { ...FORM, ...headers },
      body,
      redirect: 'manual',
    });
  const form = (email: string, components: string[] = []) =>
    new URLSearchParams([
      ['email', email],
      ...components.map((c): [string, string] => ['component', c]),
    ]).toString();
  /** The form posted as a browser does: from the page on `/`. */
  const subscribeForm = (email: string, components: string[] = []) =>
    post('/subscriptions', form(email, components), from(`203.0.113.${++address}`));
  const to = (mailbox: string) => sink.received.filter((m) => m.to === mailbox);
  const updatesTo = (mailbox: string) => to(mailbox).filter((m) => !m.subject.includes('Confirm'));
  const local = (link: string) => link.replace(base, app.url);

  /** The link in a confirmation mail, once it has arrived. */
  async function confirmationLink(mailbox: string): Promise<string> {
    for (let i = 0; i < 400 && !to(mailbox).some(isConfirmation); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const mail = to(mailbox).filter(isConfirmation).at(-1);
    const link = mail?.text.match(/https:\/\/status\.example\.test\/subscriptions\/confirm\/[\w-]+/)?.[0];
    if (!link) throw new Error(`no confirmation mail for ${mailbox}`);
    return link;
  }

  const subscriberCount = () => app.db.prisma.subscriber.count();

  beforeAll(async () => {
    sink = await startSmtpSink();
    receiver = await startWebhookReceiver();
    app = await startTestApp({
      env: {
        SMTP_URL: sink.url,
        MAIL_FROM: 'Vero Status <status@vero.example>',
        TRUST_PROXY: 'true',
        WEBHOOK_ALLOW_PRIVATE: 'true',
      },
      clock,
    });
    for (const [email, components] of [
      ['all@customer.example', []],
      ['workflows@customer.example', ['workflows']],
      ['billing@customer.example', ['vero2-ui']],
      ['pending@customer.example', []],
    ] as const) {
      expect((await subscribeForm(email, [...components])).status).toBe(200);
    }
    for (const email of ['all@customer.example', 'workflows@customer.example', 'billing@customer.example']) {
      expect((await fetch(local(await confirmationLink(email)))).status).toBe(200);
    }
    await replayVero(app);
    await outboxSettled(app, 60_000);
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await sink?.close();
    await receiver?.close();
  });

  it('offers the "Subscribe to updates" form on /, a plain form POST the page policy allows', async () => {
    const res = await fetch(`${app.url}/`);
    const page = await res.text();
    expect(page).toContain('<h2>Subscribe to updates</h2>');
    expect(page).toContain('<form method="post" action="/subscriptions">');
    expect(page).toContain('<input id="subscribe-email" type="email" name="email"');
    expect(page).toContain('<input type="checkbox" name="component" value="workflows"> Workflows');
    expect(page).toContain('value="vero1-ingestion-api"> Vero 1.0: Ingestion API');
    expect(page).not.toContain('<script');
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
  });

  it('mails a confirmation link that expires after 48 hours, and sends nothing before it is followed', async () => {
    const [confirmation] = to('all@customer.example');
    expect(confirmation?.subject).toBe('[Vero] Confirm your subscription to status updates');
    expect(confirmation?.text).toContain(`${base}/subscriptions/confirm/`);
    expect(confirmation?.html).toContain(`<a href="${base}/subscriptions/confirm/`);
    expect(confirmation?.text).toMatch(/it works until \w{3} \d\d, \d{4}, \d\d:\d\d [AP]M UTC/);
    expect(to('workflows@customer.example')[0]?.text).toContain('affecting workflows');
    expect(updatesTo('pending@customer.example')).toEqual([]);
  });

  it('answers a confirmation link with a page once, then as a link no longer known', async () => {
    const res = await fetch(local(await confirmationLink('all@customer.example')));
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('if you have confirmed already, you are subscribed');
  });

  it('sends one mail per public update, in order, the declare message included', () => {
    expect(updatesTo('all@customer.example').map((m) => m.subject)).toEqual([
      `[Vero] ${title}: Investigating`,
      `[Vero] ${title}: Identified`,
      `[Vero] ${title}: Identified`,
      `[Vero] ${title}: Monitoring`,
      `[Vero] ${title}: Resolved`,
      `[Vero] ${title}: Postmortem`,
    ]);
  });

  it('sends a subscriber of one component only the updates of incidents affecting it', () => {
    // Workflows joined the incident with the second update; the Vero 2.0 UI with the third.
    expect(updatesTo('workflows@customer.example').map((m) => m.subject.split(': ').at(-1))).toEqual([
      'Identified',
      'Identified',
      'Monitoring',
      'Resolved',
      'Postmortem',
    ]);
    expect(updatesTo('billing@customer.example')).toHaveLength(4);
  });

  it('has a plain-text and an HTML part with the update, the components, the incident link and the unsubscribe link', () => {
    const mails = updatesTo('all@customer.example');
    const first = mails[0];
    const unsubscribe = unsubscribeLink(first);
    expect(unsubscribe).toMatch(/^https:\/\/status\.example\.test\/subscriptions\/unsubscribe\/[\w-]{43}$/);
    expect(first?.headers.from).toBe('Vero Status <status@vero.example>');
    expect(first?.text).toContain('We are currently investigating degraded performance on the Vero platform');
    expect(first?.text).toContain('Affected components:\n- Vero 1.0: Ingestion API: Degraded performance');
    expect(first?.text).toContain('Details: https://status.example.test/incidents/INC-1');
    expect(first?.text).toContain(`Unsubscribe: ${unsubscribe}`);
    expect(first?.html).toContain('<a href="https://status.example.test/incidents/INC-1">');
    expect(first?.html).toContain(`<a href="${unsubscribe}">Unsubscribe</a>`);
    expect(first?.html).toContain('<li>Transactional emails: Degraded performance</li>');
    for (const [i, mail] of mails.entries()) {
      expect(mail.headers['list-unsubscribe']).toBe(`<${unsubscribe}>`);
      expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(mail.text).toContain((veroMessages[i] ?? '').split('\n')[0]);
    }
    expect(mails[4]?.text).toContain('- Workflows: Operational');
  });

  it('sends nothing about an internal or a private incident', async () => {
    const before = sink.received.length;
    await declareThroughSlack(app, {
      title: 'Internal database failover',
      visibility: 'internal',
      components: ['workflows'],
    });
    await declareThroughSlack(app, {
      title: 'Security review of a leaked key',
      visibility: 'private',
      components: ['workflows'],
    });
    await outboxSettled(app, 60_000);
    await declareThroughSlack(app, { title: 'Public marker incident', components: ['workflows'] });
    await sink.waitFor(before + 2, 60_000);
    await outboxSettled(app, 60_000);
    expect(
      sink.received
        .slice(before)
        .map((m) => [m.to, m.subject])
        .sort(),
    ).toEqual([
      ['all@customer.example', '[Vero] Public marker incident: Investigating'],
      ['workflows@customer.example', '[Vero] Public marker incident: Investigating'],
    ]);
  }, 120_000);

  it('unsubscribes with the RFC 8058 one-click POST, after which nothing more arrives; a GET alone changes nothing', async () => {
    const link = local(unsubscribeLink(updatesTo('all@customer.example')[0]));
    const shown = await fetch(link);
    expect(shown.status).toBe(200);
    const page = await shown.text();
    expect(page).toContain(`<form method="post" action="${new URL(link).pathname}">`);
    expect(page.match(/<button/g)).toHaveLength(1);
    expect(shown.headers.get('cache-control')).toBe('no-store');

    // Prefetched by a mail scanner: still subscribed.
    const before = updatesTo('all@customer.example').length;
    await declareThroughSlack(app, { title: 'After the GET', components: ['workflows'] });
    await outboxSettled(app, 60_000);
    expect(updatesTo('all@customer.example').map((m) => m.subject)).toContain(
      '[Vero] After the GET: Investigating',
    );

    const oneClick = await post(new URL(link).pathname, 'List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    expect(oneClick.headers.get('location')).toBeNull();
    expect(await oneClick.text()).toContain('Unsubscribed');

    await declareThroughSlack(app, { title: 'After the POST', components: ['workflows'] });
    await outboxSettled(app, 60_000);
    expect(updatesTo('workflows@customer.example').map((m) => m.subject)).toContain(
      '[Vero] After the POST: Investigating',
    );
    expect(updatesTo('all@customer.example')).toHaveLength(before + 1);
    expect((await fetch(link)).status).toBe(404);
    expect((await post(new URL(link).pathname, 'List-Unsubscribe=One-Click')).status).toBe(404);
  }, 120_000);

  it("removes a webhook with a POST of its delivery's meta.unsubscribe link", async () => {
    await new PrismaSubscribers(app.db.prisma).addWebhook(
      {
        url: receiver.url('/hook'),
        secret: null,
        components: [],
        createdById: 'U0ADDER',
        unsubscribeToken: issueToken().token,
      },
      new Date(),
    );
    const incidents = () => receiver.delivered('/hook').filter((r) => 'incident' in r.json);
    await declareThroughSlack(app, { title: 'Webhook before', components: ['workflows'] });
    await outboxSettled(app, 60_000);
    const [delivery] = incidents();
    const link = (delivery?.json as { meta?: { unsubscribe: string } } | undefined)?.meta?.unsubscribe ?? '';
    expect(link).toMatch(/^https:\/\/status\.example\.test\/subscriptions\/unsubscribe\/[\w-]{43}$/);

    const removed = await post(new URL(link).pathname, '', {});
    expect(removed.status).toBe(200);
    expect(await app.db.prisma.subscriber.count({ where: { kind: 'webhook' } })).toBe(0);
    await declareThroughSlack(app, { title: 'Webhook after', components: ['workflows'] });
    await outboxSettled(app, 60_000);
    expect(incidents()).toHaveLength(1);
  }, 120_000);

  it('answers an address already subscribed exactly as a new one, and mails it no second confirmation', async () => {
    const known = await subscribeForm('workflows@customer.example', ['workflows']);
    const fresh = await subscribeForm('fresh@customer.example');
    expect(known.status).toBe(200);
    expect(fresh.status).toBe(200);
    const strip = (body: string, email: string) => body.replaceAll(email, '<email>');
    expect(strip(await known.text(), 'workflows@customer.example')).toBe(
      strip(await fresh.text(), 'fresh@customer.example'),
    );
    await confirmationLink('fresh@customer.example');
    await outboxSettled(app);
    expect(to('workflows@customer.example').filter(isConfirmation)).toHaveLength(1);
  });

  it('refuses a malformed address or an unknown component with 400 and a reason, saving nothing', async () => {
    const count = await subscriberCount();
    const mails = sink.received.length;
    const malformed = await subscribeForm('not-an-address');
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('That is not an email address.');
    const unknown = await subscribeForm('someone@customer.example', ['workflows', 'no-such-thing']);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('There is no component no-such-thing.');
    const missing = await post('/subscriptions', '', from('203.0.113.200'));
    expect(missing.status).toBe(400);
    const json = await fetch(`${app.url}/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from('203.0.113.201') },
      body: JSON.stringify({ email: 'json@customer.example' }),
    });
    expect(json.status).toBe(415);
    await outboxSettled(app);
    expect(await subscriberCount()).toBe(count);
    expect(sink.received.length).toBe(mails);
  });

  it('takes at most 10 posts a minute from one client address (429 with Retry-After past it)', async () => {
    const client = from('192.0.2.77');
    const answers = [];
    for (let i = 0; i < 11; i += 1) answers.push(await post('/subscriptions', form('bad address'), client));
    expect(answers.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(400));
    const limited = answers[10];
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited?.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await limited?.text()).toContain('At most 10 subscriptions a minute');
    expect((await post('/subscriptions', form('bad address'), from('192.0.2.78'))).status).toBe(400);
  });

  it('answers an expired confirmation link with 410 and an unknown one with 404, changing nothing', async () => {
    expect((await subscribeForm('late@customer.example')).status).toBe(200);
    const link = local(await confirmationLink('late@customer.example'));
    clockOffsetMs = 48 * 60 * 60 * 1000 + 60_000;
    try {
      const expired = await fetch(link);
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain('has expired; nothing was changed');
    } finally {
      clockOffsetMs = 0;
    }
    const late = await app.db.prisma.subscriber.findUniqueOrThrow({
      where: { email: 'late@customer.example' },
    });
    expect(late.confirmedAt).toBeNull();

    const token = issueToken().token;
    for (const path of [`/subscriptions/confirm/${token}`, '/subscriptions/confirm/short']) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('not known');
    }
    expect((await fetch(`${app.url}/subscriptions/unsubscribe/${token}`)).status).toBe(404);
    expect((await post(`/subscriptions/unsubscribe/${token}`, 'List-Unsubscribe=One-Click')).status).toBe(
      404,
    );
    expect(
      (await app.db.prisma.subscriber.findUniqueOrThrow({ where: { id: late.id } })).confirmedAt,
    ).toBeNull();
  });
});

function isConfirmation(mail: ReceivedMail): boolean {
  return mail.subject.includes('Confirm your subscription');
}

function unsubscribeLink(mail: ReceivedMail | undefined): string {
  return (mail?.headers['list-unsubscribe'] ?? '').replace(/^<|>$/g, '');
}
