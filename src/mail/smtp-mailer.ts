/**
 * The `Mailer` port over SMTP with nodemailer: the transport from `SMTP_URL`, every mail from
 * `MAIL_FROM`. A mail the server does not take rejects, and the outbox tries it again.
 */
import { createTransport } from 'nodemailer';
import type { MailSender } from '../config';
import type { Mailer } from '../subscribers/ports';

/** How long one SMTP exchange may take before it counts as failed (and is retried). */
const SMTP_TIMEOUT_MS = 10_000;

export interface SmtpMailer extends Mailer {
  /** Closes the pooled connections (shutdown). */
  close(): void;
}

export function createSmtpMailer(smtpUrl: string, from: MailSender): SmtpMailer {
  // Options in the URL's query (e.g. `?pool=false`) win over these.
  const transport = createTransport(
    {
      url: smtpUrl,
      pool: true,
      maxConnections: 4,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { from: { name: from.name ?? '', address: from.address } },
  );
  return {
    async send(to, mail) {
      await transport.sendMail({
        to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
      });
    },
    close() {
      transport.close();
    },
  };
}
