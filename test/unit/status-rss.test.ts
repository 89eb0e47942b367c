import type { PublicFeedEntry } from '../../src/status/model';
import type { PublicMaintenanceFeedEntry } from '../../src/status/public-maintenance';
import { renderHistoryAtom } from '../../src/web/views/history-atom';
import { renderHistoryRss } from '../../src/web/views/history-rss';
import { utc, veroIncident } from '../support/fixtures';
import { all, child, parseXml, type XmlElement } from '../support/xml';

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
const maintenanceEntries: PublicMaintenanceFeedEntry[] = [
  {
    maintenance: { number: 3, title: 'Database upgrade' },
    update: {
      id: 'mnt-upd-2',
      stage: 'in_progress',
      message: 'The upgrade has begun.',
      occurredAt: utc('2022-09-01T10:00:00Z'),
      createdAt: utc('2022-09-01T10:00:00Z'),
    },
  },
];

const channelOf = (rss: string) => {
  const root = parseXml(rss);
  expect(root.name).toBe('rss');
  return child(root, 'channel') as XmlElement;
};

describe('renderHistoryRss', () => {
  const rss = renderHistoryRss(entries, options, maintenanceEntries);
  const channel = channelOf(rss);

  it('is a well-formed RSS 2.0 feed with the channel elements RSS requires', () => {
    expect(rss.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
    const root = parseXml(rss);
    expect(root.attributes.version).toBe('2.0');
    expect(child(channel, 'title')?.text).toBe('Vero & Co status: incident history');
    expect(child(channel, 'link')?.text).toBe('https://status.example.test/');
    expect(child(channel, 'description')?.text).toContain('Vero & Co');
    expect(child(channel, 'lastBuildDate')?.text).toBe('Thu, 01 Sep 2022 23:19:00 GMT');
    expect(child(channel, 'atom:link')?.attributes).toEqual({
      rel: 'self',
      type: 'application/rss+xml',
      href: 'https://status.example.test/history.rss',
    });
  });

  it('has the Atom feed’s entries in its order: link and guid are the entry’s link and id, pubDate its time', () => {
    const atomEntries = all(parseXml(renderHistoryAtom(entries, options, maintenanceEntries)), 'entry');
    const items = all(channel, 'item');
    expect(items).toHaveLength(7);
    expect(
      items.map((item) => ({
        title: child(item, 'title')?.text,
        link: child(item, 'link')?.text,
        guid: child(item, 'guid')?.text,
        time: Date.parse(child(item, 'pubDate')?.text ?? ''),
      })),
    ).toEqual(
      atomEntries.map((entry) => ({
        title: child(entry, 'title')?.text,
        link: child(entry, 'link')?.attributes.href,
        guid: child(entry, 'id')?.text,
        time: Date.parse(child(entry, 'updated')?.text ?? ''),
      })),
    );
    expect(items.map((item) => child(item, 'guid')?.attributes.isPermaLink)).toEqual(Array(7).fill('true'));
    // RFC 822 dates, as RSS 2.0 requires.
    for (const item of items) {
      expect(child(item, 'pubDate')?.text).toMatch(
        /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
      );
    }
    expect(child(items[3], 'title')?.text).toBe('MNT-3 Database upgrade: In progress');
    expect(child(items[3], 'link')?.text).toBe(
      'https://status.example.test/maintenances/MNT-3#update-mnt-upd-2',
    );
    expect(child(items[6], 'pubDate')?.text).toBe('Thu, 01 Sep 2022 09:10:45 GMT');
  });

  it('carries each message as escaped HTML, so a reader shows the text, never markup', () => {
    const evil = renderHistoryRss(
      [
        {
          incident: { number: 7, title: '<script>alert(1)</script> & co' },
          update: { ...(entries[0] as PublicFeedEntry).update, message: 'a < b & "c"\u0007 <img src=x>' },
        },
      ],
      options,
    );
    expect(evil).not.toContain('<script>');
    expect(evil).not.toContain('<img');
    const [item] = all(channelOf(evil), 'item');
    expect(child(item, 'title')?.text).toBe('INC-7 <script>alert(1)</script> & co: Postmortem');
    expect(child(item, 'description')?.text).toBe('a &lt; b &amp; &quot;c&quot; &lt;img src=x&gt;');
  });

  it('is still a valid feed without entries', () => {
    const empty = channelOf(renderHistoryRss([], options));
    expect(child(empty, 'lastBuildDate')?.text).toBe('Tue, 20 Sep 2022 12:00:00 GMT');
    expect(all(empty, 'item')).toHaveLength(0);
  });

  it('keeps to the limit, as the Atom feed does', () => {
    expect(
      all(channelOf(renderHistoryRss(entries, { ...options, limit: 2 }, maintenanceEntries)), 'item'),
    ).toHaveLength(2);
  });
});
