import type { AckFn, ViewResponseAction } from '@slack/bolt';
import type { z } from 'zod';
import { InvalidInput } from '../../incidents/errors';
import { FORM_UNREADABLE } from '../forms/messages';
import { Field, type FieldId } from '../ids';
import type { SlackContext } from '../slack-context';
import { userMessage } from '../user-errors';

const blockIds = new Set<string>(Object.values(Field));

type BlockErrors = Partial<Record<FieldId, string>>;

function addError(errors: BlockErrors, block: FieldId, message: string): void {
  errors[block] = errors[block] ? `${errors[block]} ${message}` : message;
}

/** Domain field names are Field's keys; anything else lands on `fallback`. */
function domainErrors(fields: Record<string, string>, fallback: FieldId): BlockErrors {
  const errors: BlockErrors = {};
  for (const [field, message] of Object.entries(fields)) {
    addError(errors, Field[field as keyof typeof Field] ?? fallback, message);
  }
  return errors;
}

function issueErrors(issues: z.core.$ZodIssue[], fallback: FieldId): BlockErrors {
  const errors: BlockErrors = {};
  for (const issue of issues) {
    const block = String(issue.path[0] ?? '');
    addError(errors, blockIds.has(block) ? (block as FieldId) : fallback, issue.message);
  }
  return errors;
}

/**
 * A modal submission: parse the form → call the use case → ack. Form issues and domain errors become
 * inline errors keyed by block id (`fallback` when none fits); other failures are worded on the message
 * field. Returns the form when the submission went through.
 */
export async function submitView<F>(
  ctx: SlackContext,
  ack: AckFn<ViewResponseAction>,
  args: {
    callbackId: string;
    form: z.ZodType<F>;
    values: unknown;
    fallback: FieldId;
    run: (form: F) => Promise<unknown>;
  },
): Promise<F | null> {
  const parsed = args.form.safeParse(args.values, { error: () => FORM_UNREADABLE });
  if (!parsed.success) {
    await ack(modalErrors(issueErrors(parsed.error.issues, args.fallback)));
    return null;
  }
  try {
    await args.run(parsed.data);
  } catch (error) {
    const errors =
      error instanceof InvalidInput
        ? domainErrors(error.fields, args.fallback)
        : { [Field.message]: userMessage(error, ctx.log, { view: args.callbackId }) };
    await ack(modalErrors(errors));
    return null;
  }
  await ack();
  return parsed.data;
}

function modalErrors(errors: BlockErrors): ViewResponseAction {
  return { response_action: 'errors', errors: errors as Record<string, string> };
}
