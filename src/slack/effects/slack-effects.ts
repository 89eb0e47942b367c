import type { EffectHandlers } from '../../outbox/outbox-worker';
import type { SubscriberHandlers } from '../../subscribers/deliver';
import type { OutboxSlackContext } from '../slack-context';
import { announceRefresh } from './announce-refresh';
import { announceReply } from './announce-reply';
import { announceRoot } from './announce-root';
import { channelArchive } from './channel-archive';
import { channelCreate } from './channel-create';
import { channelInvite } from './channel-invite';
import { channelPostText } from './channel-post-text';
import { channelPostUpdate } from './channel-post-update';
import { channelSetTopic } from './channel-set-topic';
import { declarerConfirm } from './declarer-confirm';
import { exportDm } from './export-dm';
import { leadAnnounce } from './lead-announce';
import { leadReminder } from './lead-reminder';
import { maintenanceRefresh } from './maintenance-refresh';
import { maintenanceReminder } from './maintenance-reminder';
import { maintenanceReply } from './maintenance-reply';
import { maintenanceRoot } from './maintenance-root';
import { noteCapture } from './note-capture';
import { subscriberDisabledNotice } from './subscriber-disabled';
import { updateCorrect } from './update-correct';

/** Every effect kind performed against Slack, one handler each; a new kind adds one file and one line. */
export function slackEffects(ctx: OutboxSlackContext): Omit<EffectHandlers, keyof SubscriberHandlers> {
  return {
    'channel.create': channelCreate(ctx),
    'channel.post_update': channelPostUpdate(ctx),
    'channel.post_text': channelPostText(ctx),
    'channel.set_topic': channelSetTopic(ctx),
    'channel.invite': channelInvite(ctx),
    'channel.archive': channelArchive(ctx),
    'declarer.confirm': declarerConfirm(ctx),
    'lead.reminder': leadReminder(ctx),
    'lead.announce': leadAnnounce(ctx),
    'announce.root': announceRoot(ctx),
    'announce.reply': announceReply(ctx),
    'announce.refresh': announceRefresh(ctx),
    'export.dm': exportDm(ctx),
    'note.capture': noteCapture(ctx),
    'maintenance.root': maintenanceRoot(ctx),
    'maintenance.reply': maintenanceReply(ctx),
    'maintenance.refresh': maintenanceRefresh(ctx),
    'maintenance.reminder': maintenanceReminder(ctx),
    'update.correct': updateCorrect(ctx),
    'subscriber.disabled_notice': subscriberDisabledNotice(ctx),
  };
}
