import { escapeBlock, renderMarkdown } from '../../src/export/markdown';
import {
  aComponent,
  aNote,
  anIncidentRecord,
  anUpdate,
  aPerson,
  utc,
  veroIncident,
  veroMessages,
} from '../support/fixtures';

const options = { orgName: 'Vero', timeZone: 'UTC', now: utc('2022-09-02T08:00:00Z') };

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(veroIncident(), options);

  it('opens with the ref and title, then impact and stage', () => {
    const [title, , impactAndStage] = markdown.split('\n');
    expect(title).toBe('# INC-1: Degraded performance across Vero platform');
    expect(impactAndStage).toBe('**Impact:** Minor · **Stage:** Postmortem');
  });

  it('names the visibility on its own header line, private ones marked as such', () => {
    expect(markdown.split('\n')[4]).toBe('**Visibility:** Public (on the status page)');
    expect(renderMarkdown({ ...veroIncident(), visibility: 'private' }, options)).toContain(
      '\n\n**Visibility:** Private (its channel and managers only, never public)\n\n',
    );
  });

  it('contains the exact SPEC §1 summary sentence', () => {
    expect(markdown).toContain(
      '\n\nVero experienced a minor incident on September 1, 2022 affecting Vero 1.0: Ingestion API and General UI access and speed and 6 more components, lasting 4h 46m.\n\n',
    );
  });

  it('tabulates Started, Resolved, Duration, Detected by and Lead', () => {
    expect(markdown).toContain(
      [
        '| Started | Sep 01, 2022, 09:10 AM UTC |',
        '| Resolved | Sep 01, 2022, 01:57 PM UTC |',
        '| Duration | 4h 46m |',
        '| Detected by | Pingoru at Sep 01, 2022, 09:10 AM UTC |',
        '| Lead | Ana Lima |',
      ].join('\n'),
    );
  });

  it('lists the affected components as Group: Name in catalog order, with status', () => {
    const section = markdown.slice(
      markdown.indexOf('## Affected components'),
      markdown.indexOf('## Update timeline'),
    );
    expect(section.trim().split('\n').slice(2)).toEqual([
      '- Vero 1.0: Ingestion API — Operational',
      '- General UI access and speed — Operational',
      '- Transactional emails — Operational',
      '- Vero 1.0: Newsletter processing — Operational',
      '- Workflows — Operational',
      '- Behavioral emails — Operational',
      '- Vero 2.0: UI — Operational',
      '- Vero 2.0: Newsletter processing — Operational',
    ]);
  });

  it('lays the timeline out in occurred order, a back-dated update in its occurred place', () => {
    const headings = markdown.split('\n').filter((line) => line.startsWith('### '));
    expect(headings).toEqual([
      '### Investigating · Sep 01, 2022, 09:10 AM UTC',
      '### Identified · Sep 01, 2022, 09:30 AM UTC',
      '### Identified · Sep 01, 2022, 09:45 AM UTC',
      '### Monitoring · Sep 01, 2022, 10:57 AM UTC',
      '### Resolved · Sep 01, 2022, 01:57 PM UTC',
      '### Postmortem · Sep 01, 2022, 11:19 PM UTC',
    ]);
  });

  it('names the author of each update and says when one was back-dated', () => {
    expect(markdown).toContain('### Investigating · Sep 01, 2022, 09:10 AM UTC\n\nPosted by Ben Okafor');
    expect(markdown).toContain(
      '### Identified · Sep 01, 2022, 09:45 AM UTC\n\nPosted by Ana Lima · recorded Sep 01, 2022, 11:02 AM UTC (back-dated)',
    );
    expect(markdown).toContain('### Monitoring · Sep 01, 2022, 10:57 AM UTC\n\nPosted by Ana Lima\n\n');
  });

  it('keeps every message verbatim, paragraphs and emoji included', () => {
    for (const message of Object.values(veroMessages)) expect(markdown).toContain(`\n\n${message}\n`);
  });

  it('never uses Slack mention syntax', () => {
    expect(markdown).not.toMatch(/<@U/);
    expect(markdown).not.toContain('U0VEROLEAD');
  });

  it('falls back to the user id when a person has no display name', () => {
    const record = { ...veroIncident(), lead: aPerson({ id: 'U0NONAME', name: null }) };
    expect(renderMarkdown(record, options)).toContain('| Lead | U0NONAME |');
  });

  it('interleaves internal notes at their time, marked internal', () => {
    const note = aNote({ occurredAt: utc('2022-09-01T09:40:00Z'), text: 'Acme escalated via support 📞' });
    const withNote = renderMarkdown({ ...veroIncident(), notes: [note] }, options);
    const headings = withNote.split('\n').filter((line) => line.startsWith('### '));
    expect(headings.slice(1, 4)).toEqual([
      '### Identified · Sep 01, 2022, 09:30 AM UTC',
      '### Internal note · Sep 01, 2022, 09:40 AM UTC',
      '### Identified · Sep 01, 2022, 09:45 AM UTC',
    ]);
    expect(withNote).toContain(
      '### Internal note · Sep 01, 2022, 09:40 AM UTC\n\n_Internal, not public._ From the incident channel, by Sam Support\n\nAcme escalated via support 📞\n',
    );
  });

  it('shows times in the display time zone', () => {
    const newYork = renderMarkdown(veroIncident(), { ...options, timeZone: 'America/New_York' });
    expect(newYork).toContain('| Started | Sep 01, 2022, 05:10 AM EDT |');
    expect(newYork).toContain('### Resolved · Sep 01, 2022, 09:57 AM EDT');
  });

  describe('for an open incident', () => {
    const record = anIncidentRecord({
      title: 'Checkout errors',
      startedAt: utc('2022-09-01T09:10:45Z'),
      updates: [anUpdate({ stage: 'identified', occurredAt: utc('2022-09-01T09:10:45Z'), impact: 'major' })],
    });
    const open = renderMarkdown(record, { ...options, now: utc('2022-09-01T10:02:45Z') });

    it('says it is not yet resolved and how long it has been going on', () => {
      expect(open).toContain('| Resolved | Not yet resolved |');
      expect(open).toContain('| Duration | 52m (ongoing) |');
      expect(open).toContain('Vero experienced a major incident on September 1, 2022, ongoing for 52m.');
    });

    it('says none for components and a dash for detection', () => {
      expect(open).toContain('## Affected components\n\n_None_\n');
      expect(open).toContain('| Detected by | — |');
    });
  });

  it('shows the detected time alone when no detector is named', () => {
    const record = anIncidentRecord({ detectedAt: utc('2022-09-01T09:20:00Z') });
    expect(renderMarkdown(record, options)).toContain('| Detected by | Sep 01, 2022, 09:20 AM UTC |');
  });

  it('escapes pipes and newlines in table cells', () => {
    const record = anIncidentRecord({
      detectedBy: 'Pingdom | Datadog\nalerts',
      lead: aPerson({ name: 'A|B' }),
    });
    const text = renderMarkdown(record, options);
    expect(text).toContain('| Detected by | Pingdom \\| Datadog alerts |');
    expect(text).toContain('| Lead | A\\|B |');
  });

  it('keeps a title ending in # from losing it', () => {
    const record = anIncidentRecord({ title: 'Outage in channel #' });
    expect(renderMarkdown(record, options).split('\n')[0]).toBe('# INC-1: Outage in channel \\#');
  });

  it('escapes a component label that would turn a list item into a heading', () => {
    const component = aComponent({ name: '# Core' });
    const record = anIncidentRecord({ components: [{ component, status: 'major_outage' }] });
    expect(renderMarkdown(record, options)).toContain('- \\# Core — Major outage');
  });

  it('renders 2,000 updates with one heading each', () => {
    const updates = Array.from({ length: 2000 }, (_, i) =>
      anUpdate({
        occurredAt: new Date(Date.UTC(2022, 8, 1, 9) + i * 60_000),
        sequence: i + 1,
        message: `Step ${i}`,
      }),
    );
    const text = renderMarkdown(
      anIncidentRecord({ startedAt: utc('2022-09-01T09:00:00Z'), updates }),
      options,
    );
    expect(text.match(/^### /gm)).toHaveLength(2000);
    expect(text.indexOf('Step 1999')).toBeGreaterThan(text.indexOf('Step 1998'));
  });
});

describe('escapeBlock', () => {
  it.each([
    ['# Not a heading', '\\# Not a heading'],
    ['  ### still not', '  \\### still not'],
    ['Title\n===', 'Title\n\\==='],
    ['Title\n---', 'Title\n\\---'],
    ['* * *', '\\* * *'],
    ['<!-- hidden', '\\<!-- hidden'],
    ['<div>', '\\<div>'],
    ['[x]: https://example.test', '\\[x]: https://example.test'],
  ])('escapes the line start of %p', (text, escaped) => {
    expect(escapeBlock(text)).toBe(escaped);
  });

  it.each([
    'Plain text, with *emphasis* and a #hashtag',
    '- a list\n- of items',
    '1. first\n2. second',
    '> a quote',
    'See `code` and <https://example.test>',
    'Done ✅ 🎉',
    '```\n# inside a closed fence\n```',
    'C# and F#',
  ])('keeps %p verbatim', (text) => {
    expect(escapeBlock(text)).toBe(text);
  });

  it('escapes a fence left open, which would swallow the rest of the document', () => {
    expect(escapeBlock('Logs:\n```\nerror 500\n# after')).toBe('Logs:\n\\```\nerror 500\n\\# after');
  });

  it('keeps a closed fence and escapes only an unclosed one after it', () => {
    expect(escapeBlock('```\na\n```\n~~~\nb')).toBe('```\na\n```\n\\~~~\nb');
  });
});
