import 'reflect-metadata';
import { processConfig } from '@app/config';
import { dataSourceOptions, revertLastMigration, runMigrations } from '@app/database';
import { DataSource } from 'typeorm';
import { SAMPLE_APP_SCHEMA } from './database/schema';
import { SAMPLE_APP } from './sample-app.identity';

/**
 * Migration command, run by `npm run migration:run|revert|show` and, in
 * Kubernetes, by the step that precedes a rollout:
 *   node dist/apps/sample-app/src/migrate.js [run|revert|show]
 * Exits non-zero on failure so a Job or init container stops the rollout.
 */
async function main(command: string): Promise<void> {
  const config = processConfig(SAMPLE_APP);
  const dataSource = await new DataSource(dataSourceOptions(config, SAMPLE_APP_SCHEMA)).initialize();
  try {
    if (command === 'run') {
      const applied = await runMigrations(dataSource);
      console.log(applied.length === 0 ? 'schema is up to date' : `applied: ${applied.map((m) => m.name).join(', ')}`);
    } else if (command === 'revert') {
      await revertLastMigration(dataSource);
      console.log('reverted the last migration');
    } else if (command === 'show') {
      const pending = await dataSource.showMigrations();
      console.log(pending ? 'there are pending migrations' : 'schema is up to date');
    } else {
      throw new Error(`unknown command "${command}": use run, revert or show`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2] ?? 'run').catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
