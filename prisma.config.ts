// Prisma CLI configuration for machines that can run the CLI's schema engine (internet access).
// Two schema files exist, one per database (see README, "server"); PRISMA_DB picks one:
//   PRISMA_DB=sqlite   (default) DATABASE_URL=file:./data/reachlog.db npx prisma migrate dev --name <name>
//   PRISMA_DB=postgres DATABASE_URL=postgres://… npx prisma migrate dev --name <name>
import { defineConfig } from 'prisma/config';

const db = process.env.PRISMA_DB === 'postgres' ? 'postgres' : 'sqlite';

export default defineConfig({
  schema: `prisma/${db}/schema.prisma`,
  migrations: { path: `prisma/${db}/migrations` },
  datasource: {
    url:
      process.env.DATABASE_URL ??
      (db === 'sqlite' ? 'file:./data/reachlog.db' : 'postgresql://localhost:5432/reachlog'),
  },
});
