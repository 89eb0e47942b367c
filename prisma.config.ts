import { defineConfig } from 'prisma/config';

// The CLI is used offline for `generate` only; migrations run through the WASM schema engine
// (src/persistence/migrations.ts), so no datasource URL is needed here.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
