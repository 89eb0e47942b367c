import type { App, ReceiverEvent } from '@slack/bolt';
import { inRequestScope } from '../logger';

/**
 * Each delivery, whichever receiver brings it (HTTP or Socket Mode), is handled under a requestId:
 * receivers hand every delivery to `app.processEvent`, so that is where it goes.
 */
export function observeDeliveries(app: App): void {
  const handle = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) => inRequestScope(() => handle(event));
}
