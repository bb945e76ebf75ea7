import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@app/lifecycle';
import { loadConfig } from '@app/config';
import { dataSourceOptions, runMigrations } from '@app/database';
import { DataSource } from 'typeorm';
import { SAMPLE_APP_SCHEMA } from '../database/schema';
import { SAMPLE_APP } from '../sample-app.identity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import {
  IdempotencyKeyReusedError,
  IdempotentRequestInFlightError,
  IdempotentSecretNotReplayedError,
} from './idempotency.errors';
import { type FirstAnswer, IdempotencyStore } from './idempotency.store';

const TTL_SECONDS = 60;

class FakeClock {
  current = new Date('2026-12-01T00:00:00Z');
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

// The store on the embedded database (no service needed); the PostgreSQL path runs in the e2e suite.
describe(IdempotencyStore.name, () => {
  let scratch: string;
  let source: DataSource;
  let clock: FakeClock;
  let store: IdempotencyStore;
  const request = { scope: 'user:1', key: 'k-1', fingerprint: 'f'.repeat(64) };
  const answer = (body: unknown): FirstAnswer => ({ body, stored: { status: 201, headers: {}, body } });
  const records = () => source.getRepository(IdempotencyKeyEntity);

  beforeEach(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'idempotency-store-'));
    const config = loadConfig(
      { SQLITE_PATH: join(scratch, 'db.sqlite'), IDEMPOTENCY_KEY_TTL_SECONDS: String(TTL_SECONDS) },
      SAMPLE_APP,
    );
    source = await new DataSource({ ...dataSourceOptions(config, SAMPLE_APP_SCHEMA), logging: false }).initialize();
    await runMigrations(source);
    clock = new FakeClock();
    store = new IdempotencyStore(source, config, clock as unknown as Clock);
  });

  afterEach(async () => {
    await source.destroy();
    rmSync(scratch, { recursive: true, force: true });
  });

  describe('execute', () => {
    it('runs the first request and replays its stored answer to the second without running it', async () => {
      const work = jest.fn(() => Promise.resolve(answer({ id: 'a' })));
      expect(await store.execute(request, work)).toEqual({ replayed: false, body: { id: 'a' } });
      expect(await store.execute(request, work)).toEqual({
        replayed: true,
        stored: { status: 201, headers: {}, body: { id: 'a' } },
      });
      expect(work).toHaveBeenCalledTimes(1);
    });

    it('throws IdempotencyKeyReusedError (422) for the same key with another fingerprint', async () => {
      await store.execute(request, () => Promise.resolve(answer({ id: 'a' })));
      await expect(
        store.execute({ ...request, fingerprint: 'e'.repeat(64) }, () => Promise.resolve(answer({ id: 'b' }))),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    });

    it('keeps scopes apart: the same key of another caller runs', async () => {
      await store.execute(request, () => Promise.resolve(answer({ id: 'a' })));
      expect(await store.execute({ ...request, scope: 'user:2' }, () => Promise.resolve(answer({ id: 'b' })))).toEqual({
        replayed: false,
        body: { id: 'b' },
      });
    });

    it('throws IdempotentRequestInFlightError (409) while the first request is still running', async () => {
      let finish: (value: FirstAnswer) => void = () => undefined;
      const first = store.execute(request, () => new Promise<FirstAnswer>((resolve) => (finish = resolve)));
      await new Promise((resolve) => setImmediate(resolve));
      await expect(store.execute(request, () => Promise.resolve(answer({ id: 'b' })))).rejects.toBeInstanceOf(
        IdempotentRequestInFlightError,
      );
      finish(answer({ id: 'a' }));
      await first;
      expect((await store.execute(request, () => Promise.resolve(answer({ id: 'c' })))).replayed).toBe(true);
    });

    it('stores nothing for a failed request, so the same key runs again', async () => {
      await expect(store.execute(request, () => Promise.reject(new Error('validation')))).rejects.toThrow('validation');
      expect(await records().count()).toBe(0);
      expect(await store.execute(request, () => Promise.resolve(answer({ id: 'a' })))).toEqual({
        replayed: false,
        body: { id: 'a' },
      });
    });

    it('runs again once the key expired', async () => {
      await store.execute(request, () => Promise.resolve(answer({ id: 'a' })));
      clock.advance(TTL_SECONDS * 1_000 + 1);
      expect(
        await store.execute({ ...request, fingerprint: 'e'.repeat(64) }, () => Promise.resolve(answer({ id: 'b' }))),
      ).toEqual({ replayed: false, body: { id: 'b' } });
    });

    it('takes over a claim without an answer that is older than a minute (its process died)', async () => {
      await records().insert({
        ...request,
        claim: 'dead',
        response: null,
        createdAt: clock.now(),
        expiresAt: new Date(clock.now().getTime() + TTL_SECONDS * 1_000),
      });
      await expect(store.execute(request, () => Promise.resolve(answer({ id: 'a' })))).rejects.toBeInstanceOf(
        IdempotentRequestInFlightError,
      );
      clock.advance(60_001);
      expect((await store.execute(request, () => Promise.resolve(answer({ id: 'a' })))).replayed).toBe(false);
    });

    it('throws IdempotentSecretNotReplayedError naming the resource when the first answer withheld a secret', async () => {
      await store.execute(request, () =>
        Promise.resolve({
          body: { id: 'key-1', key: 'secret' },
          stored: { status: 201, headers: {}, body: { id: 'key-1' }, secretWithheld: { resourceId: 'key-1' } },
        }),
      );
      const retry = store.execute(request, () => Promise.resolve(answer({})));
      await expect(retry).rejects.toBeInstanceOf(IdempotentSecretNotReplayedError);
      await expect(retry).rejects.toMatchObject({ extensions: { resourceId: 'key-1' } });
    });
  });

  describe('sweep', () => {
    it('deletes expired records only and says how many', async () => {
      await store.execute(request, () => Promise.resolve(answer({ id: 'a' })));
      clock.advance(TTL_SECONDS * 500);
      await store.execute({ ...request, key: 'k-2' }, () => Promise.resolve(answer({ id: 'b' })));
      clock.advance(TTL_SECONDS * 500 + 1);
      expect(await store.sweep()).toBe(1);
      expect((await records().find()).map((row) => row.key)).toEqual(['k-2']);
    });
  });
});
