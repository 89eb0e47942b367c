// Generates the Prisma client offline. `prisma generate` never runs the native schema engine, but
// the CLI insists on one existing; pointing it at any file keeps it from downloading one.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = readFileSync(join(root, 'prisma/schema.prisma'));
const stamp = join(root, 'src/persistence/generated/.schema-hash');
const hash = createHash('sha256').update(schema).digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) process.exit(0);

const cli = join(root, 'node_modules/prisma/build/index.js');
execFileSync(process.execPath, [cli, 'generate'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/dev/null',
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
writeFileSync(stamp, hash);
console.log('Prisma client generated in src/persistence/generated');
