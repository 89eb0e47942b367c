// `npm run build`: the Prisma client, then src/ compiled to dist/ (generated client included), from clean:
// the service (dist/main.js) and the export and import commands (dist/export-cli.js, dist/import-cli.js).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'scripts/generate-client.mjs')], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
