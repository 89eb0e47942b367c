import { parse } from 'csv-parse/sync';
import { csvCell, csvHeader, csvRows, renderCsv } from '../../src/export/csv';
import {
  aNote,
  anIncidentRecord,
  anUpdate,
  aPerson,
  utc,
  veroIncident,
  veroMessages,
} from '../support/fixtures';

type Row = Record<
  'incident' | 'title' | 'impact' | 'stage' | 'occurred_at' | 'author' | 'message' | 'components',
  string
>;

const parseCsv = (text: string): Row[] => parse(text, { columns: true, relax_column_count: false });

const veroLabels =
  'Vero 1.0: Ingestion API; General UI access and speed; Transactional emails; Vero 1.0: Newsletter processing; Workflows; Behavioral emails; Vero 2.0: UI; Vero 2.0: Newsletter processing';

describe('renderCsv', () => {
  const csv = renderCsv(veroIncident());
  const rows = parseCsv(csv);

  it('starts with the SPEC §6 header', () => {
    expect(csvHeader()).toBe('incident,title,impact,stage,occurred_at,author,message,components\r\n');
    expect(csv.startsWith(csvHeader())).toBe(true);
  });

  it('parses back into six rows, one per update, with ISO 8601 UTC times to the second', () => {
    expect(rows).toHaveLength(6);
    expect(rows.map((row) => row.occurred_at)).toEqual([
      '2022-09-01T09:10:45Z',
      '2022-09-01T09:30:00Z',
      '2022-09-01T09:45:00Z',
      '2022-09-01T10:57:00Z',
      '2022-09-01T13:57:12Z',
      '2022-09-01T23:19:00Z',
    ]);
    expect(rows.map((row) => row.stage)).toEqual([
      'investigating',
      'identified',
      'identified',
      'monitoring',
      'resolved',
      'postmortem',
    ]);
  });

  it('fills every column of a row', () => {
    expect(rows[0]).toEqual({
      incident: 'INC-1',
      title: 'Degraded performance across Vero platform',
      impact: 'minor',
      stage: 'investigating',
      occurred_at: '2022-09-01T09:10:45Z',
      author: 'Ben Okafor',
      message: veroMessages.investigating,
      components: 'Vero 1.0: Ingestion API; General UI access and speed',
    });
    expect(rows[4]?.components).toBe(veroLabels);
  });

  it('round-trips multi-paragraph messages with emoji, commas and quotes', () => {
    expect(rows.map((row) => row.message)).toEqual([
      veroMessages.investigating,
      veroMessages.identified,
      veroMessages.identifiedAgain,
      veroMessages.monitoring,
      veroMessages.resolved,
      veroMessages.postmortem,
    ]);
  });

  it('ends every line with CRLF outside quoted cells', () => {
    const unquoted = csv.replace(/"(?:[^"]|"")*"/g, '');
    expect(unquoted.match(/\r\n/g)).toHaveLength(7);
    expect(unquoted).not.toMatch(/[^\r]\n/);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('round-trips commas, doubled quotes, CR LF and bare LF', () => {
    const message = 'Line one, with "quotes"\r\nLine two\nLine three,,""';
    const record = anIncidentRecord({ title: 'A "quoted", title', updates: [anUpdate({ message })] });
    const [row] = parseCsv(renderCsv(record));
    expect(row?.message).toBe(message);
    expect(row?.title).toBe('A "quoted", title');
  });

  it('neutralises =HYPERLINK(...) and other formula starts with a leading quote', () => {
    const record = anIncidentRecord({
      title: '=HYPERLINK("https://evil.test","click")',
      updates: [anUpdate({ message: '@SUM(A1:A9)', author: aPerson({ name: '+cmd' }) })],
    });
    const [row] = parseCsv(renderCsv(record));
    expect(row?.title).toBe('\'=HYPERLINK("https://evil.test","click")');
    expect(row?.message).toBe("'@SUM(A1:A9)");
    expect(row?.author).toBe("'+cmd");
  });

  it('adds a note row at its time, stage note, with the impact and components in force', () => {
    const note = aNote({ occurredAt: utc('2022-09-01T09:40:00Z'), text: '-1 is not a formula here' });
    const withNote = parseCsv(renderCsv({ ...veroIncident(), notes: [note] }));
    expect(withNote).toHaveLength(7);
    expect(withNote[2]).toMatchObject({
      stage: 'note',
      occurred_at: '2022-09-01T09:40:00Z',
      author: 'Sam Support',
      impact: 'minor',
      message: "'-1 is not a formula here",
      components: veroLabels,
    });
  });
});

describe('csvRows', () => {
  it('gives rows without the header, so several incidents stream under one header', () => {
    const first = veroIncident();
    const second = anIncidentRecord({ number: 2, title: 'Second' });
    const stream = csvHeader() + csvRows(first) + csvRows(second);
    const rows = parseCsv(stream);
    expect(rows).toHaveLength(7);
    expect(rows[6]?.incident).toBe('INC-2');
    expect(csvRows(second).startsWith('INC-2,')).toBe(true);
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\ronly', '"cr\ronly"'],
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tTabbed', "'\tTabbed"],
    ['\rReturn', '"\'\rReturn"'],
    ['=A1,B1', '"\'=A1,B1"'],
    ['', ''],
  ])('writes %p as %p', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
