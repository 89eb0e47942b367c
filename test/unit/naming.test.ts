import {
  exportFileName,
  incidentChannelName,
  parseIncidentRef,
  slugify,
  withNameSuffix,
} from '../../src/incidents/naming';

describe('slugify', () => {
  it.each([
    ['Degraded performance across Vero platform', 'degraded-performance-across-vero-platform'],
    ['  API: 500s -- on /login!!  ', 'api-500s-on-login'],
    ['Café déjà vu à Zürich', 'cafe-deja-vu-a-zurich'],
    ['Straße Ærø Łódź', 'strasse-aero-lodz'],
    ['DB_CPU at 100%', 'db-cpu-at-100'],
    ['🔥🔥🔥', 'incident'],
    ['', 'incident'],
    ['---', 'incident'],
  ])('turns %p into %p', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});

describe('incidentChannelName', () => {
  it('is <prefix>-<n>-<slug>', () => {
    expect(incidentChannelName('inc', 1, 'Degraded performance across Vero platform')).toBe(
      'inc-1-degraded-performance-across-vero-platform',
    );
  });

  it('cuts long titles to 80 characters on a word boundary', () => {
    const title =
      'Payments failing for customers in the European region after the scheduled database maintenance window';
    const name = incidentChannelName('inc', 1234, title);
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toBe('inc-1234-payments-failing-for-customers-in-the-european-region-after-the');
    expect(`inc-1234-${slugify(title)}`.startsWith(`${name}-`)).toBe(true);
  });

  it('cuts a single very long word without a boundary, never ending in a dash', () => {
    const name = incidentChannelName('inc', 7, `${'a'.repeat(100)} b`);
    expect(name).toBe(`inc-7-${'a'.repeat(74)}`);
    const dashAtEdge = incidentChannelName('inc', 7, `${'b'.repeat(73)} ccc`);
    expect(dashAtEdge).toBe(`inc-7-${'b'.repeat(73)}`);
    expect(dashAtEdge.endsWith('-')).toBe(false);
  });

  it('lowercases the prefix', () => {
    expect(incidentChannelName('OPS', 2, 'Hi')).toBe('ops-2-hi');
  });

  it('falls back to incident for a title with nothing to slug', () => {
    expect(incidentChannelName('inc', 3, '!!!')).toBe('inc-3-incident');
  });
});

describe('withNameSuffix', () => {
  it('keeps the name on attempt 0 and adds -2, -3 … on retries', () => {
    expect(withNameSuffix('inc-1-db-down', 0)).toBe('inc-1-db-down');
    expect(withNameSuffix('inc-1-db-down', 1)).toBe('inc-1-db-down-2');
    expect(withNameSuffix('inc-1-db-down', 9)).toBe('inc-1-db-down-10');
  });

  it('stays within 80 characters', () => {
    const long = incidentChannelName('inc', 1, 'word '.repeat(40));
    const suffixed = withNameSuffix(long, 12);
    expect(suffixed.length).toBeLessThanOrEqual(80);
    expect(suffixed).toMatch(/^inc-1-word(-word)*-13$/);
  });
});

describe('parseIncidentRef', () => {
  it.each(['INC-42', 'inc-42', '#42', '42', ' Inc-42 '])('reads %p as 42', (text) => {
    expect(parseIncidentRef(text)).toBe(42);
  });

  it.each([
    '',
    'INC',
    'INC-',
    'INC-4x',
    'INC 42',
    '-42',
    '4.2',
    '0',
    'INC-0',
    '##42',
    'incident-42',
    '1'.repeat(20),
  ])('rejects %p', (text) => {
    expect(parseIncidentRef(text)).toBeNull();
  });
});

describe('exportFileName', () => {
  it.each(['md', 'csv', 'json'] as const)('names the %s file INC-<n>-<slug>', (ext) => {
    expect(exportFileName({ number: 1, title: 'Degraded performance across Vero platform' }, ext)).toBe(
      `INC-1-degraded-performance-across-vero-platform.${ext}`,
    );
  });

  it('cuts the slug as the channel name does', () => {
    const name = exportFileName({ number: 1, title: 'word '.repeat(40) }, 'md');
    expect(name.length).toBeLessThanOrEqual(83);
    expect(name).toMatch(/^INC-1-word(-word)*\.md$/);
  });
});
