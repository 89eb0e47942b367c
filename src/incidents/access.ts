import type { Incident } from './model';

/** Who is asking, as far as visibility goes (SPEC §10). */
export interface Viewer {
  userId: string;
  /** Listed in MANAGER_USER_IDS: sees every incident. */
  isManager: boolean;
  /** Whether the viewer is a member of that channel now. */
  isMember(channelId: string): Promise<boolean>;
}

type Guarded = Pick<Incident, 'visibility' | 'channelId' | 'lead' | 'declaredBy'>;

/**
 * Public and internal incidents are for everyone in the workspace; a private one only for the members of
 * its channel and the managers — and, while it has no channel, for its declarer and lead.
 */
export async function maySee(incident: Guarded, viewer: Viewer): Promise<boolean> {
  if (incident.visibility !== 'private' || viewer.isManager) return true;
  if (incident.channelId) return viewer.isMember(incident.channelId);
  return viewer.userId === incident.lead.id || viewer.userId === incident.declaredBy.id;
}

/** The incidents of `list` the viewer may see, in their order. */
export async function visibleTo<T extends Guarded>(incidents: T[], viewer: Viewer): Promise<T[]> {
  const allowed = await Promise.all(incidents.map((incident) => maySee(incident, viewer)));
  return incidents.filter((_, i) => allowed[i]);
}
