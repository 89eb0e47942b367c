import { DomainError, InvalidInput } from '../incidents/errors';
import type { Clock } from '../incidents/ports';
import { type MaintenanceSettings, updateEffects } from './announce';
import type { MaintenanceRecord } from './model';
import type { MaintenanceRepository, MaintenanceWrite } from './ports';
import { maintenanceRef } from './reference';
import { MAINTENANCE_MESSAGE_MAX } from './schedule-rules';
import { canMoveTo, type MaintenanceStage, maintenanceStageLabels } from './vocabulary';

export interface PostMaintenanceUpdateInput {
  maintenanceId: string;
  stage: MaintenanceStage;
  /** Null: the stage's standard sentence (the buttons post without a form). */
  message: string | null;
  authorId: string;
  /** One update per key (a view id): a repeat posts once. */
  sourceKey: string | null;
  /** The stages a button acts from (Start now: scheduled); others are refused with the reason. */
  from?: readonly MaintenanceStage[];
}

export interface PostMaintenanceUpdateDeps {
  maintenances: MaintenanceRepository;
  clock: Clock;
  settings: MaintenanceSettings;
}

/** What an update says when no one wrote a message: a button, or the clock. */
export const standardMessages: Record<MaintenanceStage, string> = {
  scheduled: 'This maintenance is scheduled.',
  in_progress: 'The scheduled maintenance is now in progress.',
  verifying: 'The work is done; we are verifying that everything works as expected.',
  completed: 'The scheduled maintenance has been completed.',
  cancelled: 'This scheduled maintenance has been cancelled.',
};

const verbs: Record<MaintenanceStage, string> = {
  scheduled: 'scheduled again',
  in_progress: 'started',
  verifying: 'moved to verifying',
  completed: 'completed',
  cancelled: 'cancelled',
};

/** Why a maintenance cannot move to `to`, in words for the person who asked. */
export function refusal(record: Pick<MaintenanceRecord, 'number' | 'stage'>, to: MaintenanceStage): string {
  const ref = maintenanceRef(record);
  const now = maintenanceStageLabels[record.stage].toLowerCase();
  const tail = 'Nothing was changed.';
  if (record.stage === 'completed' || record.stage === 'cancelled')
    return `${ref} is already ${now}: it cannot be ${verbs[to]}. ${tail}`;
  if (to === 'cancelled')
    return `${ref} is already ${now}: only a scheduled maintenance can be cancelled; complete it instead. ${tail}`;
  return `${ref} is already ${now}: it cannot be ${verbs[to]}. ${tail}`;
}

export class MaintenanceStageRefused extends DomainError {
  constructor(record: Pick<MaintenanceRecord, 'number' | 'stage'>, to: MaintenanceStage) {
    super('NotAllowed', refusal(record, to));
  }
}

/**
 * Posts a maintenance update (a person's, from the modal or a button): the stage must follow the current
 * one (SPEC §12); checked inside the write's lock, so a click racing the clock is refused, not doubled.
 */
export async function postMaintenanceUpdate(
  deps: PostMaintenanceUpdateDeps,
  input: PostMaintenanceUpdateInput,
): Promise<MaintenanceWrite> {
  const message = input.message ?? standardMessages[input.stage];
  if (message.trim().length === 0) throw new InvalidInput({ message: 'Write what changed.' });
  if (message.length > MAINTENANCE_MESSAGE_MAX)
    throw new InvalidInput({
      message: `Keep the message to ${MAINTENANCE_MESSAGE_MAX} characters (it has ${message.length}).`,
    });
  const now = deps.clock.now();
  return deps.maintenances.appendUpdate(input.maintenanceId, input.sourceKey, (record) => {
    const allowed = input.from ? input.from.includes(record.stage) : true;
    if (!allowed || !canMoveTo(record.stage, input.stage))
      throw new MaintenanceStageRefused(record, input.stage);
    return {
      update: { stage: input.stage, message, occurredAt: now, authorId: input.authorId },
      effects: (updateId) => updateEffects(record, updateId, deps.settings),
    };
  });
}
