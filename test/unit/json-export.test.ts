import { renderJson, toExportJson } from '../../src/export/json';
import { exportSchema } from '../support/export-schema';
import { aNote, anIncidentRecord, anUpdate, utc, veroIncident } from '../support/fixtures';

describe('toExportJson', () => {
  const json = toExportJson(veroIncident());

  it('validates against the SPEC §6 shape', () => {
    expect(() => exportSchema.parse(json)).not.toThrow();
  });

  it('describes the SPEC §1 incident', () => {
    expect(json).toMatchObject({
      id: 'INC-1',
      name: 'Degraded performance across Vero platform',
      status: 'postmortem',
      impact: 'minor',
      started_at: '2022-09-01T09:10:45Z',
      resolved_at: '2022-09-01T13:57:12Z',
      updated_at: '2022-09-01T23:19:00Z',
      duration_seconds: 4 * 3600 + 46 * 60 + 27,
      detected_by: 'Pingoru',
      detected_at: '2022-09-01T09:10:45Z',
    });
  });

  it('names the visibility, private ones included', () => {
    expect(json.visibility).toBe('public');
    expect(toExportJson({ ...veroIncident(), visibility: 'private' }).visibility).toBe('private');
  });

  it('lists components by key with their own name and group', () => {
    expect(json.components).toHaveLength(8);
    expect(json.components[0]).toEqual({
      id: 'vero1-ingestion-api',
      name: 'Ingestion API',
      group: 'Vero 1.0',
      status: 'operational',
    });
    expect(json.components[1]).toEqual({
      id: 'general-ui',
      name: 'General UI access and speed',
      group: null,
      status: 'operational',
    });
  });

  it('lists updates in occurred order, display_at occurred and created_at recorded', () => {
    expect(
      json.incident_updates.map((update) => [update.status, update.display_at, update.created_at]),
    ).toEqual([
      ['investigating', '2022-09-01T09:10:45Z', '2022-09-01T09:12:03Z'],
      ['identified', '2022-09-01T09:30:00Z', '2022-09-01T09:30:00Z'],
      ['identified', '2022-09-01T09:45:00Z', '2022-09-01T11:02:00Z'],
      ['monitoring', '2022-09-01T10:57:00Z', '2022-09-01T10:57:00Z'],
      ['resolved', '2022-09-01T13:57:12Z', '2022-09-01T13:57:12Z'],
      ['postmortem', '2022-09-01T23:19:00Z', '2022-09-01T23:19:00Z'],
    ]);
    expect(json.incident_updates[0]?.author).toBe('Ben Okafor');
  });

  it('gives each update the component status changes it made', () => {
    const [first, second, third, monitoring, resolved] = json.incident_updates;
    expect(first?.affected_components).toEqual([
      {
        code: 'vero1-ingestion-api',
        name: 'Ingestion API',
        old_status: 'operational',
        new_status: 'degraded_performance',
      },
      {
        code: 'general-ui',
        name: 'General UI access and speed',
        old_status: 'operational',
        new_status: 'degraded_performance',
      },
    ]);
    expect(second?.affected_components).toHaveLength(7);
    expect(third?.affected_components).toEqual([
      {
        code: 'vero1-ingestion-api',
        name: 'Ingestion API',
        old_status: 'partial_outage',
        new_status: 'degraded_performance',
      },
    ]);
    expect(monitoring?.affected_components).toEqual([]);
    expect(resolved?.affected_components.map((change) => change.new_status)).toEqual(
      Array(8).fill('operational'),
    );
  });

  it('puts internal notes under notes, not among the updates', () => {
    const note = aNote({ id: 'note-1', occurredAt: utc('2022-09-01T09:40:00Z'), text: 'Support is on it' });
    const withNote = toExportJson({ ...veroIncident(), notes: [note] });
    expect(withNote.incident_updates).toHaveLength(6);
    expect(withNote.notes).toEqual([
      {
        id: 'note-1',
        body: 'Support is on it',
        display_at: '2022-09-01T09:40:00Z',
        created_at: '2022-09-01T09:40:00Z',
        author: 'Sam Support',
      },
    ]);
    expect(() => exportSchema.parse(withNote)).not.toThrow();
  });

  it('leaves resolved_at and duration_seconds null while open', () => {
    const open = toExportJson(anIncidentRecord({ updates: [anUpdate({ stage: 'monitoring' })] }));
    expect(open).toMatchObject({
      status: 'monitoring',
      resolved_at: null,
      duration_seconds: null,
      detected_at: null,
    });
    expect(() => exportSchema.parse(open)).not.toThrow();
  });
});

describe('renderJson', () => {
  it('is the object, pretty-printed, that parses back to the same thing', () => {
    const record = veroIncident();
    const text = renderJson(record);
    expect(text).toContain('\n  "id": "INC-1",\n');
    expect(JSON.parse(text)).toEqual(toExportJson(record));
  });
});
