import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { type SourceFileKind, type StatuspageSource, sourceFiles } from './statuspage-schema';

/** Why an import stopped before writing anything; the message names the file, the record and the field. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

export type SourceLocation = { dir: string } | { url: string };

export interface ReadOptions {
  /** Per request, for `--url` (SPEC §14: 10 s). */
  timeoutMs?: number;
}

const kinds = Object.keys(sourceFiles) as SourceFileKind[];

/** Reads and validates the three files of a page; a file absent from a folder counts as an empty list. */
export async function readSource(
  location: SourceLocation,
  options: ReadOptions = {},
): Promise<StatuspageSource> {
  const texts = await Promise.all(kinds.map((kind) => fetchText(location, kind, options)));
  const parsed = kinds.map((kind, i) => {
    const text = texts[i] ?? null;
    return text === null ? null : validate(kind, text.label, text.body);
  });
  const [components, incidents, maintenances] = parsed as [
    { components: StatuspageSource['components'] } | null,
    { incidents: StatuspageSource['incidents'] } | null,
    { scheduled_maintenances: StatuspageSource['maintenances'] } | null,
  ];
  return {
    components: components?.components ?? [],
    incidents: incidents?.incidents ?? [],
    maintenances: maintenances?.scheduled_maintenances ?? [],
  };
}

/** The page's base URL, whether given as the page, its API root or with a trailing slash. */
function apiRoot(base: string): string {
  return `${base.replace(/\/+$/, '').replace(/\/api\/v2$/, '')}/api/v2`;
}

async function fetchText(
  location: SourceLocation,
  kind: SourceFileKind,
  options: ReadOptions,
): Promise<{ label: string; body: string } | null> {
  const file = sourceFiles[kind].file;
  if ('dir' in location) {
    const path = join(location.dir, file);
    try {
      return { label: path, body: await readFile(path, 'utf8') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new ImportError(`${path}: cannot be read (${(error as Error).message})`);
    }
  }
  const url = `${apiRoot(location.url)}/${file}`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new ImportError(`${url}: no answer within ${timeoutMs / 1000} s`);
    }
    const cause = (error as { cause?: Error }).cause;
    throw new ImportError(`${url}: cannot be fetched (${cause?.message ?? (error as Error).message})`);
  }
  try {
    if (!response.ok) {
      throw new ImportError(`${url}: the page answered ${response.status} ${response.statusText}`.trim());
    }
    return { label: url, body: await response.text() };
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new ImportError(`${url}: no answer within ${timeoutMs / 1000} s`);
    }
    throw error;
  }
}

const recordNames: Record<string, string> = {
  components: 'component',
  incidents: 'incident',
  scheduled_maintenances: 'maintenance',
};

function validate(kind: SourceFileKind, label: string, body: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new ImportError(`${label}: malformed JSON (${(error as Error).message})`);
  }
  const result = sourceFiles[kind].schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  throw new ImportError(`${label}: ${where(data, issue.path)}: ${problem(issue)}`);
}

/** `incident ljwdk6qml8z8, field incident_updates[2].status`, from the path of a zod issue. */
function where(data: unknown, path: PropertyKey[]): string {
  const [list, index, ...rest] = path;
  if (typeof list !== 'string' || typeof index !== 'number') {
    return `field ${formatPath(path) || '(the document)'}`;
  }
  const record = (data as Record<string, unknown[]>)[list]?.[index] as { id?: unknown } | undefined;
  const name = recordNames[list] ?? list;
  const id = typeof record?.id === 'string' && record.id ? record.id : `#${index + 1} (no id)`;
  return rest.length > 0 ? `${name} ${id}, field ${formatPath(rest)}` : `${name} ${id}`;
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`))
    .join('');
}

function problem(issue: z.core.$ZodIssue): string {
  if ('input' in issue && issue.input === undefined) return 'is missing';
  if (issue.code === 'invalid_value') {
    return `unknown value ${JSON.stringify(issue.input)} (expected one of ${issue.values.join(', ')})`;
  }
  if (issue.code === 'invalid_format') return `${JSON.stringify(issue.input)} is not a date-time with a zone`;
  return issue.message;
}
