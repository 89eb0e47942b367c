import { DECLARE_CALLBACK, UPDATE_CALLBACK } from '../../src/slack/ids';
import type { InteractionResponse } from './slack-driver';
import { dateTime, multiSelect, select, stateValues, text, user } from './slack-driver';
import type { TestApp } from './test-app';

export const utcSeconds = (iso: string): number => Math.floor(new Date(iso).getTime() / 1000);

export interface DeclareFields {
  title?: string;
  impact?: string;
  components?: string[];
  componentStatus?: string | null;
  stage?: string;
  message?: string;
  startedAt?: string | null;
  detectedBy?: string | null;
  detectedAt?: string | null;
  lead?: string | null;
}

export function declareValues(fields: DeclareFields = {}) {
  return stateValues({
    title: text(fields.title ?? 'Checkout is slow'),
    impact: select(fields.impact ?? 'minor'),
    components: multiSelect(fields.components ?? []),
    component_status: select(fields.componentStatus ?? null),
    stage: select(fields.stage ?? 'investigating'),
    message: text(fields.message ?? 'We are looking into it.'),
    started_at: dateTime(fields.startedAt ? utcSeconds(fields.startedAt) : null),
    detected_by: text(fields.detectedBy ?? null),
    detected_at: dateTime(fields.detectedAt ? utcSeconds(fields.detectedAt) : null),
    lead: user(fields.lead ?? null),
  });
}

/** Types `/incident declare …`, then submits the modal it opened. */
export async function declareThroughSlack(
  app: TestApp,
  fields: DeclareFields = {},
  options: { userId?: string; channelId?: string } = {},
): Promise<InteractionResponse> {
  const before = app.fake.views().length;
  const opened = await app.slack.command(`declare ${fields.title ?? ''}`.trim(), options);
  if (opened.status !== 200) throw new Error(`/incident declare answered ${opened.status}`);
  await app.fake.waitFor(() => app.fake.views().length > before);
  return app.slack.viewSubmission({
    callbackId: DECLARE_CALLBACK,
    values: declareValues(fields),
    userId: options.userId,
  });
}

/** Every outbox job done (or failed for good). */
export async function outboxSettled(app: TestApp, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await app.db.prisma.outboxJob.count({ where: { status: { in: ['pending', 'running'] } } });
    if (open === 0) return;
    if (Date.now() > deadline) {
      const jobs = await app.db.prisma.outboxJob.findMany({
        where: { status: { in: ['pending', 'running'] } },
      });
      throw new Error(
        `outbox not settled: ${jobs.map((j) => `${j.kind}(${j.status}, ${j.lastError})`).join('; ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface UpdateFields {
  stage: string;
  message?: string;
  impact?: string;
  components?: string[];
  componentStatus?: string | null;
  occurredAt?: string | null;
}

export function updateValues(fields: UpdateFields) {
  return stateValues({
    stage: select(fields.stage),
    message: text(fields.message ?? `Now ${fields.stage}.`),
    impact: select(fields.impact ?? 'minor'),
    components: multiSelect(fields.components ?? []),
    component_status: select(fields.componentStatus ?? null),
    occurred_at: dateTime(fields.occurredAt ? utcSeconds(fields.occurredAt) : null),
  });
}

/** Types `/incident update <ref>`, then submits the modal it opened. */
export async function updateThroughSlack(
  app: TestApp,
  ref: string,
  fields: UpdateFields,
  options: { userId?: string; channelId?: string } = {},
): Promise<InteractionResponse> {
  const before = app.fake.views().length;
  const opened = await app.slack.command(`update ${ref}`, options);
  if (opened.status !== 200) throw new Error(`/incident update answered ${opened.status}`);
  await app.fake.waitFor(() => app.fake.views().length > before);
  return app.slack.viewSubmission({
    callbackId: UPDATE_CALLBACK,
    values: updateValues(fields),
    userId: options.userId,
  });
}
