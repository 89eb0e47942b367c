import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ImportOptions, type ImportReport, runImport } from '../../src/import/run-import';
import type { Database } from '../../src/persistence/open-database';
import { PrismaStatuspageImport } from '../../src/persistence/prisma-statuspage-import';
import { veroComponentLabels, veroMessages, veroTimes } from './scenarios';

/** The hand-written page of test/fixtures/statuspage/acme (documented Statuspage v2 shapes). */
export const acmeFixture = join(__dirname, '..', 'fixtures', 'statuspage', 'acme');

/** Real captures of public pages, outside the repository (SPEC §14); absent on a fresh clone. */
export const sharedCaptures = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'statuspage');

export type Json = Record<string, unknown>;

/** A copy of a page folder that a test may change. */
export function copyPage(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-statuspage-'));
  cpSync(from, dir, { recursive: true });
  return dir;
}

export function readPage(dir: string, file: string): Json {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as Json;
}

export function writePage(dir: string, file: string, data: unknown): void {
  writeFileSync(join(dir, file), `${JSON.stringify(data, null, 2)}\n`);
}

export function importInto(db: Database, options: ImportOptions, teamId?: string): Promise<ImportReport> {
  return runImport(new PrismaStatuspageImport(db.prisma, teamId), options);
}

/** Rows an import may write; all zero means nothing was written. */
export const nothingWritten = {
  incidents: 0,
  updates: 0,
  components: 0,
  outbox: 0,
  linked: 0,
  maintenances: 0,
  maintenanceUpdates: 0,
};

export async function writtenRows(db: Database) {
  const [incidents, updates, components, outbox, linked, maintenances, maintenanceUpdates] =
    await Promise.all([
      db.prisma.incident.count(),
      db.prisma.incidentUpdate.count(),
      db.prisma.incidentComponent.count(),
      db.prisma.outboxJob.count(),
      db.prisma.component.count({ where: { statuspageId: { not: null } } }),
      db.prisma.maintenance.count(),
      db.prisma.maintenanceUpdate.count(),
    ]);
  return { incidents, updates, components, outbox, linked, maintenances, maintenanceUpdates };
}

const veroCodes = veroComponentLabels.map((_, i) => `verocmp0000${i + 1}`);

function change(indexes: number[], oldStatus: string, newStatus: string) {
  return indexes.map((i) => ({
    code: veroCodes[i],
    name: (veroComponentLabels[i] ?? '').replace(/^Vero \d\.0: /, ''),
    old_status: oldStatus,
    new_status: newStatus,
  }));
}

/**
 * The incident of SPEC §1 as Statuspage serves it: the times and messages of the Slack scenario
 * (replayVero), each update recorded 20 s after it is shown, newest first.
 */
export function veroStatuspageIncident(): Json {
  const recorded = (i: number) => new Date(Date.parse(veroTimes[i] ?? '') + 20_000).toISOString();
  const stagesInOrder = ['investigating', 'identified', 'identified', 'monitoring', 'resolved', 'postmortem'];
  const components = [
    change([0, 1, 2], 'operational', 'degraded_performance'),
    change([3, 4], 'operational', 'degraded_performance'),
    change([5, 6, 7], 'operational', 'degraded_performance'),
    null,
    change([0, 1, 2, 3, 4, 5, 6, 7], 'degraded_performance', 'operational'),
    null,
  ];
  const updates = stagesInOrder.map((status, i) => ({
    id: `veroupd0000${i + 1}`,
    status,
    body: veroMessages[i],
    incident_id: 'veroinc00001',
    created_at: recorded(i),
    updated_at: recorded(i),
    display_at: veroTimes[i],
    affected_components: components[i],
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  }));
  return {
    id: 'veroinc00001',
    name: 'Degraded performance across Vero platform',
    status: 'postmortem',
    created_at: veroTimes[0],
    updated_at: recorded(5),
    monitoring_at: veroTimes[3],
    resolved_at: veroTimes[4],
    impact: 'minor',
    shortlink: 'https://stspg.io/veroinc00001',
    started_at: veroTimes[0],
    page_id: 'veropage0001',
    incident_updates: updates.reverse(),
    components: [],
  };
}

/** Vero's catalog as Statuspage lists it: groups `Vero 1.0` and `Vero 2.0` and their members. */
function veroComponents(): Json[] {
  const groups = new Map<string, string>();
  const components: Json[] = [];
  veroComponentLabels.forEach((label, i) => {
    const [group, name] = label.includes(': ') ? label.split(': ') : [null, label];
    let groupId: string | null = null;
    if (group) {
      groupId = groups.get(group) ?? `verogrp0v${groups.size + 1}00`;
      if (!groups.has(group)) {
        groups.set(group, groupId);
        components.push({ id: groupId, name: group, status: 'operational', group: true, components: [] });
      }
      const entry = components.find((c) => c.id === groupId) as { components: string[] };
      entry.components.push(veroCodes[i] ?? '');
    }
    components.push({
      id: veroCodes[i],
      name,
      status: 'operational',
      position: i + 1,
      group_id: groupId,
      group: false,
    });
  });
  return components;
}

/** Writes a page folder with Vero's components and the given incidents. */
export function veroPageWith(incidents: Json[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-statuspage-'));
  const page = { id: 'veropage0001', name: 'Vero' };
  writePage(dir, 'components.json', { page, components: veroComponents() });
  writePage(dir, 'incidents.json', { page, incidents });
  return dir;
}
