import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { confirmMail, type Mail, stageTitle, updateMail, updateSubject } from '../../src/subscribers/email';

const update = {
  orgName: 'Vero',
  title: 'Degraded performance across Vero platform',
  stage: 'identified',
  message: 'A database node is overloaded. <script>alert(1)</script>',
  when: '1 Sep 2022, 11:40 CEST',
  components: [{ name: 'Database', status: 'Partial outage' }],
  pageUrl: 'https://status.vero.example/incidents/INC-1',
  unsubscribeUrl: 'https://status.vero.example/subscriptions/unsubscribe/tok123',
};

/** The mail as nodemailer writes it onto the wire, read back by a real MIME parser. */
async function roundTrip(mail: Mail) {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const sent = await transport.sendMail({
    from: 'Vero status <status@vero.example>',
    to: 'ana@customer.example',
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
  });
  return simpleParser(sent.message as Buffer);
}

describe('update mail', () => {
  it('has the subject [ORG] title: Stage', () => {
    expect(updateMail(update).subject).toBe('[Vero] Degraded performance across Vero platform: Identified');
    expect(stageTitle('in_progress')).toBe('In progress');
    expect(updateSubject('Vero', 'Two\r\nlines', 'resolved')).toBe('[Vero] Two lines: Resolved');
  });

  it('arrives with text and HTML parts, the links and the one-click unsubscribe headers', async () => {
    const parsed = await roundTrip(updateMail(update));
    expect(parsed.subject).toBe('[Vero] Degraded performance across Vero platform: Identified');
    expect(parsed.text).toContain('A database node is overloaded.');
    expect(parsed.text).toContain('- Database: Partial outage');
    expect(parsed.text).toContain(`Details: ${update.pageUrl}`);
    expect(parsed.text).toContain(`Unsubscribe: ${update.unsubscribeUrl}`);
    const html = String(parsed.html);
    expect(html).toContain(`href="${update.pageUrl}"`);
    expect(html).toContain(`href="${update.unsubscribeUrl}"`);
    expect(html).toContain('<li>Database: Partial outage</li>');
    // Header lines as sent, unfolded (RFC 5322: a line break before white space is folding).
    const lines = Object.fromEntries(
      parsed.headerLines.map((h) => [h.key, h.line.replace(/\r?\n(?=[ \t])/g, '')]),
    );
    expect(lines['list-unsubscribe']).toBe(`List-Unsubscribe: <${update.unsubscribeUrl}>`);
    expect(lines['list-unsubscribe-post']).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });

  it('escapes what people typed in the HTML part', () => {
    const { html } = updateMail({ ...update, title: 'Login <b>broken</b>' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).not.toContain('<b>broken</b>');
  });

  it('leaves the components out when the update affects none', () => {
    const mail = updateMail({ ...update, components: [] });
    expect(mail.text).not.toContain('Affected components');
    expect(mail.html).not.toContain('Affected components');
  });
});

describe('confirmation mail', () => {
  it('links to the confirmation and says until when it works and what was chosen', async () => {
    const parsed = await roundTrip(
      confirmMail({
        orgName: 'Vero',
        confirmUrl: 'https://status.vero.example/subscriptions/confirm/tok456',
        components: ['Workflows'],
        expires: '3 Dec 2022, 11:40 CET',
      }),
    );
    expect(parsed.subject).toBe('[Vero] Confirm your subscription to status updates');
    expect(parsed.text).toContain('https://status.vero.example/subscriptions/confirm/tok456');
    expect(parsed.text).toContain('affecting Workflows');
    expect(parsed.text).toContain('until 3 Dec 2022, 11:40 CET');
    expect(String(parsed.html)).toContain('href="https://status.vero.example/subscriptions/confirm/tok456"');
    expect(parsed.headerLines.map((h) => h.key)).not.toContain('list-unsubscribe');
  });
});
