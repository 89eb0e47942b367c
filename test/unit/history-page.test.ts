import { renderHistoryPage } from '../../src/web/views/history-html';
import { utc } from '../support/fixtures';

const options = { orgName: 'Vero', timeZone: 'America/New_York', now: utc('2022-10-01T12:00:00Z') };

const incident = (number: number, startedAt: string) => ({
  kind: 'incident' as const,
  incident: {
    number,
    title: `Incident ${number}`,
    impact: 'minor' as const,
    stage: 'resolved' as const,
    startedAt: utc(startedAt),
    resolvedAt: utc(startedAt),
  },
});

describe('renderHistoryPage', () => {
  it('heads each month in the display time zone', () => {
    // 02:00 UTC on Sep 01 is still Aug 31 in New York.
    const html = renderHistoryPage(
      {
        items: [incident(2, '2022-09-01T05:00:00Z'), incident(1, '2022-09-01T02:00:00Z')],
        page: 1,
        pages: 1,
      },
      options,
    );
    expect(html.indexOf('<h2>September 2022</h2>')).toBeLessThan(html.indexOf('INC-2'));
    expect(html.indexOf('INC-2')).toBeLessThan(html.indexOf('<h2>August 2022</h2>'));
    expect(html.indexOf('<h2>August 2022</h2>')).toBeLessThan(html.indexOf('INC-1'));
    expect(html).not.toContain('rel="next"');
  });

  it('lists a maintenance with its window and links it', () => {
    const html = renderHistoryPage(
      {
        items: [
          {
            kind: 'maintenance',
            maintenance: {
              number: 3,
              title: 'Database upgrade',
              stage: 'completed',
              scheduledFor: utc('2022-09-10T02:00:00Z'),
              scheduledUntil: utc('2022-09-10T04:00:00Z'),
              startedAt: utc('2022-09-10T02:00:00Z'),
              endedAt: utc('2022-09-10T03:30:00Z'),
              impact: 'maintenance',
              components: [],
              updates: [],
            },
          },
        ],
        page: 2,
        pages: 2,
      },
      options,
    );
    expect(html).toContain('<a href="/maintenances/MNT-3">Database upgrade</a>');
    expect(html).toContain('Sep 09, 2022, 10:00 PM EDT');
    expect(html).toContain('Completed');
    expect(html).toContain('<h2>September 2022</h2>');
    expect(html).toContain('rel="prev"');
  });

  it('says so when there is nothing yet', () => {
    expect(renderHistoryPage({ items: [], page: 1, pages: 1 }, options)).toContain(
      'No incidents or maintenances yet.',
    );
  });
});
