import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One refresh token. Rotation replaces it with a new row of the same family;
 * presenting a token whose row is already used revokes the whole family.
 */
@Entity({ name: 'refresh_sessions' })
export class RefreshSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'family_id', type: 'varchar', length: 36 })
  familyId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** SHA-256 (hex) of the token's secret part; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: Date })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: Date, nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}
