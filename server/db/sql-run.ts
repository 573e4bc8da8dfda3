/**
 * Runs one statement (`?` placeholders) inside a fast-path transaction and returns its rows
 * (none for a statement that returns nothing). See db.fast.transaction.
 */
export type SqlRun = <R = Record<string, unknown>>(sql: string, params: unknown[]) => Promise<R[]>;
