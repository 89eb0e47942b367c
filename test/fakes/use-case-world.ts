import type { DeclareInput } from '../../src/incidents/declare-incident';
import { DomainError, InvalidInput } from '../../src/incidents/errors';
import type { Component } from '../../src/incidents/model';
import { aComponent } from '../support/fixtures';
import { MemoryIncidents } from './memory-incidents';
import { FixedClock, MemoryCatalog } from './memory-ports';

export const NOW = new Date('2026-03-02T10:00:00Z');
export const minutes = (n: number) => n * 60_000;
export const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

/** A small catalog: an API announced in its own channel, a web app, and an archived legacy queue. */
export function catalog(): Component[] {
  return [
    aComponent({ id: 'cmp-api', key: 'api', name: 'API', position: 0, announceChannels: ['C_API'] }),
    aComponent({ id: 'cmp-web', key: 'web', name: 'Web app', position: 1 }),
    aComponent({ id: 'cmp-old', key: 'legacy', name: 'Legacy queue', position: 2, archivedAt: NOW }),
  ];
}

/** The ports of the incident use cases, in memory, around a clock standing at NOW. */
export function world(options: { createIncidentChannels?: boolean } = {}) {
  const clock = new FixedClock(NOW);
  const components = catalog();
  const incidents = new MemoryIncidents(components, () => clock.now());
  return {
    clock,
    incidents,
    catalog: new MemoryCatalog(components),
    settings: {
      announceChannelIds: ['C_STATUS'],
      privateAnnounceChannelIds: ['C_SECURITY'],
      createIncidentChannels: options.createIncidentChannels ?? true,
    },
  };
}

export function aDeclaration(overrides: Partial<DeclareInput> = {}): DeclareInput {
  return {
    teamId: 'T1',
    title: 'Checkout is failing',
    impact: 'major',
    visibility: 'public',
    componentKeys: ['api'],
    componentStatus: null,
    stage: 'investigating',
    message: 'Payments time out.',
    startedAt: null,
    detectedBy: null,
    detectedAt: null,
    leadId: null,
    declaredBy: { id: 'U_ANA', name: null },
    originChannelId: 'C_ORIGIN',
    sourceKey: null,
    ...overrides,
  };
}

/** The fields an InvalidInput names; fails when the promise resolves or rejects otherwise. */
export async function refusal(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof InvalidInput)) throw new Error(`expected InvalidInput, got ${String(error)}`);
  return error.fields;
}

/** The code and message of a DomainError; fails when the promise resolves or rejects otherwise. */
export async function domainRefusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected DomainError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}
