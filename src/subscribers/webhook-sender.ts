/**
 * One webhook delivery over HTTP(S): a POST of the JSON body, signed when the subscriber has a secret,
 * through the address guard, with a 10 s deadline for the whole exchange. Only a 2xx is success; a
 * redirect is not followed (it would take the payload somewhere the subscriber never registered).
 */
import http from 'node:http';
import https from 'node:https';
import { SIGNATURE_HEADER, signBody } from './signature';
import { checkWebhookUrl, guardedLookup, type UrlRules } from './webhook-url';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface WebhookRequest {
  url: string;
  /** The JSON body, exactly as signed and sent. */
  body: string;
  secret: string | null;
  userAgent: string;
}

export type WebhookOutcome =
  | { ok: true; status: number }
  | { ok: false; status: number | null; reason: string };

export interface SendOptions extends UrlRules {
  timeoutMs?: number;
}

export async function sendWebhook(request: WebhookRequest, options: SendOptions): Promise<WebhookOutcome> {
  // Checked again at each delivery; an IP-literal host never reaches the connection's lookup.
  const check = await checkWebhookUrl(request.url, options);
  if (!check.ok) return { ok: false, status: null, reason: check.reason };
  const url = check.url;
  const transport = url.protocol === 'https:' ? https : http;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(request.body)),
    'user-agent': request.userAgent,
  };
  if (request.secret) headers[SIGNATURE_HEADER] = signBody(request.secret, request.body);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: WebhookOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(outcome);
    };
    const req = transport.request(
      url,
      { method: 'POST', headers, lookup: guardedLookup(options), agent: false },
      (res) => {
        const status = res.statusCode ?? 0;
        // The body is not needed, but reading it lets the connection close cleanly.
        res.resume();
        res.on('end', () =>
          finish(
            status >= 200 && status < 300
              ? { ok: true, status }
              : {
                  ok: false,
                  status,
                  reason:
                    status >= 300 && status < 400 ? `redirect ${status} not followed` : `HTTP ${status}`,
                },
          ),
        );
        res.on('error', (error) => finish({ ok: false, status, reason: error.message }));
      },
    );
    const deadline = setTimeout(() => {
      req.destroy();
      finish({ ok: false, status: null, reason: `no answer within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    req.on('error', (error) => finish({ ok: false, status: null, reason: error.message }));
    req.end(request.body);
  });
}
