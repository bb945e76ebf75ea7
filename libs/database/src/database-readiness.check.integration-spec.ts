import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { requiredServiceUrls } from '../../../test/support/service-env';
import { DatabaseReadinessCheck } from './database-readiness.check';

describe(DatabaseReadinessCheck.name, () => {
  const { databaseUrl } = requiredServiceUrls();

  it('reports PostgreSQL up with its latency', async () => {
    const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
    try {
      const result = await new DatabaseReadinessCheck(dataSource, new HealthIndicatorService()).check(1_000);
      expect(result.database).toMatchObject({ status: 'up', backend: 'postgres', responseTime: expect.any(Number) });
    } finally {
      await dataSource.destroy();
    }
  });

  it('reports down within the timeout when a query does not answer', async () => {
    const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl, extra: { max: 2 } }).initialize();
    const check = new DatabaseReadinessCheck(dataSource, new HealthIndicatorService());
    // GIVEN every pooled connection is busy for longer than the probe timeout
    const blockers = [dataSource.query('SELECT pg_sleep(2)'), dataSource.query('SELECT pg_sleep(2)')];
    try {
      // WHEN readiness is checked with a 300 ms budget
      const result = await check.check(300);
      // THEN it answers down instead of waiting for the pool
      expect(result.database?.status).toBe('down');
    } finally {
      await Promise.all(blockers);
      await dataSource.destroy();
    }
  });
});
