import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One Idempotency-Key of one caller: what its first request was (a keyed digest, never the body)
 * and, once that request succeeded, the answer to replay. Rows live IDEMPOTENCY_KEY_TTL_SECONDS.
 */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  /** `user:<id>` for a signed-in caller or an API key, `anonymous` on public routes (registration). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  scope!: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 255 })
  key!: string;

  /** HMAC-SHA256 of method, path and canonical body (request-fingerprint.ts). */
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  /** Random per attempt: tells the request that inserted the row from one that found it. */
  @Column({ type: 'varchar', length: 36 })
  claim!: string;

  /** The stored answer as JSON (StoredResponse); null while the first request is in flight. */
  @Column({ type: 'text', nullable: true })
  response!: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: Date })
  expiresAt!: Date;
}
