import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyEntity } from '../api-keys/api-key.entity';
import { ApiKeysRepository } from '../api-keys/api-keys.repository';
import { RefreshSessionEntity } from '../auth/refresh-session.entity';
import { RefreshSessionsRepository } from '../auth/refresh-sessions.repository';
import { AdminSeeder } from './admin-seeder';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

/** Where identities live: users, refresh sessions and API keys. */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, RefreshSessionEntity, ApiKeyEntity])],
  providers: [UsersRepository, RefreshSessionsRepository, ApiKeysRepository, AdminSeeder],
  exports: [UsersRepository, RefreshSessionsRepository, ApiKeysRepository, AdminSeeder],
})
export class IdentityStoreModule {}
