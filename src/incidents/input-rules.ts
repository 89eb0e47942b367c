import type { Component } from './model';
import type { ComponentCatalog } from './ports';

export const TITLE_MAX = 150;
export const MESSAGE_MAX = 3000;
/** A time picked "now" on a minute-granular picker may run a little ahead of the server's clock. */
export const CLOCK_SKEW_MS = 60_000;

/** Problems with a title (when given) and a message, reported on `fields` by domain field name. */
export function checkText(fields: Record<string, string>, title: string | undefined, message: string): void {
  if (title !== undefined) {
    if (title.trim().length === 0) fields.title = 'Give the incident a title.';
    else if (title.length > TITLE_MAX)
      fields.title = `Keep the title to ${TITLE_MAX} characters (it has ${title.length}).`;
  }
  if (message.trim().length === 0) fields.message = 'Write what is happening.';
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
