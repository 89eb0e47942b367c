import type { App, ReceiverEvent } from '@slack/bolt';
import { inRequestScope } from '../logger';
import type { Metrics } from '../metrics/metrics';

/**
 * Each delivery, whichever receiver brings it (HTTP or Socket Mode), is handled under a requestId
 * and its acknowledgement timed. Receivers hand every delivery to `app.processEvent`, and the ack
 * they pass along is the one that answers Slack, so that is where both go.
 */
export function observeDeliveries(app: App, metrics: Metrics | undefined): void {
  const handle = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) =>
    inRequestScope(() => {
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

/** A few stable label values: command, view_submission, block_actions, event_callback … */
function deliveryType(body: Record<string, unknown>): string {
  if (typeof body.command === 'string') return 'command';
  const type = body.type;
  return typeof type === 'string' && /^[a-z_]{1,40}$/.test(type) ? type : 'other';
}
