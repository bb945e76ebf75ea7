// A database of its own for one bundle smoke run, so the apps' boot-time migrations and
// test rows never touch the database other test tiers share; dropped at the end.
import pg from 'pg';

async function withAdmin(databaseUrl, action) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(databaseUrl, name) {
  await withAdmin(databaseUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropScratchDatabase(databaseUrl, name) {
  await withAdmin(databaseUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
