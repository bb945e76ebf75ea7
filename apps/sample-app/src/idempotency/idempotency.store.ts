import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@app/lifecycle';
import { withinTransaction } from '@app/database';
import { DataSource, type EntityManager, LessThan } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import {
  IdempotencyKeyReusedError,
  IdempotentRequestInFlightError,
  IdempotentSecretNotReplayedError,
} from './idempotency.errors';
import type { IdempotentOutcome, StoredResponse } from './stored-response';
import { SampleAppConfig } from '../config/sample-app-config';

export interface IdempotentRequest {
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
}

/** The first request's work: its body for the client, and what to store for a retry. */
export interface FirstAnswer {
  readonly body: unknown;
  readonly stored: StoredResponse;
}

/** How long a second request waits on PostgreSQL for the first one's uncommitted claim before answering 409. */
const CLAIM_WAIT_MS = 250;
/** SQLite only (no transaction): a claim without an answer this old belongs to a process that died mid-request. */
const ABANDONED_CLAIM_MS = 60_000;

/**
 * Idempotency-Key records in the app's database (decision 0090). On PostgreSQL the claim, the
 * request's own writes and the stored answer commit in one transaction, so a write is never without
 * its record (not even one that commits after its client gave up): a retry either replays it or, when
 * nothing committed, runs again. A concurrent duplicate waits CLAIM_WAIT_MS on the first one's claim,
 * then is replayed or answered 409. The embedded SQLite database runs claim, work and answer in turn
 * (its one connection cannot hold a transaction across an async request); a failed request deletes
 * its claim. Failed requests are never stored: nothing was written, so the same key may run again.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyStore.name);
  private sweeper: NodeJS.Timeout | undefined;
  private readonly transactional: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: SampleAppConfig,
    private readonly clock: Clock,
  ) {
    this.transactional = dataSource.options.type === 'postgres';
  }

  onModuleInit(): void {
    // Expired rows are ignored when looked up; the sweep only bounds the table's size.
    const everyMs = Math.min(this.config.idempotency.ttlSeconds * 1_000, 600_000);
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), everyMs).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  /** Runs `first` unless this key already answered: then the stored answer (or a problem) instead. */
  async execute(request: IdempotentRequest, first: () => Promise<FirstAnswer>): Promise<IdempotentOutcome> {
    if (!this.transactional) return this.executeInTurn(request, first);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL lock_timeout = '${CLAIM_WAIT_MS}ms'`);
        const claim = randomUUID();
        const existing = await this.claim(manager, request, claim);
        if (existing !== undefined) return replay(existing, request);
        await manager.query('SET LOCAL lock_timeout TO DEFAULT');
        const answer = await withinTransaction(manager, first);
        await this.complete(manager, request, claim, answer.stored);
        return { replayed: false, body: answer.body };
      });
    } catch (error) {
      // 55P03: the first request's claim is still uncommitted after CLAIM_WAIT_MS.
      if (driverCode(error) === '55P03') throw inFlight(request);
      throw error;
    }
  }

  private async executeInTurn(
    request: IdempotentRequest,
    first: () => Promise<FirstAnswer>,
  ): Promise<IdempotentOutcome> {
    const manager = this.dataSource.manager;
    const claim = randomUUID();
    const existing = await this.claim(manager, request, claim);
    if (existing !== undefined) return replay(existing, request);
    let answer: FirstAnswer;
    try {
      answer = await first();
    } catch (error) {
      await manager.delete(IdempotencyKeyEntity, { scope: request.scope, key: request.key, claim }).catch(() => 0);
      throw error;
    }
    await this.complete(manager, request, claim, answer.stored);
    return { replayed: false, body: answer.body };
  }

  /** Inserts this request's claim; returns the row another request holds instead, if any. */
  private async claim(
    manager: EntityManager,
    request: IdempotentRequest,
    claim: string,
  ): Promise<IdempotencyKeyEntity | undefined> {
    const now = this.clock.now();
    const where = { scope: request.scope, key: request.key };
    // An expired key is free again (and so is, without transactions, a claim its process abandoned).
    await manager.delete(IdempotencyKeyEntity, { ...where, expiresAt: LessThan(now) });
    if (!this.transactional) {
      const abandoned = new Date(now.getTime() - ABANDONED_CLAIM_MS);
      await manager
        .createQueryBuilder()
        .delete()
        .from(IdempotencyKeyEntity)
        .where('scope = :scope AND idempotency_key = :key AND response IS NULL AND created_at < :abandoned', {
          ...where,
          abandoned,
        })
        .execute();
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into(IdempotencyKeyEntity)
      .values({
        ...where,
        fingerprint: request.fingerprint,
        claim,
        response: null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.config.idempotency.ttlSeconds * 1_000),
      })
      .orIgnore()
      .execute();
    const row = await manager.findOneBy(IdempotencyKeyEntity, where);
    if (row === null) throw inFlight(request); // taken and released between the two statements: retry
    return row.claim === claim ? undefined : row;
  }

  private async complete(
    manager: EntityManager,
    request: IdempotentRequest,
    claim: string,
    stored: StoredResponse,
  ): Promise<void> {
    await manager.update(
      IdempotencyKeyEntity,
      { scope: request.scope, key: request.key, claim },
      { response: JSON.stringify(stored) },
    );
  }

  /** Deletes every expired record; returns how many. */
  async sweep(): Promise<number> {
    const result = await this.dataSource.manager.delete(IdempotencyKeyEntity, {
      expiresAt: LessThan(this.clock.now()),
    });
    const swept = result.affected ?? 0;
    if (swept > 0) this.logger.debug({ msg: 'expired idempotency keys swept', swept });
    return swept;
  }
}

/** The answer for a key that already has a row: its stored answer, or why there is none to give. */
function replay(row: IdempotencyKeyEntity, request: IdempotentRequest): IdempotentOutcome {
  if (row.fingerprint !== request.fingerprint) {
    throw new IdempotencyKeyReusedError(
      'This Idempotency-Key was already used with a different request (method, path or body); use a new key for a new request.',
      { header: 'Idempotency-Key' },
    );
  }
  if (row.response === null) throw inFlight(request);
  const stored = JSON.parse(row.response) as StoredResponse;
  if (stored.secretWithheld !== undefined) {
    const { resourceId } = stored.secretWithheld;
    throw new IdempotentSecretNotReplayedError(
      `This Idempotency-Key already created ${resourceId === undefined ? 'the resource' : resourceId}; its secret is shown only once and was not stored. Revoke it and create a new one if it was lost.`,
      resourceId === undefined ? {} : { resourceId },
    );
  }
  return { replayed: true, stored };
}

function inFlight(_request: IdempotentRequest): IdempotentRequestInFlightError {
  return new IdempotentRequestInFlightError(
    'The first request with this Idempotency-Key is still being processed; retry after Retry-After to get its answer.',
  );
}

function driverCode(error: unknown): unknown {
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  return driverError?.code ?? code;
}
