import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogError, loadCatalog, parseCatalog } from '../../src/catalog/load-catalog';

const examplePath = join(__dirname, '..', '..', 'components.example.yml');

function catalogErrorFor(text: string, path = 'components.yml'): CatalogError {
  try {
    parseCatalog(text, path);
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
  throw new Error(`parseCatalog accepted:\n${text}`);
}

describe('parseCatalog', () => {
  it('reads components.example.yml as the eight Vero components, in file order, with their groups', () => {
    const entries = parseCatalog(readFileSync(examplePath, 'utf8'), examplePath);
    expect(entries.map(({ key, group, name }) => [key, group, name])).toEqual([
      ['vero1-ingestion-api', 'Vero 1.0', 'Ingestion API'],
      ['general-ui', null, 'General UI access and speed'],
      ['transactional-emails', null, 'Transactional emails'],
      ['vero1-newsletter-processing', 'Vero 1.0', 'Newsletter processing'],
      ['workflows', null, 'Workflows'],
      ['behavioral-emails', null, 'Behavioral emails'],
      ['vero2-ui', 'Vero 2.0', 'UI'],
      ['vero2-newsletter-processing', 'Vero 2.0', 'Newsletter processing'],
    ]);
  });

  it('reads every field of an entry', () => {
    const entries = parseCatalog(`components:
  - key: vero1-ingestion-api
    name: Ingestion API
    group: Vero 1.0
    description: Event and profile ingestion
    announce_channels: [C0123ABCD, G0456EFGH]
`);
    expect(entries).toEqual([
      {
        key: 'vero1-ingestion-api',
        name: 'Ingestion API',
        group: 'Vero 1.0',
        description: 'Event and profile ingestion',
        announceChannels: ['C0123ABCD', 'G0456EFGH'],
      },
    ]);
  });

  it('leaves optional fields empty when they are not given', () => {
    expect(parseCatalog('components:\n  - key: workflows\n    name: Workflows\n')).toEqual([
      { key: 'workflows', name: 'Workflows', group: null, description: null, announceChannels: [] },
    ]);
  });

  it.each([
    ['an empty file', ''],
    ['a file of comments', '# nothing yet\n'],
    ['an empty list', 'components: []\n'],
    ['components with nothing under it', 'components:\n'],
  ])('reads %s as an empty catalog', (_what, text) => {
    expect(parseCatalog(text)).toEqual([]);
  });

  describe('refuses a malformed file with a CatalogError naming the file, the line and the problem', () => {
    it('reports a YAML syntax error where it is', () => {
      const error = catalogErrorFor(
        `components:
  - key: general-ui
    name: General UI access and speed
  - key: workflows
    name: Workflows: automations
`,
        'config/components.yml',
      );
      expect(error.message).toMatch(/^config\/components\.yml:5: .*mappings/);
    });

    it('reports an entry without a name on the entry', () => {
      const error = catalogErrorFor(`components:
  - key: general-ui
    name: General UI access and speed
  - key: workflows
    group: Automation
`);
      expect(error.message).toBe('components.yml:4: components.1.name: name is required');
    });

    it('reports a key that is not a slug', () => {
      const error = catalogErrorFor(`components:
  - key: general-ui
    name: General UI access and speed
  - key: Vero_Workflows
    name: Workflows
`);
      expect(error.message).toMatch(/^components\.yml:4: .*key must be a slug/);
    });

    it('reports a duplicate key on the line of the second one', () => {
      const error = catalogErrorFor(`components:
  - key: workflows
    name: Workflows
  - key: general-ui
    name: General UI access and speed
  - key: workflows
    name: Workflows again
`);
      expect(error.message).toMatch(/^components\.yml:6: key "workflows" is used twice/);
    });

    it('reports an unknown field on its own line', () => {
      const error = catalogErrorFor(`components:
  - key: workflows
    name: Workflows
    colour: red
`);
      expect(error.message).toBe('components.yml:4: components.0: unknown field "colour"');
    });

    it('reports an unknown top-level field', () => {
      const error = catalogErrorFor('components: []\nservices: []\n');
      expect(error.message).toBe('components.yml:2: unknown field "services"');
    });

    it('reports an announce channel that is not a channel ID on its line', () => {
      const error = catalogErrorFor(`components:
  - key: workflows
    name: Workflows
    announce_channels:
      - C0123ABCD
      - "#workflows"
`);
      expect(error.message).toMatch(/^components\.yml:6: .*announce_channels must hold Slack channel IDs/);
    });

    it('reports components that are not a list', () => {
      const error = catalogErrorFor('components:\n  key: workflows\n  name: Workflows\n');
      expect(error.message).toMatch(/^components\.yml:1: components: .*expected array/);
    });

    it('reports a file that is a list instead of a mapping', () => {
      const error = catalogErrorFor('- key: workflows\n  name: Workflows\n');
      expect(error.message).toBe('components.yml:1: the file must be a mapping with a components list');
    });
  });
});

describe('loadCatalog', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sitrep-catalog-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a missing file as missing', () => {
    const path = join(dir, 'components.yml');
    expect(loadCatalog(path)).toEqual({ status: 'missing', path });
  });

  it('loads a file that is there', () => {
    const path = join(dir, 'components.yml');
    writeFileSync(path, 'components:\n  - key: workflows\n    name: Workflows\n');
    expect(loadCatalog(path)).toMatchObject({ status: 'loaded', path, entries: [{ key: 'workflows' }] });
  });

  it('names the file it was given in an error', () => {
    const path = join(dir, 'components.yml');
    writeFileSync(path, 'components:\n  - name: Workflows\n');
    expect(() => loadCatalog(path)).toThrow(`${path}:2: components.0.key: key is required`);
  });
});
