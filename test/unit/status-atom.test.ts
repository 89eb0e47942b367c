import type { PublicFeedEntry } from '../../src/status/model';
import { escapeXml, renderHistoryAtom } from '../../src/web/views/history-atom';
import { utc, veroIncident } from '../support/fixtures';
import { all, child, parseXml } from '../support/xml';

const options = {
  orgName: 'Vero & Co',
  publicBaseUrl: 'https://status.example.test',
  now: utc('2022-09-20T12:00:00Z'),
};

const vero = veroIncident();
/** Newest first, as the reader returns them. */
const entries: PublicFeedEntry[] = [...vero.updates]
  .reverse()
  .map((update) => ({ incident: { number: vero.number, title: vero.title }, update }));

describe('parseXml (the check itself)', () => {
  it.each([
    ['<a><b></a></b>'],
    ['<a>x & y</a>'],
    ['<a>1 < 2</a>'],
    ['<a></a><b></b>'],
    ['<a x="1" x="2"/>'],
    ['<a>'],
  ])('refuses %s', (xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});

describe('renderHistoryAtom', () => {
  const atom = renderHistoryAtom(entries, options);
  const feed = parseXml(atom);

  it('is a well-formed Atom 1.0 feed', () => {
    expect(atom.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
    expect(feed.name).toBe('feed');
    expect(feed.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(child(feed, 'id')?.text).toBe('https://status.example.test/history.atom');
    expect(child(feed, 'title')?.text).toBe('Vero & Co status: incident history');
    expect(child(feed, 'updated')?.text).toBe('2022-09-01T23:19:00Z');
    expect(child(child(feed, 'author'), 'name')?.text).toBe('Vero & Co');
    expect(all(feed, 'link').map((l) => [l.attributes.rel, l.attributes.href])).toEqual([
      ['self', 'https://status.example.test/history.atom'],
      ['alternate', 'https://status.example.test/'],
    ]);
  });

  it('has one entry per update, newest first, each with the elements Atom requires', () => {
    const items = all(feed, 'entry');
    expect(items.map((e) => [child(e, 'title')?.text, child(e, 'updated')?.text])).toEqual([
      ['INC-1 Degraded performance across Vero platform: Postmortem', '2022-09-01T23:19:00Z'],
      ['INC-1 Degraded performance across Vero platform: Resolved', '2022-09-01T13:57:12Z'],
      ['INC-1 Degraded performance across Vero platform: Monitoring', '2022-09-01T10:57:00Z'],
      ['INC-1 Degraded performance across Vero platform: Identified', '2022-09-01T09:45:00Z'],
      ['INC-1 Degraded performance across Vero platform: Identified', '2022-09-01T09:30:00Z'],
      ['INC-1 Degraded performance across Vero platform: Investigating', '2022-09-01T09:10:45Z'],
    ]);
    const ids = items.map((e) => child(e, 'id')?.text);
    expect(new Set(ids).size).toBe(6);
    expect(ids[0]).toBe('https://status.example.test/incidents/INC-1#update-upd-vero-6');
    expect(child(items[0], 'link')?.attributes).toEqual({
      rel: 'alternate',
      type: 'text/html',
      href: 'https://status.example.test/incidents/INC-1#update-upd-vero-6',
    });
  });

  it('carries each message verbatim as text content', () => {
    const items = all(feed, 'entry');
    expect(items.map((e) => child(e, 'content')?.attributes.type)).toEqual(Array(6).fill('text'));
    expect(items.map((e) => child(e, 'content')?.text)).toEqual(entries.map((e) => e.update.message));
  });

  it('escapes markup in titles and messages', () => {
    const evil = renderHistoryAtom(
      [
        {
          incident: { number: 7, title: '<script>alert(1)</script> & co' },
          update: { ...(entries[0] as PublicFeedEntry).update, message: 'a < b & "c"\u0007]]>' },
        },
      ],
      options,
    );
    expect(evil).not.toContain('<script>');
    const [entry] = all(parseXml(evil), 'entry');
    expect(child(entry, 'title')?.text).toBe('INC-7 <script>alert(1)</script> & co: Postmortem');
    expect(child(entry, 'content')?.text).toBe('a < b & "c"]]>');
  });

  it('is still a valid feed without entries', () => {
    const empty = parseXml(renderHistoryAtom([], options));
    expect(child(empty, 'updated')?.text).toBe('2022-09-20T12:00:00Z');
    expect(all(empty, 'entry')).toHaveLength(0);
  });

  it('names no one', () => {
    expect(atom).not.toContain('U0');
    expect(atom).not.toContain('Ana Lima');
    expect(atom).not.toContain('Ben Okafor');
  });
});

describe('escapeXml', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(escapeXml('<a href="x">&</a>\u0000\u001b\tok\n')).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;\tok\n',
    );
  });
});
