/**
 * A fake Slack Web API on 127.0.0.1, spoken to over real HTTP by the real `@slack/web-api` client
 * (point `slackApiUrl` / `SLACK_API_URL` at `fake.apiUrl`). It keeps just enough state to behave like
 * Slack for Sitrep: channels, messages and threads, edits, views, files, users, and response URLs,
 * and can inject rate limits, server errors, Slack errors, slow answers and reset connections.
 *
 * server.ts is the HTTP side and the call log, faults.ts the injected failures, workspace.ts the state,
 * methods/ one file per API family, limits.ts what Slack refuses, render.ts Slack's JSON shapes.
 */
export { startFakeSlack } from './server';
// Only what tests import; every other type is reachable through FakeSlack's method signatures.
export type { FakeHomeView, FakeMessage, FakeSlack, Params, SlackBlock, SlackView } from './types';
export { textOf } from './types';
export { readBody, sendJson } from './wire';
