import type { Component } from './model';
import type { ComponentCatalog } from './ports';

export const TITLE_MAX = 150;
export const MESSAGE_MAX = 3000;
/** A time picked "now" on a minute-granular picker may run a little ahead of the server's clock. */
export const CLOCK_SKEW_MS = 60_000;

/** Any control character: a one-line field takes none (PostgreSQL refuses NUL, Slack shows the rest as boxes). */
const LINE_CONTROL = /\p{Cc}/u;
/** Control characters other than tab and line breaks, for multi-line text. */
const TEXT_CONTROL = /[^\P{Cc}\t\n\r]/u;
/** A character that shows: not a space, a control, a format character (zero-width…) or a Hangul filler. */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Zs}\u115F\u1160\u3164\uFFA0]/u;

/** Whether text shows at least one character (zero-width and filler characters alone show nothing). */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}

/** Problems with a one-line text field: control characters, or over `max` characters. */
export function checkLine(
  fields: Record<string, string>,
  field: string,
  label: string,
  text: string,
  max: number,
): void {
  if (LINE_CONTROL.test(text)) fields[field] = `Remove the control characters from the ${label}.`;
  else if (text.length > max)
    fields[field] = `Keep the ${label} to ${max} characters (it has ${text.length}).`;
}

/** Problems with a title (when given) and a message, reported on `fields` by domain field name. */
export function checkText(fields: Record<string, string>, title: string | undefined, message: string): void {
  if (title !== undefined) {
    if (!hasVisibleText(title)) fields.title = 'Give the incident a title.';
    else checkLine(fields, 'title', 'title', title, TITLE_MAX);
  }
  if (!hasVisibleText(message)) fields.message = 'Write what is happening.';
  else if (TEXT_CONTROL.test(message)) fields.message = 'Remove the control characters from the message.';
  else if (message.length > MESSAGE_MAX)
    fields.message = `Keep the message to ${MESSAGE_MAX} characters (it has ${message.length}).`;
}

/**
 * The catalog components named by keys, in catalog order; unknown keys are reported on `fields`.
 * Archived components stay valid where history already holds them (updates), not for new incidents.
 */
export async function findComponents(
  catalog: ComponentCatalog,
  keys: string[],
  fields: Record<string, string>,
  options: { allowArchived: boolean },
): Promise<Component[]> {
  const unique = [...new Set(keys)];
  const found = (await catalog.findByKeys(unique)).filter(
    (c) => options.allowArchived || c.archivedAt === null,
  );
  const known = new Set(found.map((c) => c.key));
  const unknown = unique.filter((key) => !known.has(key));
  if (unknown.length > 0) fields.components = `Unknown component: ${unknown.join(', ')}.`;
  return found;
}
