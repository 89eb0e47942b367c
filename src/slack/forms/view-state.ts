import { z } from 'zod';
import { Field, type FieldId } from '../ids';

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
    selected_date_time: z.number().nullish(),
    selected_user: z.string().nullish(),
  })
  .loose();
type ElementState = z.infer<typeof elementState>;

const fieldStates = z
  .record(z.string(), z.record(z.string(), elementState))
  .nullish()
  .transform((values) => {
    const fields: Record<string, ElementState> = {};
    for (const [block, actions] of Object.entries(values ?? {})) {
      const element = actions[block];
      if (element) fields[block] = element;
    }
    return fields;
  });

/** The block each use-case input is entered in; domain errors name their field by the same keys. */
const inputBlocks: Record<string, FieldId> = {
  ...Field,
  componentKeys: Field.components,
  leadId: Field.lead,
};
const blockIds = new Set<string>(Object.values(Field));

/** The block a zod issue path or a domain field name points at, or `fallback`. */
export function blockFor(key: PropertyKey | undefined, fallback: FieldId): FieldId {
  const name = String(key ?? '');
  if (blockIds.has(name)) return name as FieldId;
  return (Object.hasOwn(inputBlocks, name) && inputBlocks[name]) || fallback;
}

/** One modal's form: use-case input names → field schemas, each read from its input's block. */
export function viewForm<S extends z.ZodRawShape>(shape: S) {
  return fieldStates
    .transform(
      (fields): Record<string, unknown> =>
        Object.fromEntries(Object.keys(shape).map((key) => [key, fields[blockFor(key, Field.message)]])),
    )
    .pipe(z.object(shape));
}

const element = elementState.optional();

export const textField = element.transform((e) => e?.value ?? null);
/** A text input read as '' when left empty, for the use case to word what is missing. */
export const requiredTextField = textField.transform((value) => value ?? '');
export const selectField = element.transform((e) => e?.selected_option?.value ?? null);
export const multiSelectField = element.transform((e) => (e?.selected_options ?? []).map((o) => o.value));
/** Checkboxes read as whether `option` is ticked. */
export const tickedField = (option: string) =>
  multiSelectField.transform((values) => values.includes(option));
export const userField = element.transform((e) => e?.selected_user ?? null);
/** Years 1 to 9999: every such date is valid for JavaScript and for PostgreSQL. */
const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59Z');

export const dateTimeField = element.transform((e, ctx) => {
  const seconds = e?.selected_date_time;
  if (seconds === undefined || seconds === null) return null;
  const ms = seconds * 1000;
  if (!(ms >= EARLIEST && ms <= LATEST)) {
    ctx.addIssue({ code: 'custom', message: 'Pick a date between the years 1 and 9999.' });
    return z.NEVER;
  }
  return new Date(ms);
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
