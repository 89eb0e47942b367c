import { z } from 'zod';

/** SPEC §6's JSON export, as a schema tests validate against. */
export const isoSeconds = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
const stage = z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']);
const componentStatus = z.enum([
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
]);

export const exportSchema = z.strictObject({
  id: z.string().regex(/^INC-\d+$/),
  name: z.string(),
  status: stage,
  impact: z.enum(['none', 'minor', 'major', 'critical']),
  visibility: z.enum(['public', 'internal', 'private']),
  created_at: isoSeconds,
  started_at: isoSeconds,
  resolved_at: isoSeconds.nullable(),
  updated_at: isoSeconds,
  duration_seconds: z.number().int().nonnegative().nullable(),
  detected_by: z.string().nullable(),
  detected_at: isoSeconds.nullable(),
  components: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      group: z.string().nullable(),
      status: componentStatus,
    }),
  ),
  incident_updates: z.array(
    z.strictObject({
      id: z.string(),
      status: stage,
      body: z.string(),
      display_at: isoSeconds,
      created_at: isoSeconds,
      updated_at: isoSeconds,
      revisions: z.number().int().nonnegative(),
      author: z.string(),
      affected_components: z.array(
        z.strictObject({
          code: z.string(),
          name: z.string(),
          old_status: componentStatus,
          new_status: componentStatus,
        }),
      ),
    }),
  ),
  notes: z.array(
    z.strictObject({
      id: z.string(),
      body: z.string(),
      display_at: isoSeconds,
      created_at: isoSeconds,
      author: z.string(),
    }),
  ),
});
