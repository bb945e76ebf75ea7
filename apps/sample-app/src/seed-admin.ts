import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigValidationError, processConfig } from '@app/config';
import { AppModule } from './app.module';
import { SAMPLE_APP } from './sample-app.identity';
import { AdminSeeder } from './users/admin-seeder';

/**
 * `npm run seed:admin` (or `node dist/apps/sample-app/src/seed-admin.js` in
 * the image): creates or promotes the admin named by ADMIN_EMAIL with
 * ADMIN_PASSWORD. Boots the app's modules without listening, so it uses the
 * same database, migrations and password hashing as the server.
 */
async function main(): Promise<void> {
  const config = processConfig(SAMPLE_APP);
  const { email, password } = config.admin;
  if (email === undefined || password === undefined) {
    throw new ConfigValidationError(['ADMIN_EMAIL and ADMIN_PASSWORD: both are required to seed an admin']);
  }
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config, { version: 'seed', commit: 'unknown', buildTime: 'unknown' }),
    { logger: ['error', 'warn'] },
  );
  try {
    const outcome = await app.get(AdminSeeder).ensureAdmin(email, password);
    console.log(`admin ${email}: ${outcome}`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
