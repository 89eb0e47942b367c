import { lastDays } from '../../src/status/calendar-days';
import type { PublicComponent } from '../../src/status/model';
import { incidentSpans, UPTIME_DAYS, uptimeHistory } from '../../src/status/uptime-history';
import { uptimeSection } from '../../src/web/views/uptime-html';
import { aComponent, utc } from '../support/fixtures';

const now = utc('2026-12-01T12:00:00Z');

function publicComponent(overrides: Parameters<typeof aComponent>[0], createdAt: Date): PublicComponent {
  return { ...aComponent(overrides), createdAt, updatedAt: createdAt };
}

const api = publicComponent(
  { key: 'api', name: 'API', group: 'Edge', position: 0 },
  utc('2025-01-01T00:00:00Z'),
);
const search = publicComponent({ key: 'search', name: 'Search', position: 1 }, utc('2026-12-01T06:00:00Z'));
const future = publicComponent({ key: 'later', name: 'Later', position: 2 }, utc('2027-01-01T00:00:00Z'));

function section(title: string) {
  const incident = {
    number: 4,
    title,
    updates: [
      {
        stage: 'investigating' as const,
        occurredAt: utc('2026-11-30T10:00:00Z'),
        sequence: 1,
        components: [{ componentId: api.id, status: 'partial_outage' as const }],
      },
      { stage: 'resolved' as const, occurredAt: utc('2026-11-30T12:00:00Z'), sequence: 2, components: [] },
    ],
  };
  const uptime = uptimeHistory({
    components: [api, search, future].map(({ id, createdAt }) => ({ id, createdAt, firstActivityAt: null })),
    spans: incidentSpans(incident, now),
    days: lastDays(now, 'UTC', UPTIME_DAYS),
    now,
  });
  return uptimeSection([future, search, api], uptime);
}

describe('uptimeSection', () => {
  it('gives each component, in catalog order, 90 keyboard-reachable bars with their text', () => {
    const html = section('Slow API');
    expect(html.match(/<ol class="bars"/g)).toHaveLength(3);
    expect(html.match(/<li class="bar [a-z_ ]+" tabindex="0">/g)).toHaveLength(270);
    expect(html.indexOf('Edge: API')).toBeLessThan(html.indexOf('Search'));
    expect(html.indexOf('Search')).toBeLessThan(html.indexOf('Later'));
    expect(html).toContain(
      '<li class="bar partial_outage events" tabindex="0"><span class="tip">Nov 30, 2026: Partial outage. <a href="/incidents/INC-4">INC-4 Slow API</a></span></li>',
    );
    expect(html).toContain(
      '<li class="bar operational" tabindex="0"><span class="tip">Dec 01, 2026: Operational</span></li>',
    );
    expect(html).toContain('<span class="tip">Sep 03, 2026: No data</span>');
    expect(html).toContain('aria-label="Edge: API: one bar a day since Sep 03, 2026"');
  });

  it('shows the percentage with two decimals, or that there is no data yet', () => {
    const html = section('Slow API');
    // 2 h at 30 % of 2,148 h observed: 99.97 %.
    expect(html).toContain('<span>Edge: API</span><span class="meta">99.97% uptime</span>');
    expect(html).toContain('<span>Search</span><span class="meta">100.00% uptime</span>');
    expect(html).toContain('<span>Later</span><span class="meta">No data yet</span>');
  });

  it('names every colour in words and links to the incident history', () => {
    const html = section('Slow API');
    for (const word of [
      'Operational',
      'Under maintenance',
      'Degraded performance',
      'Partial outage',
      'Major outage',
      'No data',
    ]) {
      expect(html).toContain(`</span>${word}</li>`);
    }
    expect(html).toContain('<a href="/history">Incident history</a>');
  });

  it('escapes incident titles in the text of a bar', () => {
    const html = section('<img src=x onerror=alert(1)>');
    expect(html).not.toContain('<img');
    expect(html).toContain('INC-4 &#60;img src&#61;x onerror&#61;alert(1)&#62;</a>');
  });
});
