import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../incidents/ports';
import type { Logger } from '../logger';
import type { Subscribers } from '../subscribers/ports';
import { parseSubscriptionForm } from '../subscribers/subscription-form';
import { issueToken, looksLikeToken, tokenHash } from '../subscribers/tokens';
import { methodNotAllowed } from './routing';
import { limitPerAddress } from './token-bucket';
import { htmlSecurityHeaders } from './views/html';
import { type SubscriptionPageArgs, subscriptionPage } from './views/subscription-html';

export interface SubscriptionRoutesOptions {
  subscribers: Pick<Subscribers, 'requestEmail' | 'confirm' | 'unsubscribe' | 'hasUnsubscribe'>;
  /** `SMTP_URL` is set: the form's `POST /subscriptions` exists (the links work either way). */
  email: boolean;
  /** The catalog's component keys, which the form may name. */
  componentKeys: () => ReadonlySet<string>;
  orgName: string;
  clock: Clock;
  trustProxy: boolean;
  log: Logger;
}

/** SPEC §13: at most 10 posts of the form a minute per client address. */
const FORM_POSTS_PER_MINUTE = 10;
/** An address, a few dozen component keys: far below this. */
const FORM_BODY_LIMIT = 16 * 1024;

const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * Per-token pages: never in the public cache nor any other (`no-store`), and the token never leaves in
 * a Referer.
 */
const PAGE_HEADERS = {
  ...htmlSecurityHeaders,
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

/** A form body as fields; a repeated field (`component`) as an array. */
function formFields(body: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of new URLSearchParams(body)) {
    const earlier = fields[key];
    fields[key] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  return fields;
}

/**
 * The public side of email subscriptions (SPEC §13): the form's `POST /subscriptions`, the confirmation
 * link, and the unsubscribe link, whose GET shows one button (mail scanners prefetch links) and whose
 * POST (that button, or a mail client's RFC 8058 one-click POST) unsubscribes — mail and webhooks alike,
 * since a webhook's `meta.unsubscribe` is the same link. No answer tells whether an address is known.
 */
export function subscriptionRoutes(options: SubscriptionRoutesOptions) {
  const page = (reply: FastifyReply, status: number, args: Omit<SubscriptionPageArgs, 'orgName'>) =>
    reply
      .code(status)
      .headers(PAGE_HEADERS)
      .type('text/html; charset=utf-8')
      .send(subscriptionPage({ ...args, orgName: options.orgName }));

  const unknownLink = (reply: FastifyReply) =>
    page(reply, 404, {
      heading: 'Link not known',
      lines: [
        'This link is not known here: it may have been cut short, or the subscription it belongs to has ended.',
      ],
    });

  return async (scope: FastifyInstance) => {
    // @fastify/formbody is not among the dependencies; a form body is one URLSearchParams away.
    scope.addContentTypeParser(
      FORM_TYPE,
      { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
      (_r, body, done) => done(null, formFields(String(body))),
    );
    scope.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
      const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) {
        options.log.error('http: route failed', { path: request.url.split('?')[0], error: error.message });
      }
      const heading =
        status === 429 ? 'Too many requests' : status === 500 ? 'Something went wrong' : 'Not done';
      const line = status === 500 ? 'Nothing was changed. Please try again in a moment.' : error.message;
      return page(reply, status, { heading, lines: [line] });
    });

    if (options.email) await scope.register(formRoute);

    const token = (request: FastifyRequest) => (request.params as { token: string }).token;

    scope.get('/subscriptions/confirm/:token', async (request, reply) => {
      const given = token(request);
      const outcome = looksLikeToken(given)
        ? await options.subscribers.confirm(tokenHash(given), options.clock.now())
        : 'unknown';
      if (outcome === 'expired') {
        return page(reply, 410, {
          heading: 'Link expired',
          lines: [
            'This confirmation link worked for 48 hours and has expired; nothing was changed.',
            'Subscribe again with the form on the status page to get a new one.',
          ],
        });
      }
      if (outcome === 'unknown') {
        return page(reply, 404, {
          heading: 'Link not known',
          lines: [
            'This confirmation link is not known here; nothing was changed. A link works once: if you have confirmed already, you are subscribed.',
          ],
        });
      }
      return page(reply, 200, {
        heading: 'Subscribed',
        lines: [
          `You will get a mail for every public update of ${options.orgName}'s incidents and maintenances you chose.`,
          'Every mail has a link to unsubscribe.',
        ],
      });
    });
    methodNotAllowed(scope, '/subscriptions/confirm/:token', ['POST', 'PUT', 'PATCH', 'DELETE']);

    scope.get('/subscriptions/unsubscribe/:token', async (request, reply) => {
      const given = token(request);
      if (!looksLikeToken(given) || !(await options.subscribers.hasUnsubscribe(tokenHash(given)))) {
        return unknownLink(reply);
      }
      return page(reply, 200, {
        heading: 'Unsubscribe',
        lines: [`Press the button to stop getting ${options.orgName}'s status updates.`],
        button: { action: `/subscriptions/unsubscribe/${given}`, label: 'Unsubscribe' },
      });
    });
    // The body (`List-Unsubscribe=One-Click`, or the button's field) carries nothing the answer needs.
    scope.post(
      '/subscriptions/unsubscribe/:token',
      { bodyLimit: FORM_BODY_LIMIT },
      async (request, reply) => {
        const given = token(request);
        if (!looksLikeToken(given) || !(await options.subscribers.unsubscribe(tokenHash(given)))) {
          return unknownLink(reply);
        }
        return page(reply, 200, {
          heading: 'Unsubscribed',
          lines: [`You will get no more status updates from ${options.orgName} at this subscription.`],
        });
      },
    );
    methodNotAllowed(scope, '/subscriptions/unsubscribe/:token', ['PUT', 'PATCH', 'DELETE']);
  };

  /** `POST /subscriptions`, behind a limit of its own on top of the public one. */
  async function formRoute(scope: FastifyInstance): Promise<void> {
    const perSecond = FORM_POSTS_PER_MINUTE / 60;
    await scope.register(
      rateLimit,
      limitPerAddress({
        ratePerSecond: perSecond,
        burst: FORM_POSTS_PER_MINUTE,
        timeWindowMs: 60_000,
        trustProxy: options.trustProxy,
        reason: (retryIn) =>
          `At most ${FORM_POSTS_PER_MINUTE} subscriptions a minute are taken from one address: try again in ${retryIn}.`,
      }),
    );
    scope.post('/subscriptions', { bodyLimit: FORM_BODY_LIMIT }, async (request, reply) => {
      if (!request.headers['content-type']?.startsWith(FORM_TYPE)) {
        return page(reply, 415, {
          heading: 'Not done',
          lines: [`Send the form as ${FORM_TYPE}, with the fields email and component.`],
        });
      }
      const form = parseSubscriptionForm(request.body, options.componentKeys());
      if (!form.ok) {
        return page(reply, 400, {
          heading: 'Not subscribed',
          lines: [form.reason, 'Nothing was saved. Go back to correct the form.'],
        });
      }
      const { email, components } = form.value;
      await options.subscribers.requestEmail(
        { email, components, unsubscribeToken: issueToken().token },
        options.clock.now(),
      );
      // The same answer whether or not the address was subscribed already (no enumeration).
      return page(reply, 200, {
        heading: 'Check your mail',
        lines: [
          `A confirmation mail is on its way to ${email}. Open the link in it within 48 hours to start getting updates.`,
          'If this address is subscribed already, nothing changes.',
        ],
      });
    });
    methodNotAllowed(scope, '/subscriptions', ['GET', 'PUT', 'PATCH', 'DELETE']);
  }
}
