import { QueryFailedError } from 'typeorm';

/**
 * Whether a write failed because a row it references is gone (PostgreSQL 23503, SQLite's
 * SQLITE_CONSTRAINT_FOREIGNKEY): a caller acting for a user deleted since their
 * credential was issued, say. The repositories turn it into a domain error.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const { code } = error.driverError as { code?: unknown };
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Whether a write failed on a unique index (PostgreSQL 23505, SQLite's SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const { code } = error.driverError as { code?: unknown };
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
