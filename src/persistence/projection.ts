import type { IncidentUpdate } from '../incidents/model';
import { deriveIncidentState } from '../incidents/timeline';
import type { Prisma } from './generated/client';

/**
 * Writes the incident's projection from its live timeline (SPEC §2): stage, impact, `resolvedAt` and
 * every affected component's status. Components no longer named by any update are dropped, so a
 * corrected timeline leaves nothing behind. Returns the incident row.
 */
export async function writeProjection(
  tx: Prisma.TransactionClient,
  incidentId: string,
  updates: readonly IncidentUpdate[],
  data: Prisma.IncidentUpdateInput = {},
) {
  const state = deriveIncidentState(updates);
  const row = await tx.incident.update({
    where: { id: incidentId },
    data: { ...data, impact: state.impact, stage: state.stage, resolvedAt: state.resolvedAt },
  });
  const current = new Map(state.components.map((c) => [c.componentId, c.status]));
  const affected = new Set(current.keys());
  for (const u of updates) for (const c of u.components) affected.add(c.componentId);
  await tx.incidentComponent.deleteMany({ where: { incidentId, componentId: { notIn: [...affected] } } });
  for (const componentId of affected) {
    const status = current.get(componentId) ?? 'operational';
    await tx.incidentComponent.upsert({
      where: { incidentId_componentId: { incidentId, componentId } },
      create: { incidentId, componentId, status },
      update: { status },
    });
  }
  return row;
}
