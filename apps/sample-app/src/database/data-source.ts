import 'reflect-metadata';
import { processConfig } from '@app/config';
import { dataSourceOptions } from '@app/database';
import { DataSource } from 'typeorm';
import { SAMPLE_APP } from '../sample-app.identity';
import { SAMPLE_APP_SCHEMA } from './schema';

/**
 * For TypeORM's CLI only (`npm run migration:generate -- <path>/<Name>`): the
 * same options the app uses. Generated SQL is driver-specific; rewrite it with
 * the schema builder (see migrations/) so it runs on PostgreSQL and SQLite.
 */
export default new DataSource(dataSourceOptions(processConfig(SAMPLE_APP), SAMPLE_APP_SCHEMA));
