import { PrismaSubscribers } from '../../src/persistence/prisma-subscribers';
import { confirmExpiresAt, issueToken } from '../../src/subscribers/tokens';
import { declareThroughSlack, outboxSettled, replayVero, veroMessages } from '../support/scenarios';
import { type SmtpSink, startSmtpSink } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';

/** A confirmed email subscription, as the form and the confirmation link leave it. */
async function subscribe(app: TestApp, email: string, components: string[] = []): Promise<string> {
  const store = new PrismaSubscribers(app.db.prisma);
  const confirm = issueToken();
  const unsubscribe = issueToken();
  const now = new Date();
  await store.requestEmail(
    {
      email,
      components,
      confirmHash: confirm.hash,
      confirmExpiresAt: confirmExpiresAt(now),
      unsubscribeToken: unsubscribe.token,
    },
    now,
  );
  expect(await store.confirm(confirm.hash, now)).toBe('confirmed');
  return unsubscribe.token;
}

const title = 'Degraded performance across Vero platform';

describe('email subscribers', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let everythingToken: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await startTestApp({ env: { SMTP_URL: sink.url, MAIL_FROM: 'Vero Status <status@vero.example>' } });
    everythingToken = await subscribe(app, 'all@customer.example');
    await subscribe(app, 'workflows@customer.example', ['workflows']);
    await subscribe(app, 'billing@customer.example', ['vero2-ui']);
    // Not confirmed: hears nothing.
    await new PrismaSubscribers(app.db.prisma).requestEmail(
      {
        email: 'pending@customer.example',
        components: [],
        confirmHash: issueToken().hash,
        confirmExpiresAt: confirmExpiresAt(new Date()),
        unsubscribeToken: issueToken().token,
      },
      new Date(),
    );
    await replayVero(app);
    await outboxSettled(app, 60_000);
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await sink?.close();
  });

  const to = (address: string) => sink.received.filter((m) => m.to === address);

  it('sends one mail per public update, in order, the declare message included', () => {
    expect(to('all@customer.example').map((m) => m.subject)).toEqual([
      `[Vero] ${title}: Investigating`,
      `[Vero] ${title}: Identified`,
      `[Vero] ${title}: Identified`,
      `[Vero] ${title}: Monitoring`,
      `[Vero] ${title}: Resolved`,
      `[Vero] ${title}: Postmortem`,
    ]);
    expect(to('pending@customer.example')).toEqual([]);
  });

  it('sends a subscriber of one component only the updates of incidents affecting it', () => {
    // Workflows joined the incident with the second update; the Vero 2.0 UI with the third.
    expect(to('workflows@customer.example').map((m) => m.subject.split(': ').at(-1))).toEqual([
      'Identified',
      'Identified',
      'Monitoring',
      'Resolved',
      'Postmortem',
    ]);
    expect(to('billing@customer.example')).toHaveLength(4);
  });

  it('has a plain-text and an HTML part with the update, the components, the incident link and the unsubscribe link', () => {
    const mails = to('all@customer.example');
    const first = mails[0];
    const unsubscribe = `https://status.example.test/subscriptions/unsubscribe/${everythingToken}`;
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
});
