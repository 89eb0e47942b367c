import { z } from 'zod';
import type { FieldId } from '../ids';

/** Reads Slack's `view.state.values` (block_id → action_id → element state), validated with zod. */

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

export const viewStateValues = z.record(z.string(), z.record(z.string(), elementState));
export type ViewStateValues = z.infer<typeof viewStateValues>;

export class ViewState {
  private constructor(private readonly values: ViewStateValues) {}

  static parse(raw: unknown): ViewState {
    return new ViewState(viewStateValues.parse(raw ?? {}));
  }

  private element(id: FieldId) {
    return this.values[id]?.[id];
  }

  has(id: FieldId): boolean {
    return this.element(id) !== undefined;
  }

  text(id: FieldId): string | null {
    const value = this.element(id)?.value;
    return value === undefined || value === null ? null : value;
  }

  select(id: FieldId): string | null {
    return this.element(id)?.selected_option?.value ?? null;
  }

  multiSelect(id: FieldId): string[] {
    return (this.element(id)?.selected_options ?? []).map((o) => o.value);
  }

  dateTime(id: FieldId): Date | null {
    const seconds = this.element(id)?.selected_date_time;
    return seconds === undefined || seconds === null ? null : new Date(seconds * 1000);
  }

  user(id: FieldId): string | null {
    return this.element(id)?.selected_user ?? null;
  }
}

/** `response_action: "errors"` for a modal, keyed by block id. */
export function modalErrors(errors: Partial<Record<FieldId, string>>) {
  return { response_action: 'errors' as const, errors: errors as Record<string, string> };
}

/** `value` when it is one of `list`, else null. */
export function oneOf<T extends string>(list: readonly T[], value: string | null): T | null {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : null;
}
