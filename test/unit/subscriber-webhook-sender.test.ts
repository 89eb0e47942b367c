import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../src/subscribers/signature';
import { sendWebhook } from '../../src/subscribers/webhook-sender';

interface Received {
  path: string;
  body: string;
  signature: string | undefined;
  contentType: string | undefined;
}

describe('sending a webhook to a real HTTP endpoint', () => {
  let server: http.Server;
  let base: string;
  const received: Received[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const signature = req.headers['x-sitrep-signature'];
        received.push({
          path: req.url ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
          signature: typeof signature === 'string' ? signature : undefined,
          contentType: req.headers['content-type'],
        });
        if (req.url === '/fails') res.writeHead(500).end('down');
        else if (req.url === '/moved') res.writeHead(302, { location: `${base}/elsewhere` }).end();
        else if (req.url === '/hangs')
          return; // never answers
        else res.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    received.length = 0;
  });

  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((done) => server.close(() => done()));
  });

  const open = { allowPrivate: true };
  const body = JSON.stringify({ incident: { name: 'Database down' } });

  it('posts the JSON body signed with the secret, and a 2xx is success', async () => {
    const secret = 'a-secret-of-24-characters';
    const outcome = await sendWebhook({ url: `${base}/hook`, body, secret, userAgent: 'Sitrep' }, open);
    expect(outcome).toEqual({ ok: true, status: 204 });
    expect(received).toHaveLength(1);
    expect(received[0]?.body).toBe(body);
    expect(received[0]?.contentType).toBe('application/json');
    expect(verifySignature(secret, received[0]?.body ?? '', received[0]?.signature)).toBe(true);
  });

  it('sends no signature without a secret', async () => {
    await sendWebhook({ url: `${base}/hook`, body, secret: null, userAgent: 'Sitrep' }, open);
    expect(received[0]?.signature).toBeUndefined();
  });

  it('counts a 500 and a redirect as failures, and follows no redirect', async () => {
    const failed = await sendWebhook({ url: `${base}/fails`, body, secret: null, userAgent: 'Sitrep' }, open);
    expect(failed).toEqual({ ok: false, status: 500, reason: 'HTTP 500' });
    const moved = await sendWebhook({ url: `${base}/moved`, body, secret: null, userAgent: 'Sitrep' }, open);
    expect(moved).toEqual({ ok: false, status: 302, reason: 'redirect 302 not followed' });
    expect(received.map((r) => r.path)).toEqual(['/fails', '/moved']);
  });

  it('gives up on an endpoint that does not answer by the deadline', async () => {
    const outcome = await sendWebhook(
      { url: `${base}/hangs`, body, secret: null, userAgent: 'Sitrep' },
      { ...open, timeoutMs: 200 },
    );
    expect(outcome).toEqual({ ok: false, status: null, reason: 'no answer within 0.2 s' });
  });

  it('refuses to connect to a loopback endpoint unless private addresses are allowed', async () => {
    const outcome = await sendWebhook(
      { url: `${base}/hook`, body, secret: null, userAgent: 'Sitrep' },
      { allowPrivate: false },
    );
    expect(outcome).toMatchObject({ ok: false, status: null });
    expect(received).toHaveLength(0);
  });
});
