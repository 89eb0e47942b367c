import { z } from 'zod';
import { componentStatuses, impacts, stages } from '../../src/incidents/vocabulary';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import {
  declareThroughSlack,
  outboxSettled,
  replayVero,
  veroComponentLabels,
  veroMessages,
} from '../support/scenarios';
import { startTestApp, type TestApp, veroCatalog } from '../support/test-app';

// Three weeks after the SPEC §1 incident, so it falls in the page's 90-day history.
const NOW = Date.parse('2022-09-20T12:00:00Z');
const offset = Date.now() - NOW;
const clock = { now: () => new Date(Date.now() - offset) };

const NOTE_TEXT = 'INTERNAL NOTE: the vendor still owes us a fix';

const iso = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
const componentStatus = z.enum(componentStatuses);

const pageSchema = z.strictObject({
  id: z.string().min(1),
  name: z.literal('Vero'),
  url: z.literal('https://status.example.test'),
  time_zone: z.literal('UTC'),
  updated_at: iso,
});

const componentSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  status: componentStatus,
  created_at: iso,
  updated_at: iso,
  position: z.number().int().positive(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.null(),
  group_id: z.string().nullable(),
  page_id: z.string(),
  group: z.boolean(),
  only_show_if_degraded: z.literal(false),
  components: z.array(z.string()).optional(),
});

const incidentSchema = z.strictObject({
  id: z.string().regex(/^INC-\d+$/),
  name: z.string(),
  status: z.enum(stages),
  created_at: iso,
  updated_at: iso,
  monitoring_at: iso.nullable(),
  resolved_at: iso.nullable(),
  impact: z.enum(impacts),
  shortlink: z.string().startsWith('https://status.example.test/incidents/INC-'),
  started_at: iso,
  page_id: z.string(),
  incident_updates: z.array(
    z.strictObject({
      id: z.string(),
      status: z.enum(stages),
      body: z.string(),
      incident_id: z.string().regex(/^INC-\d+$/),
      created_at: iso,
      updated_at: iso,
      display_at: iso,
      affected_components: z.array(
        z.strictObject({
          code: z.string(),
          name: z.string(),
          old_status: componentStatus,
          new_status: componentStatus,
        }),
      ),
    }),
  ),
  components: z.array(componentSchema),
});

const statusSchema = z.strictObject({
  indicator: z.enum(['none', 'maintenance', 'minor', 'major', 'critical']),
  description: z.string(),
});

const summarySchema = z.strictObject({
  page: pageSchema,
  components: z.array(componentSchema),
  incidents: z.array(incidentSchema),
  scheduled_maintenances: z.array(z.unknown()),
  status: statusSchema,
});

/** The text a reader sees: tags dropped, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_entity, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&');
}

describe('public status page', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let announce: string;

  const get = (path: string) => fetch(`${app.url}${path}`);
  const getJson = async (path: string) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    return res.json();
  };

  beforeAll(async () => {
    fake = await startFakeSlack();
    announce = fake.addChannel({ name: 'status' });
    const catalog = veroCatalog.replace(
      '    group: Vero 1.0\n',
      `    group: Vero 1.0\n    description: Event and profile ingestion\n    announce_channels: [${announce}]\n`,
    );
    app = await startTestApp({ fake, clock, catalog, env: { ANNOUNCE_CHANNEL_IDS: announce } });
    await replayVero(app, { userId: 'U0RESPOND' });
    await declareThroughSlack(
      app,
      {
        title: 'Checkout is slow',
        impact: 'major',
        components: ['general-ui', 'vero2-ui'],
        message: 'Checkouts take up to a minute :hourglass:\n\nWe are investigating.',
      },
      { userId: 'U0ONCALL' },
    );
    await outboxSettled(app);
    for (const incident of await app.db.prisma.incident.findMany()) {
      await app.db.prisma.note.create({
        data: {
          incidentId: incident.id,
          channelId: incident.channelId ?? announce,
          messageTs: `1662023445.00010${incident.number}`,
          text: NOTE_TEXT,
          authorId: 'U0RESPOND',
          occurredAt: incident.startedAt,
        },
      });
    }
  });

  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  describe('GET /', () => {
    it('shows the banner, the components by group, the open incident and the history', async () => {
      const res = await get('/');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      const text = visibleText(html);
      expect(html).toContain('<title>Vero</title>');
      expect(html).toContain('<section class="banner indicator-major" role="status"><p>Partial outage</p>');
      expect(text).toMatch(
        /Vero 1\.0\s+Operational\s+Ingestion API\s+Event and profile ingestion\s+Operational/,
      );
      expect(text).toMatch(/General UI access and speed\s+Partial outage/);
      expect(text).toMatch(
        /Vero 2\.0\s+Partial outage\s+UI\s+Partial outage\s+Newsletter processing\s+Operational/,
      );
      expect(html).toContain('<a href="/incidents/INC-2">Checkout is slow</a>');
      expect(text).toContain('Checkouts take up to a minute :hourglass:');
      expect(html).toContain('<h3>September 1, 2022</h3>');
      expect(html).toContain('<a href="/incidents/INC-1">Degraded performance across Vero platform</a>');
      expect(text).toContain('Resolved \nSep 01, 2022, 01:57 PM UTC\n · lasted 4h 46m');
    });
  });

  describe('GET /incidents/INC-n', () => {
    it.each(['INC-1', 'inc-1'])('lays out the SPEC §1 incident at /incidents/%s', async (ref) => {
      const res = await get(`/incidents/${ref}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const text = visibleText(html);
      expect(html).toContain(
        'Vero experienced a minor incident on September 1, 2022 affecting Vero 1.0: Ingestion API and General UI access and speed and 6 more components, lasting 4h 46m.',
      );
      expect(html).toContain('Sep 01, 2022, 09:10 AM UTC');
      expect(html).toContain('Sep 01, 2022, 01:57 PM UTC');
      expect(html).toContain('<dt>Duration</dt><dd>4h 46m</dd>');
      expect(text).toContain('Pingoru at \nSep 01, 2022, 09:10 AM UTC');
      for (const label of veroComponentLabels) expect(html).toContain(`<li class="row"><span>${label}<`);
      for (const message of veroMessages) {
        for (const paragraph of message.split('\n\n')) expect(text).toContain(paragraph);
      }
      const shown = [...html.matchAll(/<strong>(\w+)<\/strong> · <time/g)].map((m) => m[1]);
      expect(shown).toEqual([
        'Postmortem',
        'Resolved',
        'Monitoring',
        'Identified',
        'Identified',
        'Investigating',
      ]);
    });

    it.each(['INC-99', 'nonsense'])('answers 404 with an HTML page for %s', async (ref) => {
      const res = await get(`/incidents/${ref}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toContain('<h1>Not found</h1>');
    });
  });

  describe('Statuspage v2 JSON', () => {
    it('summarises components, the unresolved incident and the status', async () => {
      const summary = summarySchema.parse(await getJson('/api/v2/summary.json'));
      expect(summary.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
      expect(summary.incidents.map((i) => i.id)).toEqual(['INC-2']);
      expect(summary.components.filter((c) => c.group).map((c) => [c.id, c.name, c.components])).toEqual([
        ['group:vero-1-0', 'Vero 1.0', ['vero1-ingestion-api', 'vero1-newsletter-processing']],
        ['group:vero-2-0', 'Vero 2.0', ['vero2-ui', 'vero2-newsletter-processing']],
      ]);
      expect(summary.components.find((c) => c.id === 'general-ui')?.status).toBe('partial_outage');
      expect(summary.components.find((c) => c.id === 'workflows')?.status).toBe('operational');
    });

    it('answers status.json and components.json', async () => {
      const status = z
        .strictObject({ page: pageSchema, status: statusSchema })
        .parse(await getJson('/api/v2/status.json'));
      expect(status.status.indicator).toBe('major');
      const components = z
        .strictObject({ page: pageSchema, components: z.array(componentSchema) })
        .parse(await getJson('/api/v2/components.json'));
      expect(components.components).toHaveLength(10);
    });

    it('lists recent incidents newest first with their updates newest first', async () => {
      const body = z
        .strictObject({ page: pageSchema, incidents: z.array(incidentSchema) })
        .parse(await getJson('/api/v2/incidents.json'));
      expect(body.incidents.map((i) => [i.id, i.status, i.impact])).toEqual([
        ['INC-2', 'investigating', 'major'],
        ['INC-1', 'postmortem', 'minor'],
      ]);
      const vero = body.incidents[1];
      expect(vero).toMatchObject({
        name: 'Degraded performance across Vero platform',
        started_at: '2022-09-01T09:10:45Z',
        monitoring_at: '2022-09-01T10:57:00Z',
        resolved_at: '2022-09-01T13:57:12Z',
        shortlink: 'https://status.example.test/incidents/INC-1',
      });
      expect(vero?.incident_updates.map((u) => u.display_at)).toEqual([
        '2022-09-01T23:19:00Z',
        '2022-09-01T13:57:12Z',
        '2022-09-01T10:57:00Z',
        '2022-09-01T09:45:00Z',
        '2022-09-01T09:30:00Z',
        '2022-09-01T09:10:45Z',
      ]);
      expect(vero?.incident_updates.map((u) => u.body)).toEqual([...veroMessages].reverse());
      expect(vero?.components.map((c) => c.id)).toHaveLength(8);
    });

    it('lists only the open incident as unresolved', async () => {
      const body = z
        .strictObject({ page: pageSchema, incidents: z.array(incidentSchema) })
        .parse(await getJson('/api/v2/incidents/unresolved.json'));
      expect(body.incidents.map((i) => [i.id, i.name, i.resolved_at])).toEqual([
        ['INC-2', 'Checkout is slow', null],
      ]);
      expect(
        body.incidents[0]?.incident_updates[0]?.affected_components.map((c) => [c.name, c.new_status]),
      ).toEqual([
        ['General UI access and speed', 'partial_outage'],
        ['Vero 2.0: UI', 'partial_outage'],
      ]);
    });

    it('takes ?limit= and ignores other parameters', async () => {
      const one = (await getJson('/api/v2/incidents.json?limit=1&_=1663675200')) as {
        incidents: { id: string }[];
      };
      expect(one.incidents.map((i) => i.id)).toEqual(['INC-2']);
    });

    it.each(['0', '101', 'abc', '1.5', ''])('answers 400 with a reason for ?limit=%s', async (limit) => {
      const res = await get(`/api/v2/incidents.json?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(await res.json()).toEqual({ error: 'bad query: limit must be a whole number from 1 to 100' });
    });
  });

  describe('GET /history.atom', () => {
    it('answers an Atom feed of updates, newest first', async () => {
      const res = await get('/history.atom');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      const atom = await res.text();
      expect(atom).toMatch(
        /^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/,
      );
      const entries = [...atom.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1] ?? '');
      expect(entries).toHaveLength(7);
      const titles = entries.map((e) => /<title>([^<]*)<\/title>/.exec(e)?.[1]);
      expect(titles.slice(0, 3)).toEqual([
        'INC-2 Checkout is slow: Investigating',
        'INC-1 Degraded performance across Vero platform: Postmortem',
        'INC-1 Degraded performance across Vero platform: Resolved',
      ]);
      expect(entries[1]).toContain('<updated>2022-09-01T23:19:00Z</updated>');
      expect(entries[1]).toMatch(
        /<id>https:\/\/status\.example\.test\/incidents\/INC-1#update-[0-9a-f-]{36}<\/id>/,
      );
      expect(atom).toContain(
        'We have identified unusual heavy API traffic :dart:\n\nWe are working on mitigating it, &quot;carefully&quot;, step by step.',
      );
    });
  });

  describe('privacy', () => {
    const publicPaths = [
      '/',
      '/incidents/INC-1',
      '/incidents/INC-2',
      '/api/v2/summary.json',
      '/api/v2/status.json',
      '/api/v2/components.json',
      '/api/v2/incidents.json',
      '/api/v2/incidents/unresolved.json',
      '/history.atom',
    ];

    it('has Slack ids and a note in the database to leak', async () => {
      const incidents = await app.db.prisma.incident.findMany();
      expect(incidents.map((i) => i.channelId)).toEqual([
        expect.stringMatching(/^C0000/),
        expect.stringMatching(/^C0000/),
      ]);
      expect(incidents.map((i) => i.leadId).sort()).toEqual(['U0ONCALL', 'U0RESPOND']);
      expect(announce).toMatch(/^C0000/);
      expect(await app.db.prisma.note.count({ where: { text: NOTE_TEXT } })).toBe(2);
    });

    it.each(publicPaths)('%s names no one and shows no channel or internal note', async (path) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      const body = await res.text();
      for (const secret of ['U0', '<@', 'C0000', NOTE_TEXT, 'T_', 'inc-1-degraded', 'inc-2-checkout']) {
        expect(body).not.toContain(secret);
      }
    });
  });
});
