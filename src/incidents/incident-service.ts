import type { ExportFormat } from '../outbox/effects';
import { type AddNoteOutcome, addNote, type ChannelMessage } from './add-note';
import { announceChannelsFor, type IncidentSettings } from './announce-channels';
import { changeLead } from './change-lead';
import {
  type CorrectionAction,
  deleteUpdate,
  type EditUpdateInput,
  editUpdate,
  startCorrection,
} from './correct-update';
import type { Corrections } from './corrections-port';
import { type DeclareInput, declareIncident } from './declare-incident';
import { type EditIncidentInput, editIncident, mayEditIncident } from './edit-incident';
import type { Component, Incident } from './model';
import type { Clock, ComponentCatalog, Housekeeping, IncidentRepository, Notes, Outbox } from './ports';
import { type PostUpdateInput, postUpdate } from './post-update';
import { type RecordInput, recordIncident } from './record-incident';
import { requestExport } from './request-export';
import { type HousekeepingSettings, runHousekeeping } from './run-housekeeping';
import type { Visibility } from './vocabulary';

export interface IncidentServiceSettings extends IncidentSettings, HousekeepingSettings {
  /** Who may export timelines; empty: everyone. */
  managerUserIds: string[];
  /** Zone for times quoted in messages. */
  timeZone: string;
}

export interface IncidentServicePorts {
  incidents: IncidentRepository;
  catalog: ComponentCatalog;
  notes: Notes;
  outbox: Outbox;
  housekeeping: Housekeeping;
  clock: Clock;
  /** Absent where a use case needs no corrections (unit worlds). */
  corrections?: Corrections;
}

/** The use cases bound to their ports and settings: what every adapter calls. */
export function createIncidentService(ports: IncidentServicePorts, settings: IncidentServiceSettings) {
  const { incidents, catalog, clock } = ports;
  const corrections = () => {
    if (!ports.corrections) throw new Error('corrections are not wired into this service');
    return { corrections: ports.corrections, clock, settings, timeZone: settings.timeZone };
  };
  return {
    declare: (input: DeclareInput) => declareIncident({ incidents, catalog, clock, settings }, input),
    record: (input: RecordInput) => recordIncident({ incidents, catalog, clock, settings }, input),
    postUpdate: (input: PostUpdateInput) =>
      postUpdate({ incidents, catalog, clock, settings, timeZone: settings.timeZone }, input),
    async changeLead(args: { incident: Incident; leadId: string; byUserId: string }): Promise<Incident> {
      const record = await incidents.loadRecord(args.incident.id);
      const announceChannels = announceChannelsFor(
        settings,
        record?.components.map((c) => c.component) ?? [],
        args.incident.visibility,
      );
      return changeLead(incidents, { ...args, announceChannels });
    },
    requestExport: (args: { incident: Incident; userId: string; format: ExportFormat }) =>
      requestExport(ports.outbox, { ...args, managerUserIds: settings.managerUserIds }),
    addNote: (input: {
      channelId: string;
      requestKey: string;
      message: () => Promise<ChannelMessage | null>;
    }): Promise<AddNoteOutcome> => addNote({ incidents, notes: ports.notes }, input),
    runHousekeeping: (now?: Date) =>
      runHousekeeping({ housekeeping: ports.housekeeping, clock, settings }, now),
    startCorrection: (args: { updateId: string; userId: string; action: CorrectionAction }) =>
      startCorrection(corrections(), args),
    editUpdate: (input: EditUpdateInput) => editUpdate(corrections(), input),
    deleteUpdate: (input: { updateId: string; editorId: string }) => deleteUpdate(corrections(), input),
    editIncident: (input: EditIncidentInput) => editIncident(corrections(), input),
    mayEditIncident: (incident: Incident, userId: string) => mayEditIncident(corrections(), incident, userId),
    /** Stakeholder channels of an incident of this visibility affecting these components. */
    announceChannels: (components: Component[], visibility: Visibility) =>
      announceChannelsFor(settings, components, visibility),
  };
}

export type IncidentService = ReturnType<typeof createIncidentService>;
