import { z } from 'zod';

/**
 * Field schemas over Slack's `view.state.values` (block_id → action_id → element state). Every input
 * of Sitrep's modals has its block id equal to its action id, so a form reads one element per field and
 * each zod issue's path starts with the block id the error belongs to.
 */

const option = z.object({ value: z.string() });
const elementState = z
  .object({
    type: z.string(),
    value: z.string().nullish(),
    selected_option: option.nullish(),
    selected_options: z.array(option).nullish(),
    selected_date_time: z.number().int().nullish(),
    selected_user: z.string().nullish(),
  })
  .loose();
type ElementState = z.infer<typeof elementState>;

const fieldStates = z
  .record(z.string(), z.record(z.string(), elementState))
  .nullish()
  .transform((values): Record<string, unknown> => {
    const fields: Record<string, ElementState> = {};
    for (const [block, actions] of Object.entries(values ?? {})) {
      const element = actions[block];
      if (element) fields[block] = element;
    }
    return fields;
  });

/** One modal's fields, keyed by block id, read from `view.state.values`. */
export function viewForm<S extends z.ZodRawShape>(shape: S) {
  return fieldStates.pipe(z.object(shape));
}

const element = elementState.optional();

export const textField = element.transform((e) => e?.value ?? null);
export const selectField = element.transform((e) => e?.selected_option?.value ?? null);
export const multiSelectField = element.transform((e) => (e?.selected_options ?? []).map((o) => o.value));
export const userField = element.transform((e) => e?.selected_user ?? null);
export const dateTimeField = element.transform((e) => {
  const seconds = e?.selected_date_time;
  return seconds === undefined || seconds === null ? null : new Date(seconds * 1000);
});

/** A select whose value must be one of `list` (`fallback` when nothing is picked). */
export function choiceField<T extends string>(list: readonly T[], message: string, fallback?: T) {
  return selectField.transform((value, ctx) => {
    const picked = value ?? fallback ?? null;
    if (picked !== null && (list as readonly string[]).includes(picked)) return picked as T;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
}

/** A select that may be left empty; when picked, its value must be one of `list`. */
export function optionalChoiceField<T extends string>(list: readonly T[], message: string) {
  return selectField.transform((value, ctx) => {
    if (value === null) return null;
    if ((list as readonly string[]).includes(value)) return value as T;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
}
