import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isSeq, parseDocument } from 'yaml';
import { type CatalogEntry, CatalogError, parseCatalog } from '../catalog/load-catalog';
import { ImportError } from './read-source';

/** The catalog file `--write-catalog` names, as it is now. */
export interface CatalogFile {
  path: string;
  text: string | null;
  entries: CatalogEntry[];
}

export function readCatalogFile(path: string): CatalogFile {
  if (!existsSync(path)) return { path, text: null, entries: [] };
  const text = readFileSync(path, 'utf8');
  return { path, text, entries: parsed(text, path) };
}

/**
 * The file with `added` appended to its components, everything already there kept as written (comments
 * included), and the entries it then holds, validated as start-up validates them.
 */
export function withEntries(
  file: CatalogFile,
  added: readonly CatalogEntry[],
): { text: string; entries: CatalogEntry[] } {
  if (added.length === 0 && file.text !== null) return { text: file.text, entries: file.entries };
  const doc = parseDocument(file.text ?? '# Components, written by `npm run import -- statuspage`.\n');
  let list = doc.get('components', true);
  if (!isSeq(list)) {
    list = doc.createNode([]);
    doc.set('components', list);
  }
  for (const entry of added) {
    (list as { add(value: unknown): void }).add(
      doc.createNode({
        key: entry.key,
        name: entry.name,
        ...(entry.group ? { group: entry.group } : {}),
        ...(entry.description ? { description: entry.description } : {}),
      }),
    );
  }
  const text = doc.toString({ lineWidth: 0 });
  return { text, entries: parsed(text, file.path) };
}

/**
 * Writes beside the file first, so that a file that cannot be written stops the import before the
 * database is touched; `commit` moves it into place once the database has committed.
 */
export function stageCatalogFile(path: string, text: string): { commit(): void; discard(): void } {
  const staged = `${path}.import-${process.pid}.tmp`;
  try {
    writeFileSync(staged, text);
  } catch (error) {
    throw new ImportError(`${path}: cannot be written (${(error as Error).message})`);
  }
  return {
    commit: () => renameSync(staged, path),
    discard: () => rmSync(staged, { force: true }),
  };
}

function parsed(text: string, path: string): CatalogEntry[] {
  try {
    return parseCatalog(text, path);
  } catch (error) {
    if (error instanceof CatalogError) throw new ImportError(error.message);
    throw error;
  }
}
