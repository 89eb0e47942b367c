import type { CatalogEntry } from '../catalog/load-catalog';
import { slugify } from '../incidents/naming';
import type { SourceComponent, StatuspageSource } from './statuspage-schema';

/** A catalog component as the import sees it. */
export interface KnownComponent {
  key: string;
  name: string;
  group: string | null;
  statuspageId: string | null;
  archived: boolean;
}

export interface Placement {
  /** Statuspage component id → catalog key. */
  keys: Map<string, string>;
  /** Catalog entries to add to the written catalog file, in page order. */
  added: CatalogEntry[];
  /** Catalog keys that get their Statuspage id recorded. */
  links: { key: string; statuspageId: string }[];
  /** Components of components.json with no place in the catalog (no --write-catalog). */
  unplaced: string[];
}

const MAX_KEY = 80;
const MAX_NAME = 100;
const MAX_DESCRIPTION = 500;

/**
 * Places each Statuspage component in the catalog (SPEC §14): by Statuspage id, then by label
 * (`Group: Name`); with `write`, a component found in neither becomes a new entry whose key is slugged
 * from `group name` (never one the catalog holds, archived ones included). Groups are not components in
 * Sitrep: they become the `group` of their members; a `group_id` with no group in the file gives none.
 */
export function placeComponents(
  source: StatuspageSource,
  catalog: readonly KnownComponent[],
  write: boolean,
): Placement {
  const groups = new Map<string, string>();
  const members: SourceComponent[] = [];
  const seen = new Set<string>();
  const all = [...source.components, ...source.incidents.flatMap((incident) => incident.components ?? [])];
  for (const component of all) {
    if (component.group || (component.components?.length ?? 0) > 0) {
      if (!groups.has(component.id)) groups.set(component.id, component.name);
    }
  }
  for (const component of all) {
    if (groups.has(component.id) || seen.has(component.id)) continue;
    seen.add(component.id);
    members.push(component);
  }
  const fromFile = new Set(source.components.map((c) => c.id));

  const byStatuspageId = new Map(catalog.filter((c) => c.statuspageId).map((c) => [c.statuspageId, c]));
  const byLabel = new Map<string, KnownComponent>();
  // Active components win a label over archived ones.
  for (const c of [...catalog].sort((a, b) => Number(b.archived) - Number(a.archived))) {
    byLabel.set(label(c.group, c.name), c);
  }
  const takenKeys = new Set(catalog.map((c) => c.key));
  const linkedKeys = new Set(catalog.filter((c) => c.statuspageId).map((c) => c.key));

  const placement: Placement = { keys: new Map(), added: [], links: [], unplaced: [] };
  for (const component of members) {
    const group = component.group_id ? (groups.get(component.group_id) ?? null) : null;
    const known = byStatuspageId.get(component.id) ?? byLabel.get(label(group, component.name));
    if (known) {
      placement.keys.set(component.id, known.key);
      if (!known.statuspageId && !linkedKeys.has(known.key)) {
        linkedKeys.add(known.key);
        placement.links.push({ key: known.key, statuspageId: component.id });
      }
      continue;
    }
    if (!write || !fromFile.has(component.id)) {
      if (fromFile.has(component.id)) placement.unplaced.push(label(group, component.name));
      continue;
    }
    const key = freshKey(`${group ?? ''} ${component.name}`, takenKeys);
    takenKeys.add(key);
    linkedKeys.add(key);
    const entry: CatalogEntry = {
      key,
      name: component.name.trim().slice(0, MAX_NAME),
      group: group?.trim().slice(0, MAX_NAME) || null,
      description: component.description?.slice(0, MAX_DESCRIPTION) || null,
      announceChannels: [],
    };
    placement.added.push(entry);
    placement.keys.set(component.id, key);
    placement.links.push({ key, statuspageId: component.id });
    byLabel.set(label(entry.group, entry.name), {
      key,
      name: entry.name,
      group: entry.group,
      statuspageId: component.id,
      archived: false,
    });
  }
  return placement;
}

/**
 * The catalog key of an affected component: its code placed above, else a catalog component already
 * linked to that code, else an ungrouped catalog component of that name; null when none fits.
 */
export function placeAffected(
  placement: Placement,
  catalog: readonly KnownComponent[],
  code: string,
  name: string,
): string | null {
  const placed = placement.keys.get(code);
  if (placed) return placed;
  const linked = catalog.find((c) => c.statuspageId === code);
  if (linked) return linked.key;
  const named = catalog.filter((c) => c.group === null && !c.archived && c.name === name);
  return named.length === 1 ? (named[0]?.key ?? null) : null;
}

function label(group: string | null, name: string): string {
  return group ? `${group}: ${name}` : name;
}

function freshKey(text: string, taken: ReadonlySet<string>): string {
  const base = slugify(text).slice(0, MAX_KEY).replace(/-+$/, '') || 'component';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const key = `${base.slice(0, MAX_KEY - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(key)) return key;
  }
}
