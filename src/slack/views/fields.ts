import type { InputBlock, PlainTextOption } from '@slack/types';
import { type Component, componentLabel } from '../../incidents/model';
import type { FieldId } from '../ids';

/** Small Block Kit helpers for modal inputs: each input's block_id equals its action_id. */

export function plainText(text: string) {
  return { type: 'plain_text' as const, text, emoji: true };
}

export function option(value: string, text: string): PlainTextOption {
  return { value, text: plainText(text.length > 75 ? `${text.slice(0, 74)}…` : text) };
}

type ElementWithoutId<T = InputBlock['element']> = T extends unknown ? Omit<T, 'action_id'> : never;

/** An input block whose block_id is its element's action_id. */
function input(
  id: FieldId,
  label: string,
  opts: { optional?: boolean; hint?: string },
  element: ElementWithoutId,
): InputBlock {
  return {
    type: 'input',
    block_id: id,
    optional: opts.optional ?? false,
    label: plainText(label),
    ...(opts.hint ? { hint: plainText(opts.hint) } : {}),
    element: { ...element, action_id: id } as InputBlock['element'],
  };
}

export function textInput(
  id: FieldId,
  label: string,
  opts: {
    initial?: string;
    multiline?: boolean;
    maxLength?: number;
    optional?: boolean;
    placeholder?: string;
    hint?: string;
  } = {},
): InputBlock {
  return input(id, label, opts, {
    type: 'plain_text_input',
    multiline: opts.multiline ?? false,
    ...(opts.maxLength ? { max_length: opts.maxLength } : {}),
    ...(opts.initial ? { initial_value: opts.initial } : {}),
    ...(opts.placeholder ? { placeholder: plainText(opts.placeholder) } : {}),
  });
}

export function staticSelect(
  id: FieldId,
  label: string,
  options: PlainTextOption[],
  opts: { initial?: string; optional?: boolean; placeholder?: string; hint?: string } = {},
): InputBlock {
  const initial = options.find((o) => o.value === opts.initial);
  return input(id, label, opts, {
    type: 'static_select',
    options,
    ...(initial ? { initial_option: initial } : {}),
    ...(opts.placeholder ? { placeholder: plainText(opts.placeholder) } : {}),
  });
}

export function dateTimeInput(
  id: FieldId,
  label: string,
  opts: { initial?: Date; hint?: string; optional?: boolean } = {},
): InputBlock {
  return input(
    id,
    label,
    { ...opts, optional: opts.optional ?? true },
    {
      type: 'datetimepicker',
      ...(opts.initial ? { initial_date_time: Math.floor(opts.initial.getTime() / 1000) } : {}),
    },
  );
}

export function userSelect(
  id: FieldId,
  label: string,
  opts: { initial?: string; optional?: boolean } = {},
): InputBlock {
  return input(
    id,
    label,
    { optional: opts.optional ?? true },
    { type: 'users_select', ...(opts.initial ? { initial_user: opts.initial } : {}) },
  );
}

/** Slack allows 100 options in a static select; larger catalogs search through an external select. */
export const STATIC_OPTIONS_LIMIT = 100;
const UNGROUPED = 'Other components';

export function componentOptions(components: Component[]) {
  const hasGroups = components.some((c) => c.group);
  const toOption = (c: Component) => option(c.key, componentLabel(c));
  if (!hasGroups) return { options: components.map(toOption) };
  const groups = new Map<string, Component[]>();
  for (const c of components) {
    const name = c.group ?? UNGROUPED;
    groups.set(name, [...(groups.get(name) ?? []), c]);
  }
  return {
    option_groups: [...groups.entries()].map(([name, members]) => ({
      label: plainText(name.length > 75 ? `${name.slice(0, 74)}…` : name),
      options: members.map(toOption),
    })),
  };
}

/** Checkboxes with one option each, ticked where `checked` says so (always optional: unticked is a value). */
export function checkboxInput(
  id: FieldId,
  label: string,
  options: { value: string; text: string; description?: string }[],
  checked: string[] = [],
): InputBlock {
  const all = options.map((o) => ({
    ...option(o.value, o.text),
    ...(o.description ? { description: plainText(o.description) } : {}),
  }));
  const initial = all.filter((o) => o.value !== undefined && checked.includes(o.value));
  return input(
    id,
    label,
    { optional: true },
    { type: 'checkboxes', options: all, ...(initial.length > 0 ? { initial_options: initial } : {}) },
  );
}

export function componentsInput(
  id: FieldId,
  catalog: Component[],
  selectedKeys: string[],
  opts: { label?: string; optional?: boolean } = {},
): InputBlock {
  const selected = catalog
    .filter((c) => selectedKeys.includes(c.key))
    .map((c) => option(c.key, componentLabel(c)));
  const initial = selected.length > 0 ? { initial_options: selected } : {};
  const placeholder = plainText('Pick from the catalog');
  return input(
    id,
    opts.label ?? 'Affected components',
    { optional: opts.optional ?? true },
    catalog.length > STATIC_OPTIONS_LIMIT
      ? { type: 'multi_external_select', min_query_length: 0, placeholder, ...initial }
      : { type: 'multi_static_select', ...componentOptions(catalog), placeholder, ...initial },
  );
}
