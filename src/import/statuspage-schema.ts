import { z } from 'zod';
import { componentStatuses, impacts, stages } from '../incidents/vocabulary';
import { maintenanceStages } from '../maintenance/vocabulary';

/*
 * Statuspage's public API v2 answers as pages serve them (https://developer.statuspage.io, "Status API"):
 * only the fields the import reads are checked; the many others pass through unread. Times carry an
 * offset (older pages answer in the page's zone, `-06:00`).
 */

const time = z.iso.datetime({ offset: true });
const id = z.string().min(1);

const maintenanceImpacts = [...impacts, 'maintenance'] as const;

const componentSchema = z.object({
  id,
  name: z.string(),
  status: z.enum(componentStatuses).optional(),
  position: z.number().optional(),
  description: z.string().nullish(),
  group_id: z.string().nullish(),
  group: z.boolean().optional(),
  components: z.array(z.string()).nullish(),
});
export type SourceComponent = z.infer<typeof componentSchema>;

/** Entries without `code` are Statuspage's old "No components were affected" placeholder: kept out. */
const affectedComponentSchema = z
  .object({
    code: z.string().nullish(),
    name: z.string().nullish(),
    old_status: z.enum(componentStatuses).nullish(),
    new_status: z.enum(componentStatuses).nullish(),
  })
  .superRefine((entry, ctx) => {
    if (!entry.code) return;
    for (const field of ['name', 'old_status', 'new_status'] as const) {
      if (entry[field] == null) ctx.addIssue({ code: 'custom', path: [field], message: 'is required' });
    }
  });

function updateSchema<S extends readonly [string, ...string[]]>(statuses: S) {
  return z.object({
    id,
    status: z.enum(statuses),
    body: z.string(),
    created_at: time,
    display_at: time,
    affected_components: z.array(affectedComponentSchema).nullish(),
  });
}

const incidentSchema = z.object({
  id,
  name: z.string().min(1),
  status: z.enum(stages),
  impact: z.enum(impacts),
  created_at: time,
  started_at: time.nullish(),
  incident_updates: z.array(updateSchema(stages)),
  components: z.array(componentSchema).nullish(),
});
type SourceIncident = z.infer<typeof incidentSchema>;
export type SourceUpdate = SourceIncident['incident_updates'][number];

const maintenanceSchema = z.object({
  id,
  name: z.string().min(1),
  status: z.enum(maintenanceStages),
  impact: z.enum(maintenanceImpacts),
  created_at: time,
  resolved_at: time.nullish(),
  scheduled_for: time,
  scheduled_until: time,
  incident_updates: z.array(updateSchema(maintenanceStages)),
  components: z.array(componentSchema).nullish(),
});
type SourceMaintenance = z.infer<typeof maintenanceSchema>;

export const sourceFiles = {
  components: { file: 'components.json', schema: z.object({ components: z.array(componentSchema) }) },
  incidents: { file: 'incidents.json', schema: z.object({ incidents: z.array(incidentSchema) }) },
  maintenances: {
    file: 'scheduled-maintenances.json',
    schema: z.object({ scheduled_maintenances: z.array(maintenanceSchema) }),
  },
} as const;

export type SourceFileKind = keyof typeof sourceFiles;

/** A whole page, as read: a file that is absent counts as an empty list. */
export interface StatuspageSource {
  components: SourceComponent[];
  incidents: SourceIncident[];
  maintenances: SourceMaintenance[];
}
