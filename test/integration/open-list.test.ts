import { PrismaIncidentRepository } from '../../src/persistence/prisma-incident-repository';
import { declareThroughSlack, outboxSettled, updateThroughSlack } from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the open-incident list', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('shows a declaration or a resolution at once, though lists are shared between callers', async () => {
    const repository = new PrismaIncidentRepository(app.db.prisma);
    const team = app.slack.teamId;
    expect((await repository.listOpen(team)).total).toBe(0);

    const { incident } = await repository.declare(
      {
        teamId: team,
        title: 'Listed at once',
        visibility: 'public',
        startedAt: new Date(),
        detectedBy: null,
        detectedAt: null,
        leadId: 'U0LEAD',
        declaredById: 'U0LEAD',
        sourceKey: null,
        firstUpdate: {
          stage: 'investigating',
          message: 'm',
          occurredAt: new Date(),
          authorId: 'U0LEAD',
          impact: 'minor',
          components: [],
        },
      },
      () => [],
    );
    const [a, b] = await Promise.all([repository.listOpen(team), repository.listOpen(team)]);
    expect(a).toBe(b);
    expect(a.incidents.map((i) => i.title)).toEqual(['Listed at once']);

    await repository.appendUpdate(incident.id, null, () => ({
      update: {
        stage: 'resolved',
        message: 'done',
        occurredAt: new Date(),
        authorId: 'U0LEAD',
        impact: 'minor',
        components: [],
      },
      effects: () => [],
    }));
    expect((await repository.listOpen(team)).total).toBe(0);
  });

  it('answers /incident list with what Slack just declared', async () => {
    await declareThroughSlack(app, { title: 'Through Slack' });
    const first = await app.slack.command('list');
    await app.fake.waitFor(() => app.fake.responses(first.responseUrl)[0]);
    await updateThroughSlack(app, 'INC-2', { stage: 'resolved' });
    await outboxSettled(app);
    const second = await app.slack.command('list');
    const answer = await app.fake.waitFor(() => app.fake.responses(second.responseUrl)[0]);
    expect(answer.text).toContain('No open incidents');
  });
});
