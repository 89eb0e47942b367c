import { z } from 'zod';

/*
 * Statuspage's v2 scheduled maintenance documents (https://metastatuspage.com/api#scheduled-maintenances),
 * as its clients read them. Real pages carry a few more fields (tweets, notification flags) and give
 * times with milliseconds and offsets, so objects are open and times any ISO 8601 date-time; Sitrep's own
 * are checked against `sitrepTime` on top.
 */

const time = z.iso.datetime({ offset: true });
export const sitrepTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

export const maintenanceStatus = z.enum(['scheduled', 'in_progress', 'verifying', 'completed', 'cancelled']);

const componentStatus = z.enum([
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
]);

export const statuspageComponentSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: componentStatus,
  created_at: time,
  updated_at: time,
  position: z.number().int(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  group_id: z.string().nullable(),
  page_id: z.string(),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
});

export const statuspageMaintenanceSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: maintenanceStatus,
  created_at: time,
  updated_at: time,
  monitoring_at: time.nullable(),
  resolved_at: time.nullable(),
  impact: z.enum(['none', 'maintenance', 'minor', 'major', 'critical']),
  shortlink: z.string(),
  started_at: time,
  page_id: z.string(),
  incident_updates: z.array(
    z.object({
      id: z.string(),
      status: maintenanceStatus,
      body: z.string(),
      incident_id: z.string(),
      created_at: time,
      updated_at: time,
      display_at: time,
      affected_components: z
        .array(
          z.object({
            code: z.string(),
            name: z.string(),
            old_status: componentStatus,
            new_status: componentStatus,
          }),
        )
        .nullable(),
    }),
  ),
  components: z.array(statuspageComponentSchema),
  scheduled_for: time,
  scheduled_until: time,
});

const pageSchema = z.object({ id: z.string(), name: z.string(), url: z.string(), updated_at: time });

export const scheduledMaintenancesDocument = z.object({
  page: pageSchema,
  scheduled_maintenances: z.array(statuspageMaintenanceSchema),
});
