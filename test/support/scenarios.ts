import { DECLARE_CALLBACK, UPDATE_CALLBACK } from '../../src/slack/ids';
import type { InteractionResponse } from './slack-driver';
import { dateTime, multiSelect, select, stateValues, text, user } from './slack-driver';
import type { TestApp } from './test-app';

export const utcSeconds = (iso: string): number => Math.floor(new Date(iso).getTime() / 1000);

export interface DeclareFields {
  title?: string;
  impact?: string;
  /** The form preselects DEFAULT_VISIBILITY: public unless told otherwise. */
  visibility?: string;
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
    visibility: select(fields.visibility ?? 'public'),
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
  /** Absent: the field is not on the form (a private incident). */
  visibility?: string | null;
}

export function updateValues(fields: UpdateFields) {
  return stateValues({
    stage: select(fields.stage),
    message: text(fields.message ?? `Now ${fields.stage}.`),
    impact: select(fields.impact ?? 'minor'),
    components: multiSelect(fields.components ?? []),
    component_status: select(fields.componentStatus ?? null),
    occurred_at: dateTime(fields.occurredAt ? utcSeconds(fields.occurredAt) : null),
    ...(fields.visibility === undefined ? {} : { visibility: select(fields.visibility) }),
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

export const veroComponentKeys = [
  'vero1-ingestion-api',
  'general-ui',
  'transactional-emails',
  'vero1-newsletter-processing',
  'workflows',
  'behavioral-emails',
  'vero2-ui',
  'vero2-newsletter-processing',
];

export const veroComponentLabels = [
  'Vero 1.0: Ingestion API',
  'General UI access and speed',
  'Transactional emails',
  'Vero 1.0: Newsletter processing',
  'Workflows',
  'Behavioral emails',
  'Vero 2.0: UI',
  'Vero 2.0: Newsletter processing',
];

/** The six updates of SPEC §1, multi-paragraph and with emoji. */
export const veroMessages = [
  'We are currently investigating degraded performance on the Vero platform :mag:\n\nSome customers see slow pages and delayed emails.',
  'We have identified unusual heavy API traffic :dart:\n\nWe are working on mitigating it, "carefully", step by step.',
  'The issue also affects newsletters, workflows and behavioral emails.\n\nMitigation is in progress :construction:',
  'A fix has been implemented and we are monitoring the results :eyes:',
  'This incident has been resolved :white_check_mark:\n\nAll systems are operational.',
  'Postmortem :memo:\n\nA single customer sent unusual heavy API traffic.\n\n- We added per-account rate limits.\n- We added alerts on queue depth.',
];

export const veroTimes = [
  '2022-09-01T09:10:45Z',
  '2022-09-01T09:30:00Z',
  '2022-09-01T09:45:00Z',
  '2022-09-01T10:57:00Z',
  '2022-09-01T13:57:12Z',
  '2022-09-01T23:19:00Z',
];

/** Declares and updates the SPEC §1 incident through the real Slack flow, back-dated. */
export async function replayVero(app: TestApp, options: { userId?: string } = {}): Promise<void> {
  await declareThroughSlack(
    app,
    {
      title: 'Degraded performance across Vero platform',
      impact: 'minor',
      components: veroComponentKeys.slice(0, 3),
      message: veroMessages[0],
      startedAt: veroTimes[0],
      detectedBy: 'Pingoru',
      detectedAt: veroTimes[0],
    },
    options,
  );
  const steps = [
    { stage: 'identified', components: veroComponentKeys.slice(0, 5) },
    { stage: 'identified', components: veroComponentKeys },
    { stage: 'monitoring', components: veroComponentKeys },
    { stage: 'resolved', components: veroComponentKeys },
    { stage: 'postmortem', components: veroComponentKeys },
  ];
  for (const [i, step] of steps.entries()) {
    const res = await updateThroughSlack(
      app,
      'INC-1',
      { ...step, message: veroMessages[i + 1], occurredAt: veroTimes[i + 1] },
      options,
    );
    if (res.rawBody !== '') throw new Error(`update ${i + 1} was refused: ${res.rawBody}`);
    await outboxSettled(app);
  }
}
