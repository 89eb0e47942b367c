import { html as escapedHtml } from 'ghtml';
import type { Component, IncidentRecord } from '../../src/incidents/model';
import { lastDays } from '../../src/status/calendar-days';
import { componentLayout, overallStatus } from '../../src/status/derive';
import type { PublicComponent, PublicIncident } from '../../src/status/model';
import {
  incidentSpans,
  UPTIME_DAYS,
  type UptimeHistory,
  uptimeHistory,
} from '../../src/status/uptime-history';
import { messageHtml } from '../../src/web/views/html';
import {
  type PageOptions,
  renderIncidentPage,
  renderNotFoundPage,
  renderStatusPage,
  type StatusPageData,
} from '../../src/web/views/status-page-html';
import {
  aComponent,
  aNote,
  anIncidentRecord,
  anUpdate,
  utc,
  veroCatalog,
  veroIncident,
} from '../support/fixtures';

const catalogTime = utc('2022-08-01T00:00:00Z');
const options: PageOptions = { orgName: 'Vero', timeZone: 'UTC', now: utc('2022-09-20T12:00:00Z') };

function publicComponent(component: Component): PublicComponent {
  return { ...component, createdAt: catalogTime, updatedAt: catalogTime };
}

/**
 * The record as a careless reader would pass it: lead, declarer, channel and notes still there at run time,
 * so the tests show the renderers leave them out.
 */
function asPublic(record: IncidentRecord): PublicIncident {
  return {
    ...record,
    components: record.components.map(({ component, status }) => ({
      component: publicComponent(component),
      status,
    })),
  };
}

const veroComponents = veroCatalog().map((component, i) =>
  publicComponent(i === 0 ? { ...component, announceChannels: ['C0ANNOUNCE'] } : component),
);

/** An open incident on Checkout, started two hours before `options.now`. */
function openIncident(overrides: Partial<IncidentRecord> = {}): PublicIncident {
  const [ingestion, generalUi] = veroComponents;
  const startedAt = utc('2022-09-20T10:00:00Z');
  return asPublic(
    anIncidentRecord({
      id: 'inc-2',
      number: 2,
      title: 'Checkout is slow',
      startedAt,
      channelId: 'C0INC2',
      notes: [aNote({ text: 'Internal: the vendor owes us a fix' })],
      updates: [
        anUpdate({
          stage: 'investigating',
          impact: 'major',
          message: 'Looking into it.',
          occurredAt: startedAt,
          sequence: 1,
          components: [{ componentId: ingestion?.id ?? '', status: 'partial_outage' }],
        }),
        anUpdate({
          stage: 'identified',
          impact: 'major',
          message: 'Found it :dart:\n\nA bad deploy; rolling back.',
          occurredAt: utc('2022-09-20T11:00:00Z'),
          sequence: 2,
          components: [
            { componentId: ingestion?.id ?? '', status: 'partial_outage' },
            { componentId: generalUi?.id ?? '', status: 'degraded_performance' },
          ],
        }),
      ],
      components: [
        { component: veroCatalog()[0] as Component, status: 'partial_outage' },
        { component: veroCatalog()[1] as Component, status: 'degraded_performance' },
      ],
      ...overrides,
    }),
  );
}

const vero = asPublic({
  ...veroIncident(),
  notes: [aNote({ text: 'Internal: blame the index rebuild' })],
});

/** The bars of these components, from these incidents' timelines. */
function uptimeOf(components: PublicComponent[], incidents: PublicIncident[] = []): UptimeHistory {
  return uptimeHistory({
    components: components.map(({ id, createdAt }) => ({ id, createdAt, firstActivityAt: null })),
    spans: incidents.flatMap((incident) => incidentSpans(incident, options.now)),
    days: lastDays(options.now, options.timeZone, UPTIME_DAYS),
    now: options.now,
  });
}

function statusPage(data: Partial<StatusPageData> = {}): string {
  return renderStatusPage(
    {
      components: veroComponents,
      openIncidents: [],
      history: [vero],
      historyDays: 90,
      historyTruncated: false,
      uptime: uptimeOf(data.components ?? veroComponents, [vero]),
      ...data,
    },
    options,
  );
}

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

describe('overallStatus', () => {
  it('reads "All systems operational" without open incidents', () => {
    expect(overallStatus([], [])).toEqual({
      indicator: 'none',
      description: 'All Systems Operational',
      headline: 'All systems operational',
    });
  });

  it('names the worst component status when it is the worst thing', () => {
    expect(overallStatus(['degraded_performance', 'partial_outage'], ['minor'])).toEqual({
      indicator: 'major',
      description: 'Partial System Outage',
      headline: 'Partial outage',
    });
    expect(overallStatus(['degraded_performance'], ['minor']).headline).toBe('Degraded performance');
    expect(overallStatus(['major_outage'], ['critical'])).toMatchObject({
      indicator: 'critical',
      headline: 'Major outage',
    });
  });

  it("names an open incident's impact when no component is worse", () => {
    expect(overallStatus([], ['minor', 'major'])).toEqual({
      indicator: 'major',
      description: 'Partial System Outage',
      headline: 'Major incident in progress',
    });
    expect(overallStatus(['degraded_performance'], ['critical']).headline).toBe(
      'Critical incident in progress',
    );
    expect(overallStatus([], ['none'])).toMatchObject({
      indicator: 'none',
      headline: 'Incident in progress',
    });
  });

  it('reports maintenance when it is the worst there is', () => {
    expect(overallStatus(['under_maintenance'], ['none'])).toEqual({
      indicator: 'maintenance',
      description: 'Service Under Maintenance',
      headline: 'Under maintenance',
    });
  });
});

describe('componentLayout', () => {
  it('gathers each group where its first member stands, in catalog order', () => {
    const layout = componentLayout(veroComponents, new Map([[veroComponents[3]?.id ?? '', 'major_outage']]));
    expect(
      layout.map((entry) =>
        entry.kind === 'group'
          ? `${entry.name} [${entry.members.map((m) => m.component.name).join(', ')}] ${entry.status}`
          : `${entry.component.name} ${entry.status}`,
      ),
    ).toEqual([
      'Vero 1.0 [Ingestion API, Newsletter processing] major_outage',
      'General UI access and speed operational',
      'Transactional emails operational',
      'Workflows operational',
      'Behavioral emails operational',
      'Vero 2.0 [UI, Newsletter processing] operational',
    ]);
  });
});

describe('renderStatusPage', () => {
  it('is titled with the org name and runs no script', () => {
    const html = statusPage();
    expect(html).toContain('<title>Vero</title>');
    expect(html).toContain('<h1>Vero</h1>');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).not.toMatch(/<script/i);
  });

  it.each([
    ['no open incident', [], 'indicator-none', 'All systems operational'],
    ['a partial outage', [openIncident()], 'indicator-major', 'Partial outage'],
    [
      'an incident without components',
      [
        openIncident({
          components: [],
          updates: [anUpdate({ impact: 'critical', occurredAt: utc('2022-09-20T10:00:00Z') })],
        }),
      ],
      'indicator-critical',
      'Critical incident in progress',
    ],
  ])('shows a banner for %s', (_case, openIncidents, className, headline) => {
    const html = statusPage({ openIncidents });
    expect(html).toContain(`<section class="banner ${className}" role="status"><p>${headline}</p>`);
  });

  it('lists components by group with their current status', () => {
    const text = visibleText(statusPage({ openIncidents: [openIncident()] }));
    expect(text).toMatch(
      /Vero 1\.0\s+Partial outage\s+Ingestion API\s+Partial outage\s+Newsletter processing\s+Operational/,
    );
    expect(text).toMatch(/General UI access and speed\s+Degraded performance/);
    expect(text).toMatch(/Vero 2\.0\s+Operational\s+UI\s+Operational/);
  });

  it('shows each open incident with its latest update', () => {
    const html = statusPage({ openIncidents: [openIncident()] });
    expect(html).toContain('<a href="/incidents/INC-2">Checkout is slow</a>');
    expect(html).toContain('ongoing for 2h 0m');
    expect(html).toContain('Affects Vero 1.0: Ingestion API, General UI access and speed');
    expect(html).toContain(
      '<strong>Identified</strong> · <time datetime="2022-09-20T11:00:00Z">Sep 20, 2022, 11:00 AM UTC</time>',
    );
    expect(html).toContain('<p>Found it :dart:</p><p>A bad deploy; rolling back.</p>');
    expect(html).not.toContain('Looking into it.');
  });

  it('groups the history by day, with impact, resolution time and duration', () => {
    const html = statusPage({ history: [openIncident(), vero] });
    const text = visibleText(html);
    expect(html).toContain('<h3>September 20, 2022</h3>');
    expect(html).toContain('<h3>September 1, 2022</h3>');
    expect(html).toContain('<a href="/incidents/INC-1">Degraded performance across Vero platform</a>');
    expect(text).toContain('Resolved \nSep 01, 2022, 01:57 PM UTC\n · lasted 4h 46m');
    expect(text).toContain('Identified · ongoing for 2h 0m');
    expect(text.indexOf('September 20, 2022')).toBeLessThan(text.indexOf('September 1, 2022'));
  });

  it('says so when there is no history', () => {
    expect(statusPage({ history: [] })).toContain('No incidents in the last 90 days.');
  });

  it('escapes user text', () => {
    const evil = '<script>alert("x")</script>';
    const html = renderStatusPage(
      {
        components: [publicComponent(aComponent({ name: evil, description: evil }))],
        openIncidents: [openIncident({ title: evil })],
        history: [openIncident({ title: evil })],
        historyDays: 90,
        historyTruncated: false,
        uptime: uptimeOf([], []),
      },
      { ...options, orgName: evil },
    );
    expect(html).not.toContain('<script');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
  });

  it('names no one and shows no channel or internal note', () => {
    const html = statusPage({ openIncidents: [openIncident()], history: [openIncident(), vero] });
    for (const secret of ['U0', 'C0', '<@', 'Ana Lima', 'Ben Okafor', 'Internal:', 'inc-2']) {
      expect(html).not.toContain(secret);
    }
  });
});

describe('renderIncidentPage', () => {
  const html = renderIncidentPage(vero, options);
  const text = visibleText(html);

  it('lays the incident out like SPEC §1', () => {
    expect(html).toContain('<title>INC-1: Degraded performance across Vero platform · Vero</title>');
    expect(html).toContain('<h1>Degraded performance across Vero platform</h1>');
    expect(text).toContain('Minor impact');
    expect(text).toContain('Postmortem');
    expect(html).toContain(
      '<p class="summary">Vero experienced a minor incident on September 1, 2022 affecting Vero 1.0: Ingestion API and General UI access and speed and 6 more components, lasting 4h 46m.</p>',
    );
    expect(html).toContain(
      '<dt>Started</dt><dd><time datetime="2022-09-01T09:10:45Z">Sep 01, 2022, 09:10 AM UTC</time></dd>',
    );
    expect(html).toContain(
      '<dt>Resolved</dt><dd><time datetime="2022-09-01T13:57:12Z">Sep 01, 2022, 01:57 PM UTC</time></dd>',
    );
    expect(html).toContain('<dt>Duration</dt><dd>4h 46m</dd>');
    expect(text).toContain('Pingoru at \nSep 01, 2022, 09:10 AM UTC');
  });

  it('lists the affected components by label, in catalog order', () => {
    const labels = [...html.matchAll(/<li class="row"><span>([^<]*)<\/span>/g)].map((m) => m[1]);
    expect(labels).toEqual([
      'Vero 1.0: Ingestion API',
      'General UI access and speed',
      'Transactional emails',
      'Vero 1.0: Newsletter processing',
      'Workflows',
      'Behavioral emails',
      'Vero 2.0: UI',
      'Vero 2.0: Newsletter processing',
    ]);
  });

  it('shows the updates newest first with paragraphs and emoji as typed', () => {
    const stages = [...html.matchAll(/<strong>(\w+)<\/strong> · <time datetime="([^"]+)"/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(stages).toEqual([
      ['Postmortem', '2022-09-01T23:19:00Z'],
      ['Resolved', '2022-09-01T13:57:12Z'],
      ['Monitoring', '2022-09-01T10:57:00Z'],
      ['Identified', '2022-09-01T09:45:00Z'],
      ['Identified', '2022-09-01T09:30:00Z'],
      ['Investigating', '2022-09-01T09:10:45Z'],
    ]);
    for (const update of vero.updates) {
      for (const paragraph of update.message.split('\n\n')) {
        expect(html).toContain(escapedHtml`<p>${paragraph}</p>`);
      }
    }
    expect(html).toContain('🔍');
  });

  it('tells how long an open incident has lasted so far', () => {
    const open = renderIncidentPage(openIncident(), options);
    expect(open).toContain('<dt>Resolved</dt><dd>Not yet</dd><dt>Duration</dt><dd>2h 0m so far</dd>');
    expect(open).toContain('ongoing for 2h 0m.');
  });

  it('names no one and shows no channel or internal note', () => {
    for (const secret of ['U0', 'C0', '<@', 'Ana Lima', 'Ben Okafor', 'Internal:', 'inc-1-degraded']) {
      expect(html).not.toContain(secret);
    }
  });

  it('escapes the title and the messages', () => {
    const evil = renderIncidentPage(
      openIncident({
        title: '<script>alert(1)</script>',
        updates: [
          anUpdate({
            message: '<img src=x onerror=alert(1)> & more',
            occurredAt: utc('2022-09-20T10:00:00Z'),
          }),
        ],
      }),
      options,
    );
    expect(evil).not.toContain('<script>');
    expect(evil).not.toContain('<img');
    expect(evil).toContain('&#60;img src&#61;x onerror&#61;alert(1)&#62; &#38; more');
  });
});

describe('messageHtml', () => {
  it('keeps paragraphs, line breaks and indentation', () => {
    expect(messageHtml('One\nline two\n\n\n  - indented\r\n\r\nLast  ')).toBe(
      '<div class="message"><p>One\nline two</p><p>  - indented</p><p>Last</p></div>',
    );
  });
});

describe('renderNotFoundPage', () => {
  it('answers with the way back', () => {
    const html = renderNotFoundPage('There is no incident INC-99.', options);
    expect(html).toContain('There is no incident INC-99.');
    expect(html).toContain('<a href="/">See the current status</a>');
  });
});

describe('the stylesheet (what the browser test checks, without a browser)', () => {
  const css = statusPage().match(/<style>(.*?)<\/style>/s)?.[1] ?? '';
  /** The declarations of the rule with exactly this selector, outside any media query. */
  const rule = (selector: string): Record<string, string> => {
    const light = css.replace(/@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '');
    const body = light.match(
      new RegExp(`(?:^|\\})${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\{([^}]*)\\}`),
    )?.[1];
    if (body === undefined) throw new Error(`no rule ${selector}`);
    return Object.fromEntries(
      body.split(';').map((d) => d.split(':').map((s) => s.trim()) as [string, string]),
    );
  };
  /** WCAG 2 contrast ratio of two #rrggbb colours. */
  const contrast = (a: string, b: string) => {
    const luminance = (colour: string) => {
      const hex = colour.length === 4 ? colour.replace(/[0-9a-f]/gi, (d) => d + d) : colour;
      const [r = 0, g = 0, bl = 0] = [1, 3, 5].map((i) => {
        const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (high + 0.05) / (low + 0.05);
  };

  it('keeps the banner and its secondary line at 4.5:1 or more on every banner colour, with no opacity', () => {
    const text = rule('.banner').color ?? '';
    expect(text).toMatch(/^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/);
    const meta = rule('.banner .meta').color ?? text;
    expect(css).not.toMatch(/\.banner[^{]*\{[^}]*opacity/);
    for (const indicator of ['none', 'maintenance', 'minor', 'major', 'critical']) {
      const background = rule(`.indicator-${indicator}`).background ?? '';
      expect(background).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(meta, background)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('has dark colours for readers who prefer them, text at 4.5:1 or more on the cards in either scheme', () => {
    const variables = (block: string) =>
      Object.fromEntries(
        [...block.matchAll(/--([a-z]+):(#[0-9a-f]{3,6})/g)].map(([, k = '', v = '']) => [k, v]),
      );
    const light = variables(css.match(/^:root\{([^}]*)\}/)?.[1] ?? '');
    const dark = variables(css.match(/@media \(prefers-color-scheme:dark\)\{:root\{([^}]*)\}\}/)?.[1] ?? '');
    expect(Object.keys(dark).sort()).toEqual(Object.keys(light).sort());
    const names = ['text', 'muted', 'link', 'ok', 'maintenance', 'minor', 'major', 'critical'];
    for (const scheme of [light, dark]) {
      const low = names.filter((name) => !(contrast(scheme[name] ?? '', scheme.card ?? '') >= 4.5));
      expect(low).toEqual([]);
    }
    expect(dark.card).not.toBe(light.card);
  });

  it('lines a row’s items up by their text, so a badge keeps its own height', () => {
    expect(rule('.row')['align-items']).toBe('baseline');
    expect(rule('.badge').display).toBe('inline-block');
  });
});
