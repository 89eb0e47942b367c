import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { declareThroughSlack, outboxSettled, updateThroughSlack } from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';
import { describeWithPostgres, freshPostgresDatabase } from '../support/test-database';

// A clock that stands still: durations on the pages do not move between two requests.
const NOW = new Date('2022-09-20T12:00:00Z');
const clock = { now: () => NOW };

const publicPaths = [
  '/',
  '/incidents/INC-1',
  '/api/v2/summary.json',
  '/api/v2/status.json',
  '/api/v2/components.json',
  '/api/v2/incidents.json',
  '/api/v2/incidents/unresolved.json',
  '/history.atom',
  '/history.rss',
];

async function etags(url: string): Promise<Record<string, string | null>> {
  const tags: Record<string, string | null> = {};
  for (const path of publicPaths) tags[path] = (await fetch(`${url}${path}`)).headers.get('etag');
  return tags;
}

/** A request with exactly these headers (fetch would add its own Accept-Encoding and decode the body). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function declareOne(app: TestApp): Promise<void> {
  await declareThroughSlack(app, {
    title: 'Checkout is slow',
    impact: 'major',
    components: ['general-ui'],
    message: 'Checkouts take up to a minute.',
  });
  await outboxSettled(app);
}

describe('public caching', () => {
  let fake: FakeSlack;
  let first: TestApp;
  let app: TestApp;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers });

  beforeAll(async () => {
    fake = await startFakeSlack();
    first = await startTestApp({ fake, clock, env: { PUBLIC_RATE_LIMIT: '0' } });
    app = first;
    await declareOne(app);
  });

  afterAll(async () => {
    await app.close();
    // The first service owns the database the restarted one shares.
    if (first !== app) await first.close();
    await fake.close();
  });

  it.each(publicPaths)(
    'answers %s with an ETag, Last-Modified and a Cache-Control a CDN honours',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toMatch(/^"[\w-]{20,}"$/);
      expect(Date.parse(res.headers.get('last-modified') ?? '')).not.toBeNaN();
      expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    },
  );

  it.each(publicPaths)('answers %s again with 304 and no body when the ETag still matches', async (path) => {
    const first = await get(path);
    const etag = first.headers.get('etag') ?? '';
    const again = await get(path, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect((await get(path, { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
    expect((await get(path, { 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('answers If-Modified-Since with 304 from Last-Modified on, and 200 before it', async () => {
    const first = await get('/api/v2/summary.json');
    const lastModified = first.headers.get('last-modified') ?? '';
    expect((await get('/api/v2/summary.json', { 'if-modified-since': lastModified })).status).toBe(304);
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await get('/api/v2/summary.json', { 'if-modified-since': earlier })).status).toBe(200);
    expect((await get('/api/v2/summary.json', { 'if-modified-since': 'not a date' })).status).toBe(200);
  });

  it('gives the same body and ETag to every request while nothing public changes', async () => {
    const [a, b] = await Promise.all([get('/'), get('/')]);
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'));
    expect(await a.text()).toBe(await b.text());
  });

  it.each(['/', '/incidents/INC-1', '/api/v2/summary.json'])(
    'sends %s gzipped to clients that accept it: the same bytes, its own ETag, and 304s for either tag',
    async (path) => {
      const plain = await rawGet(`${app.url}${path}`, {});
      const zipped = await rawGet(`${app.url}${path}`, { 'accept-encoding': 'br;q=1, gzip;q=0.8' });
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(zipped.status).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
      expect(zipped.body.length).toBeLessThan(plain.body.length);
      for (const res of [plain, zipped]) expect(res.headers.vary).toBe('Accept-Encoding');
      expect(zipped.headers.etag).not.toBe(plain.headers.etag);

      const refused = await rawGet(`${app.url}${path}`, { 'accept-encoding': 'gzip;q=0, br' });
      expect(refused.headers['content-encoding']).toBeUndefined();
      expect(refused.body.equals(plain.body)).toBe(true);

      for (const tag of [plain.headers.etag, zipped.headers.etag]) {
        const again = await rawGet(`${app.url}${path}`, {
          'accept-encoding': 'gzip',
          'if-none-match': tag ?? '',
        });
        expect(again.status).toBe(304);
        expect(again.body.length).toBe(0);
        expect(again.headers.etag).toBe(zipped.headers.etag);
      }
    },
  );

  it('sends X-Content-Type-Options: nosniff on every answer', async () => {
    const answers = await Promise.all([
      get('/healthz'),
      get('/readyz'),
      get('/no/such/page'),
      get('/incidents/INC-99'),
      get('/api/v2/incidents.json?limit=0'),
      get('/api/incidents/INC-1/export.md'),
      fetch(`${app.url}/slack/events`, { method: 'POST' }),
      fetch(`${app.url}/incidents/%E0%A4%A`),
    ]);
    for (const res of answers) expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a CORS preflight on the JSON API and the feed instead of 405', async () => {
    for (const path of ['/api/v2/summary.json', '/api/v2/incidents.json', '/history.atom']) {
      const res = await fetch(`${app.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://widgets.example.com',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'if-none-match',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-methods')).toContain('GET');
      expect(res.headers.get('access-control-allow-headers')).toBe('if-none-match');
    }
  });

  it('leaves every public ETag as it was after a change the public does not see (a new lead)', async () => {
    const before = await etags(app.url);
    const res = await app.slack.command('lead INC-1 <@U0NEWLEAD|newlead>');
    expect(res.status).toBe(200);
    // The change is made after the ack; its answer says it is done.
    await fake.waitFor(() => fake.responses(res.responseUrl)[0]);
    await outboxSettled(app);
    expect(await app.db.prisma.incident.findFirst({ select: { leadId: true } })).toEqual({
      leadId: 'U0NEWLEAD',
    });
    expect(await etags(app.url)).toEqual(before);
  });

  it('gives the same ETags after a restart on the same data', async () => {
    const before = await etags(app.url);
    await app.stop();
    app = await startTestApp({ fake, clock, database: app.db, env: { PUBLIC_RATE_LIMIT: '0' } });
    expect(await etags(app.url)).toEqual(before);
  });

  it('changes the ETags of the pages an update changes as soon as it is committed', async () => {
    const before = await etags(app.url);
    const submitted = await updateThroughSlack(app, 'INC-1', {
      stage: 'identified',
      impact: 'major',
      message: 'A slow query in checkout; a fix is rolling out.',
    });
    expect(submitted.status).toBe(200);
    const after = await etags(app.url);
    for (const path of ['/', '/incidents/INC-1', '/api/v2/summary.json', '/history.atom']) {
      expect(after[path]).not.toBe(before[path]);
    }
    const page = await (await get('/incidents/INC-1')).text();
    expect(page).toContain('A slow query in checkout; a fix is rolling out.');
    const stale = await get('/api/v2/summary.json', {
      'if-none-match': before['/api/v2/summary.json'] ?? '',
    });
    expect(stale.status).toBe(200);
  });
});

describeWithPostgres('public caching across replicas on one PostgreSQL database', () => {
  let fake: FakeSlack;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let writer: TestApp;
  let reader: TestApp;

  beforeAll(async () => {
    fake = await startFakeSlack();
    database = await freshPostgresDatabase();
    writer = await startTestApp({ fake, clock, database: await database.open() });
    reader = await startTestApp({ fake, clock, database: await database.open(), runOutbox: false });
    await declareOne(writer);
  });

  afterAll(async () => {
    await reader?.close();
    await writer?.close();
    await database?.drop();
    await fake?.close();
  });

  it('shows an update committed on one replica on the other within 2 s', async () => {
    const tagOf = async () => (await fetch(`${reader.url}/api/v2/summary.json`)).headers.get('etag');
    const before = await tagOf();
    // Cached on the reader now; the update goes through the writer.
    expect(await tagOf()).toBe(before);
    await updateThroughSlack(writer, 'INC-1', { stage: 'resolved', impact: 'major', message: 'Fixed.' });
    const committed = Date.now();
    let now = before;
    while (now === before && Date.now() - committed < 2_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      now = await tagOf();
    }
    expect(now).not.toBe(before);
    const summary = (await (await fetch(`${reader.url}/api/v2/summary.json`)).json()) as {
      incidents: unknown[];
    };
    expect(summary.incidents).toEqual([]);
  });

  it('keeps the ETags of a replica when the other changes only what the public does not see', async () => {
    const before = await etags(reader.url);
    await writer.slack.command('lead INC-1 <@U0OTHER|other>');
    // Past the version check of the reader, which sees the incident row move and renders again.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await etags(reader.url)).toEqual(before);
  });
});
