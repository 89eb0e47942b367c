import type { CatalogEntry } from '../../src/catalog/load-catalog';
import type { Database } from '../../src/persistence/open-database';
import { PrismaComponentCatalog } from '../../src/persistence/prisma-component-catalog';
import { freshEmbeddedDatabase } from '../support/test-database';

function anEntry(overrides: Partial<CatalogEntry> & { key: string }): CatalogEntry {
  return { name: overrides.key, group: null, description: null, announceChannels: [], ...overrides };
}

const ingestion = anEntry({ key: 'vero1-ingestion-api', name: 'Ingestion API', group: 'Vero 1.0' });
const ui = anEntry({ key: 'general-ui', name: 'General UI access and speed' });
const emails = anEntry({
  key: 'transactional-emails',
  name: 'Transactional emails',
  announceChannels: ['C0EMAILS1'],
});

describe('PrismaComponentCatalog.sync', () => {
  let db: Database;
  let catalog: PrismaComponentCatalog;

  beforeAll(async () => {
    db = await freshEmbeddedDatabase();
    catalog = new PrismaComponentCatalog(db.prisma);
  });

  beforeEach(async () => {
    await db.prisma.component.deleteMany();
  });

  afterAll(async () => {
    await db.close();
  });

  const activeKeys = async () => (await catalog.listActive()).map((c) => c.key);
  const row = (key: string) => db.prisma.component.findUniqueOrThrow({ where: { key } });

  it('adds every component of a first file, in file order', async () => {
    const result = await catalog.sync([ingestion, ui, emails]);

    expect(result).toEqual({ added: 3, updated: 0, archived: 0, total: 3 });
    const active = await catalog.listActive();
    expect(
      active.map(({ key, name, group, announceChannels, position, archivedAt }) => ({
        key,
        name,
        group,
        announceChannels,
        position,
        archivedAt,
      })),
    ).toEqual([
      {
        key: 'vero1-ingestion-api',
        name: 'Ingestion API',
        group: 'Vero 1.0',
        announceChannels: [],
        position: 0,
        archivedAt: null,
      },
      {
        key: 'general-ui',
        name: 'General UI access and speed',
        group: null,
        announceChannels: [],
        position: 1,
        archivedAt: null,
      },
      {
        key: 'transactional-emails',
        name: 'Transactional emails',
        group: null,
        announceChannels: ['C0EMAILS1'],
        position: 2,
        archivedAt: null,
      },
    ]);
  });

  it('changes nothing when the same file is synced again', async () => {
    await catalog.sync([ingestion, ui, emails]);
    const before = await db.prisma.component.findMany({ orderBy: { key: 'asc' } });

    const result = await catalog.sync([ingestion, ui, emails]);

    expect(result).toEqual({ added: 0, updated: 0, archived: 0, total: 3 });
    expect(await db.prisma.component.findMany({ orderBy: { key: 'asc' } })).toEqual(before);
  });

  it('updates a component by key, keeping its identity', async () => {
    await catalog.sync([ingestion, ui, emails]);
    const { id } = await row('general-ui');

    const result = await catalog.sync([
      ingestion,
      {
        ...ui,
        name: 'Web app',
        group: 'Vero 2.0',
        description: 'The app in a browser',
        announceChannels: ['C0WEBAPP1'],
      },
      emails,
    ]);

    expect(result).toEqual({ added: 0, updated: 1, archived: 0, total: 3 });
    expect(await row('general-ui')).toMatchObject({
      id,
      name: 'Web app',
      group: 'Vero 2.0',
      description: 'The app in a browser',
      announceChannels: ['C0WEBAPP1'],
      archivedAt: null,
    });
  });

  it('follows the file when components are reordered', async () => {
    await catalog.sync([ingestion, ui, emails]);

    const result = await catalog.sync([emails, ingestion, ui]);

    expect(result).toEqual({ added: 0, updated: 3, archived: 0, total: 3 });
    expect(await activeKeys()).toEqual(['transactional-emails', 'vero1-ingestion-api', 'general-ui']);
  });

  it('clears a group and the announce channels that are removed from the file', async () => {
    await catalog.sync([ingestion, emails]);

    const result = await catalog.sync([
      { ...ingestion, group: null },
      { ...emails, announceChannels: [] },
    ]);

    expect(result).toEqual({ added: 0, updated: 2, archived: 0, total: 2 });
    expect(await row('vero1-ingestion-api')).toMatchObject({ group: null });
    expect(await row('transactional-emails')).toMatchObject({ announceChannels: [] });
  });

  it('archives a component removed from the file: it stays in the table but leaves the active list', async () => {
    await catalog.sync([ingestion, ui, emails]);
    const { id } = await row('general-ui');

    const result = await catalog.sync([ingestion, emails]);

    expect(result).toEqual({ added: 0, updated: 1, archived: 1, total: 2 });
    expect(await activeKeys()).toEqual(['vero1-ingestion-api', 'transactional-emails']);
    const archived = await row('general-ui');
    expect(archived.id).toBe(id);
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(await catalog.findByKeys(['general-ui'])).toEqual([
      expect.objectContaining({ key: 'general-ui', name: 'General UI access and speed' }),
    ]);
  });

  it('does not archive an archived component again', async () => {
    await catalog.sync([ingestion, ui]);
    await catalog.sync([ingestion]);
    const { archivedAt } = await row('general-ui');

    const result = await catalog.sync([ingestion]);

    expect(result).toEqual({ added: 0, updated: 0, archived: 0, total: 1 });
    expect((await row('general-ui')).archivedAt).toEqual(archivedAt);
  });

  it('brings back an archived key that returns to the file, with the same identity', async () => {
    await catalog.sync([ingestion, ui]);
    const { id } = await row('general-ui');
    await catalog.sync([ingestion]);

    const result = await catalog.sync([ingestion, { ...ui, name: 'General UI' }]);

    expect(result).toEqual({ added: 0, updated: 1, archived: 0, total: 2 });
    expect(await activeKeys()).toEqual(['vero1-ingestion-api', 'general-ui']);
    expect(await row('general-ui')).toMatchObject({ id, name: 'General UI', archivedAt: null });
  });

  it('counts added, updated and archived components of one sync together', async () => {
    await catalog.sync([ingestion, ui]);

    const result = await catalog.sync([{ ...ingestion, name: 'Ingestion' }, emails]);

    expect(result).toEqual({ added: 1, updated: 1, archived: 1, total: 2 });
    expect(await activeKeys()).toEqual(['vero1-ingestion-api', 'transactional-emails']);
  });

  it('archives everything when the file becomes empty', async () => {
    await catalog.sync([ingestion, ui, emails]);

    const result = await catalog.sync([]);

    expect(result).toEqual({ added: 0, updated: 0, archived: 3, total: 0 });
    expect(await activeKeys()).toEqual([]);
    expect(await db.prisma.component.count()).toBe(3);
  });
});
