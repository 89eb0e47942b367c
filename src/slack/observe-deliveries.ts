import type { App, ReceiverEvent } from '@slack/bolt';
import { addLogFields, inRequestScope } from '../logger';
import type { Metrics } from '../metrics/metrics';
import { parseIncidentCommand } from './command-grammar';

/**
 * Each delivery, whichever receiver brings it (HTTP or Socket Mode), is handled under a requestId
 * and its acknowledgement timed. Receivers hand every delivery to `app.processEvent`, and the ack
 * they pass along is the one that answers Slack, so that is where both go. A command naming an
 * incident (`/incident update INC-7`) names it on every line from the start; other deliveries name
 * theirs once a listener has read it. `onDelivery` hears of each as it arrives.
 */
export function observeDeliveries(
  app: App,
  metrics: Metrics | undefined,
  onDelivery: () => void = () => {},
): void {
  const handle = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) =>
    inRequestScope(() => {
      onDelivery();
      const ref = commandIncident(event.body);
      if (ref !== null) addLogFields({ incident: `INC-${ref}` });
      if (!metrics) return handle(event);
      const started = performance.now();
      const type = deliveryType(event.body);
      let timed = false;
      return handle({
        ...event,
        ack: async (response?: unknown) => {
          await event.ack(response);
          if (timed) return;
          timed = true;
          metrics.slackAck.observe({ type }, (performance.now() - started) / 1000);
        },
      });
    });
}

/** The incident number a slash command names in its text, if any. */
function commandIncident(body: Record<string, unknown>): number | null {
  if (typeof body.command !== 'string' || typeof body.text !== 'string') return null;
  const parsed = parseIncidentCommand(body.text);
  return 'ref' in parsed ? parsed.ref : null;
}

/** A few stable label values: command, view_submission, block_actions, event_callback … */
function deliveryType(body: Record<string, unknown>): string {
  if (typeof body.command === 'string') return 'command';
  const type = body.type;
  return typeof type === 'string' && /^[a-z_]{1,40}$/.test(type) ? type : 'other';
}
