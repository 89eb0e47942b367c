import type { Corrections } from './incidents/corrections-port';
import { incidentRef } from './incidents/model';
import type { IncidentRepository } from './incidents/ports';
import { addLogFields } from './logger';

/** The current scope's lines name this incident from here on (SPEC §15 `incident`). */
function naming<T extends { number: number } | null | undefined>(incident: T): T {
  if (incident) addLogFields({ incident: incidentRef(incident) });
  return incident;
}

/**
 * The repository as given, except that once it has read or written one incident, the lines of the
 * Slack delivery, HTTP request or outbox job doing it name that incident.
 */
export function namingIncidentInLogs<R extends IncidentRepository>(incidents: R): R {
  const tagged: R = Object.create(incidents);
  tagged.declare = async (draft, effects) => {
    const result = await incidents.declare(draft, effects);
    naming(result.incident);
    return result;
  };
  tagged.appendUpdate = async (incidentId, sourceKey, build) => {
    const result = await incidents.appendUpdate(incidentId, sourceKey, (record) => build(naming(record)));
    naming(result.incident);
    return result;
  };
  tagged.findByNumber = async (teamId, number) => naming(await incidents.findByNumber(teamId, number));
  tagged.findByChannel = async (channelId) => naming(await incidents.findByChannel(channelId));
  tagged.loadRecord = async (incidentId) => naming(await incidents.loadRecord(incidentId));
  tagged.setLead = async (incidentId, leadId, effects) =>
    naming(await incidents.setLead(incidentId, leadId, effects));
  return tagged;
}

/** The corrections port as given, naming the incident a correction concerns on the lines that follow. */
export function namingCorrectedIncidentInLogs<C extends Corrections>(corrections: C): C {
  const tagged: C = Object.create(corrections);
  tagged.findUpdate = async (updateId) => {
    const found = await corrections.findUpdate(updateId);
    naming(found?.record);
    return found;
  };
  tagged.correct = (incidentId, editorId, build) =>
    corrections.correct(incidentId, editorId, (record) => build(naming(record)));
  return tagged;
}
