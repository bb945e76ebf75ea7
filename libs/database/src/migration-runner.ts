import { Logger } from '@nestjs/common';
import type { DataSource, Migration } from 'typeorm';

/** Any constant works as long as every process uses the same one. */
/** The PostgreSQL advisory lock every migration runner takes (docs/TROUBLESHOOTING.md shows how to find its holder). */
export const MIGRATION_LOCK_KEY = 727_274_001;

/**
 * Runs pending migrations, one process at a time. On PostgreSQL a session
 * advisory lock serialises concurrent runners (two pods starting, or the
 * migration Job racing a developer): the second waits, then finds nothing to
 * do. SQLite serialises writers on the database file itself.
 */
export async function runMigrations(dataSource: DataSource, logger = new Logger('Migrations')): Promise<Migration[]> {
  if (dataSource.options.type !== 'postgres') return dataSource.runMigrations({ transaction: 'each' });
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) logger.log(`applied ${applied.map((migration) => migration.name).join(', ')}`);
    return applied;
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}

/** Reverts the most recent migration, under the same lock. */
export async function revertLastMigration(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') return dataSource.undoLastMigration({ transaction: 'each' });
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}
