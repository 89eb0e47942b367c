import type { CatalogEntry } from '../catalog/load-catalog';
import { readCatalogFile, stageCatalogFile, withEntries } from './catalog-file';
import { type KnownComponent, placeComponents } from './place-components';
import { type ImportedIds, type ImportPlan, planImport } from './plan-import';
import { type ReadOptions, readSource, type SourceLocation } from './read-source';

/** Where an import reads what exists and writes what it brings (PrismaStatuspageImport in production). */
export interface ImportStore {
  /** Every catalog component, archived ones included (their keys are never reused). */
  catalog(): Promise<KnownComponent[]>;
  importedIds(incidentIds: string[], maintenanceIds: string[]): Promise<ImportedIds>;
  /** Writes everything in one transaction: all of it, or nothing. */
  apply(write: ImportWrite): Promise<void>;
}

export interface ImportWrite {
  plan: ImportPlan;
  /** The whole catalog to sync as start-up does, when `--write-catalog` wrote one. */
  catalog: CatalogEntry[] | null;
  /** Catalog keys that get the Statuspage id of the component they were matched to. */
  links: { key: string; statuspageId: string }[];
}

export interface ImportOptions extends ReadOptions {
  source: SourceLocation;
  /** `--write-catalog <file>`. */
  writeCatalog?: string;
  dryRun?: boolean;
}

interface ImportCounts {
  incidents: number;
  updates: number;
  maintenances: number;
  components: number;
  alreadyPresent: number;
}

export interface ImportReport {
  counts: ImportCounts;
  /** The line of SPEC §14. */
  summary: string;
  /** Things reported and left out; the import went on. */
  notices: string[];
}

export async function runImport(store: ImportStore, options: ImportOptions): Promise<ImportReport> {
  const source = await readSource(options.source, options);
  const file = options.writeCatalog ? readCatalogFile(options.writeCatalog) : null;
  const catalog = withFileEntries(await store.catalog(), file?.entries ?? []);
  const placement = placeComponents(source, catalog, file !== null);
  const imported = await store.importedIds(
    source.incidents.map((i) => i.id),
    source.maintenances.map((m) => m.id),
  );
  const plan = planImport(source, placement, catalog, imported);
  const notices = [...plan.problems];
  if (placement.unplaced.length > 0) {
    notices.push(
      `components.json: ${placement.unplaced.length} components are not in the catalog and were left out (--write-catalog adds them): ${placement.unplaced.join(', ')}`,
    );
  }
  const counts: ImportCounts = {
    incidents: plan.incidents.length,
    updates:
      plan.incidents.reduce((n, i) => n + i.updates.length, 0) +
      plan.additions.reduce((n, a) => n + a.updates.length, 0),
    maintenances: plan.maintenances.length,
    components: placement.added.length,
    alreadyPresent: plan.alreadyPresent,
  };
  const line = summaryLine(counts);
  if (options.dryRun) return { counts, summary: `dry run, nothing written: would have ${line}`, notices };

  const written = file ? withEntries(file, placement.added) : null;
  const staged =
    file && written && written.text !== file.text ? stageCatalogFile(file.path, written.text) : null;
  try {
    await store.apply({ plan, catalog: written?.entries ?? null, links: placement.links });
  } catch (error) {
    staged?.discard();
    throw error;
  }
  staged?.commit();
  return { counts, summary: line, notices };
}

/** `imported 48 incidents (312 updates), 3 maintenances, 12 components; 2 already present` (SPEC §14). */
function summaryLine(counts: ImportCounts): string {
  return `imported ${counts.incidents} incidents (${counts.updates} updates), ${counts.maintenances} maintenances, ${counts.components} components; ${counts.alreadyPresent} already present`;
}

/** Entries of the catalog file that start-up has not synced yet count as catalog components too. */
function withFileEntries(catalog: KnownComponent[], entries: readonly CatalogEntry[]): KnownComponent[] {
  const keys = new Set(catalog.map((c) => c.key));
  const extra = entries
    .filter((e) => !keys.has(e.key))
    .map((e) => ({ key: e.key, name: e.name, group: e.group, statuspageId: null, archived: false }));
  return [...catalog, ...extra];
}
