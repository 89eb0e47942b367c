import { PrismaComponentCatalog } from '../../src/persistence/prisma-component-catalog';
import { PrismaMaintenanceRepository } from '../../src/persistence/prisma-maintenance-repository';
import { declareThroughSlack, outboxSettled, updateThroughSlack } from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';
import { all, child, parseXml, type XmlElement } from '../support/xml';

const now = new Date();
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);

describe('GET /history.rss', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    await declareThroughSlack(app, {
      title: 'Checkout is slow',
      impact: 'major',
      components: ['general-ui'],
      message: 'Checkouts take up to a minute.',
    });
    await updateThroughSlack(app, 'INC-1', { stage: 'identified', message: 'A slow query is to blame.' });
    await declareThroughSlack(app, {
      title: 'Hidden drill of the workflows',
      impact: 'critical',
      components: ['workflows'],
      message: 'Drill message nobody outside may read.',
      visibility: 'internal',
    });
    await outboxSettled(app);

    const repo = new PrismaMaintenanceRepository(app.db.prisma);
    const catalog = new PrismaComponentCatalog(app.db.prisma);
    const ids = Object.fromEntries((await catalog.listActive()).map((c) => [c.key, c.id]));
    for (const [title, visibility] of [
      ['Database upgrade', 'public'],
      ['Secret internal work', 'internal'],
    ] as const) {
      await repo.schedule(
        {
          teamId: 'T_SITREP',
          title,
          visibility,
          scheduledFor: hours(2),
          scheduledUntil: hours(3),
          autoTransitions: true,
          remindAt: null,
          createdById: 'U_SECRET_PERSON',
          sourceKey: null,
          componentIds: [ids.workflows ?? ''],
          firstUpdate: {
            stage: 'scheduled',
            message: `${title}: planned for tonight.`,
            occurredAt: hours(-1),
            authorId: 'U_SECRET_PERSON',
          },
        },
        () => [],
      );
    }
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers });

  it('serves RSS 2.0 with the Atom feed’s entries: link and guid the entry’s link and id, pubDate its time', async () => {
    const res = await get('/history.rss');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const rss = parseXml(await res.text());
    expect(rss.name).toBe('rss');
    expect(rss.attributes.version).toBe('2.0');
    const items = all(child(rss, 'channel') as XmlElement, 'item');
    const atomEntries = all(parseXml(await (await get('/history.atom')).text()), 'entry');

    expect(items.map((item) => child(item, 'title')?.text)).toEqual([
      'INC-1 Checkout is slow: Identified',
      'INC-1 Checkout is slow: Investigating',
      // Announced an hour ago: older than the incident's updates.
      'MNT-1 Database upgrade: Scheduled',
    ]);
    expect(
      items.map((item) => [
        child(item, 'title')?.text,
        child(item, 'link')?.text,
        child(item, 'guid')?.text,
        Date.parse(child(item, 'pubDate')?.text ?? ''),
      ]),
    ).toEqual(
      atomEntries.map((entry) => [
        child(entry, 'title')?.text,
        child(entry, 'link')?.attributes.href,
        child(entry, 'id')?.text,
        // RSS dates have whole seconds, as the Atom ones do.
        Date.parse(child(entry, 'updated')?.text ?? ''),
      ]),
    );
    expect(child(items[2], 'link')?.text).toMatch(
      /^https:\/\/status\.example\.test\/maintenances\/MNT-1#update-/,
    );
  });

  it('lets nothing of an internal incident, an internal maintenance or of people through', async () => {
    const body = await (await get('/history.rss')).text();
    for (const secret of [
      'Hidden drill',
      'Drill message',
      'INC-2',
      'Secret internal work',
      'MNT-2',
      'U_SECRET_PERSON',
      'T_SITREP',
    ]) {
      expect(body).not.toContain(secret);
    }
  });

  it('answers with the public routes’ caching headers, 304 on a matching ETag, and CORS', async () => {
    const res = await get('/history.rss');
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]{20,}"$/);
    expect(Date.parse(res.headers.get('last-modified') ?? '')).not.toBeNaN();
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const again = await get('/history.rss', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get('/history.rss', { 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('is linked from every page’s head and footer', async () => {
    const page = await (await get('/')).text();
    expect(page).toContain('<link rel="alternate" type="application/rss+xml"');
    expect(page).toContain('<a href="/history.rss">RSS feed</a>');
  });
});
