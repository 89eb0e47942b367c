import type { AckFn, ViewResponseAction } from '@slack/bolt';
import type { z } from 'zod';
import { InvalidInput } from '../../incidents/errors';
import { FORM_UNREADABLE } from '../forms/messages';
import { blockFor } from '../forms/view-state';
import { Field, type FieldId } from '../ids';
import type { SlackContext } from '../slack-context';
import { userMessage } from '../user-errors';

type BlockErrors = Partial<Record<FieldId, string>>;

/** Problems keyed by a domain field name or an issue path, gathered on the blocks they concern. */
function blockErrors(
  problems: { key: PropertyKey | undefined; message: string }[],
  fallback: FieldId,
): BlockErrors {
  const errors: BlockErrors = {};
  for (const { key, message } of problems) {
    const block = blockFor(key, fallback);
    errors[block] = errors[block] ? `${errors[block]} ${message}` : message;
  }
  return errors;
}

/**
 * A modal submission: parse the form → call the use case → ack. Form issues and domain errors become
 * inline errors keyed by block id (`fallback` when none fits); other failures are worded on
 * `failureBlock` (default the message field). Returns the form when the submission went through.
 */
export async function submitView<F>(
  ctx: SlackContext,
  ack: AckFn<ViewResponseAction>,
  args: {
    callbackId: string;
    form: z.ZodType<F>;
    values: unknown;
    fallback: FieldId;
    failureBlock?: FieldId;
    run: (form: F) => Promise<unknown>;
  },
): Promise<F | null> {
  const parsed = args.form.safeParse(args.values, { error: () => FORM_UNREADABLE });
  if (!parsed.success) {
    await ack(
      modalErrors(
        blockErrors(
          parsed.error.issues.map((i) => ({ key: i.path[0], message: i.message })),
          args.fallback,
        ),
      ),
    );
    return null;
  }
  try {
    await args.run(parsed.data);
  } catch (error) {
    const errors =
      error instanceof InvalidInput
        ? blockErrors(
            Object.entries(error.fields).map(([key, message]) => ({ key, message })),
            args.fallback,
          )
        : { [args.failureBlock ?? Field.message]: userMessage(ctx, error, { view: args.callbackId }) };
    await ack(modalErrors(errors));
    return null;
  }
  await ack();
  return parsed.data;
}

function modalErrors(errors: BlockErrors): ViewResponseAction {
  return { response_action: 'errors', errors: errors as Record<string, string> };
}
