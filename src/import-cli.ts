// `npm run --silent import -- statuspage (--url <base> | --dir <folder>) [--write-catalog <file>] [--dry-run]`
// (SPEC §14): brings a Statuspage page's components, incidents and maintenances into Sitrep; in a
// production install, `node dist/import-cli.js statuspage …`.
import { parseArgs } from 'node:util';
import { environmentWithDotenv, loadConfig } from './config';
import { ImportError } from './import/read-source';
import { type ImportOptions, runImport } from './import/run-import';
import { openDatabase } from './persistence/open-database';
import { PrismaStatuspageImport } from './persistence/prisma-statuspage-import';
import { runCommand } from './run-command';
import { slackWorkspaceId } from './slack/workspace';

const USAGE_EXIT_CODE = 2;

const usage = `usage: npm run --silent import -- statuspage (--url <page base URL> | --dir <folder>) [options]

Reads a Statuspage page's public v2 JSON (components.json, incidents.json, scheduled-maintenances.json)
from the live page or from files saved from it, and brings it into Sitrep's database (DATABASE_URL or
DATA_DIR, as for npm start). Importing again adds only what is new.

  --url <base URL>         the page, e.g. https://www.githubstatus.com (10 s per request)
  --dir <folder>           a folder holding the saved files (a missing file counts as an empty list)
  --write-catalog <file>   add the page's components to this catalog file (components.yml) and sync it
  --team <T…>              the Slack workspace the incidents belong to (default: the one already in use)
  --dry-run                say what would be imported, write nothing

In a production install (dist/, no dev dependencies): node dist/import-cli.js statuspage …
`;

class UsageError extends Error {}

function parse(argv: string[]): ImportOptions & { teamId?: string } {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  const options = {
    url: { type: 'string' },
    dir: { type: 'string' },
    'write-catalog': { type: 'string' },
    team: { type: 'string' },
    'dry-run': { type: 'boolean' },
  } as const;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'statuspage' || positionals.length > 1) {
    throw new UsageError('the first argument names the source: statuspage');
  }
  if (!values.url === !values.dir) throw new UsageError('give either --url or --dir');
  if (values.url && !/^https?:\/\/[^/]/.test(values.url)) {
    throw new UsageError(`--url must be an http(s) URL, not "${values.url}"`);
  }
  if (values.team !== undefined && !/^[A-Z0-9]+$/.test(values.team)) {
    throw new UsageError(`--team must be a Slack workspace id such as T0123ABCD, not "${values.team}"`);
  }
  return {
    source: values.url ? { url: values.url } : { dir: values.dir as string },
    writeCatalog: values['write-catalog'],
    dryRun: values['dry-run'] ?? false,
    teamId: values.team,
  };
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage);
    return 0;
  }
  let options: ReturnType<typeof parse>;
  try {
    options = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`sitrep import: ${error.message}\n\n${usage}`);
    return USAGE_EXIT_CODE;
  }
  const config = loadConfig(environmentWithDotenv());
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    // Numbered in the workspace Slack will declare in, so that its incidents follow on.
    const probe = new PrismaStatuspageImport(db.prisma);
    const teamId =
      options.teamId ??
      (await probe.workspaceInUse()) ??
      (config.slack ? await slackWorkspaceId(config.slack) : null) ??
      undefined;
    const store = new PrismaStatuspageImport(db.prisma, teamId);
    const report = await runImport(store, options);
    for (const notice of report.notices) process.stderr.write(`${notice}\n`);
    if (store.workspaceGuessed) {
      process.stderr.write(
        'no Slack workspace is known yet (no incidents, no SLACK_BOT_TOKEN), so the imported incidents are numbered on their own: to have incidents declared in Slack follow their numbers, import into a fresh database with --team <your workspace id, T…> or with SLACK_BOT_TOKEN set\n',
      );
    }
    process.stdout.write(`${report.summary}\n`);
  } finally {
    await db.close();
  }
  return 0;
}

runCommand('import', main, [ImportError]);
