import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The visible, unique part of the key ("sk_live_" style), used to find the row. */
  @Column({ type: 'varchar', length: 32 })
  prefix!: string;

  /** SHA-256 (hex) of the whole key. */
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash!: string;

  /** Space-separated scopes (stored-scopes.ts). */
  @Column({ type: 'varchar', length: 500 })
  scopes!: string;

  @Column({ name: 'expires_at', type: Date, nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'last_used_at', type: Date, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}
