/**
 * The baseline: a bare Bolt app on the same HTTP receiver, signature verification on, whose
 * `/incident` listener only acknowledges. Whatever Sitrep adds on top of Bolt shows against it.
 *
 * Environment: PORT, SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL (the fake).
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { exitWithParent } from './children';

async function main(): Promise<void> {
  const env = process.env;
  const receiver = new HTTPReceiver({
    signingSecret: env.SLACK_SIGNING_SECRET ?? '',
    endpoints: '/slack/events',
    processBeforeResponse: false,
  });
  const app = new App({
    receiver,
    token: env.SLACK_BOT_TOKEN,
    logLevel: LogLevel.WARN,
    clientOptions: { slackApiUrl: env.SLACK_API_URL },
  });
  app.command('/incident', async ({ ack }) => {
    await ack();
  });
  await app.start({ port: Number(env.PORT), host: '127.0.0.1' });
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${env.PORT}` })}\n`);
  const shutdown = () => {
    app.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  exitWithParent(async () => {
    await app.stop();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bare-bolt: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
