// Setup file of the `server-pg` project: the server's own tests open PostgreSQL (instead of a temp
// SQLite file) when REACHLOG_TEST_PG_URL names an admin URL; the cluster comes from the global setup.
import { inject } from 'vitest';

process.env.REACHLOG_TEST_PG_URL = inject('pgAdminUrl');
