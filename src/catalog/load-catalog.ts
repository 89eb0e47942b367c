import { existsSync, readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

/** One catalog entry of components.yml (SPEC §2). */
export interface CatalogEntry {
  key: string;
  name: string;
  group: string | null;
  description: string | null;
  announceChannels: string[];
}

const entrySchema = z
  .object({
    key: z
      .string({ message: 'key is required' })
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'key must be a slug of a–z, 0–9 and single dashes')
      .max(80, 'key is longer than 80 characters'),
    name: z
      .string({ message: 'name is required' })
      .trim()
      .min(1, 'name is empty')
      .max(100, 'name is too long'),
    group: z.string().trim().min(1, 'group is empty').max(100, 'group is too long').nullish(),
    description: z.string().max(500, 'description is too long').nullish(),
    announce_channels: z
      .array(
        z
          .string()
          .regex(/^[CG][A-Z0-9]{2,}$/, 'announce_channels must hold Slack channel IDs such as C0123ABCD'),
      )
      .nullish(),
  })
  .strict();

const catalogSchema = z
  .object(
    { components: z.array(entrySchema).nullish() },
    { message: 'the file must be a mapping with a components list' },
  )
  .strict();

export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogError';
  }
}

export type CatalogLoad =
  | { status: 'missing'; path: string }
  | { status: 'loaded'; path: string; entries: CatalogEntry[] };

/** Reads and validates the catalog; a missing file is an empty catalog, a malformed one a CatalogError. */
export function loadCatalog(path: string): CatalogLoad {
  if (!existsSync(path)) return { status: 'missing', path };
  return { status: 'loaded', path, entries: parseCatalog(readFileSync(path, 'utf8'), path) };
}

export function parseCatalog(text: string, path = 'components.yml'): CatalogEntry[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const line = lineCounter.linePos(firstError.pos[0]).line;
    throw new CatalogError(`${path}:${line}: ${firstError.message.split('\n')[0]}`);
  }
  const result = catalogSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    // An unknown field is reported on its own line, not on the first line of its entry.
    const where =
      issue?.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue?.path;
    const line = where ? lineOf(doc.contents, where, lineCounter) : 1;
    throw new CatalogError(`${path}:${line}: ${issue ? describe(issue) : 'invalid catalog'}`);
  }
  const entries = (result.data.components ?? []).map((entry) => ({
    key: entry.key,
    name: entry.name,
    group: entry.group ?? null,
    description: entry.description ?? null,
    announceChannels: entry.announce_channels ?? [],
  }));
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const earlier = seen.get(entry.key);
    if (earlier !== undefined) {
      const line = lineOf(doc.contents, ['components', index, 'key'], lineCounter);
      const first = lineOf(doc.contents, ['components', earlier, 'key'], lineCounter);
      throw new CatalogError(`${path}:${line}: key "${entry.key}" is used twice (first on line ${first})`);
    }
    seen.set(entry.key, index);
  });
  return entries;
}

function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys')
    return `${where}unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${where}${issue.message}`;
}

function lineOf(root: unknown, path: PropertyKey[], lineCounter: LineCounter): number {
  let node: unknown = root;
  let offset = startOf(node) ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      // The line of the field's key: where a reader looks for it, even when its value runs on below.
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      offset = startOf(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.get(Number(segment), true);
      offset = startOf(node) ?? offset;
    } else break;
  }
  return lineCounter.linePos(offset).line;
}

function startOf(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null)?.range?.[0];
}
