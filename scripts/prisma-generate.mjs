// Generates both Prisma clients (SQLite and PostgreSQL). The Prisma CLI would try to
// download its native schema engine first; generation does not need it, so point it at
// /bin/false (see docs/server.md, "Database and migrations").
import { execFileSync } from 'node:child_process';

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};
for (const db of ['sqlite', 'postgres']) {
  execFileSync('npx', ['prisma', 'generate', '--schema', `prisma/${db}/schema.prisma`], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
}
