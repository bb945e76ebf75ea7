import { Module } from '@nestjs/common';
import { AdminController } from './admin/admin.controller';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { JwksController } from './auth/jwks.controller';
import { ProtectedController } from './protected/protected.controller';
import { IdentityStoreModule } from './users/identity-store.module';

/** Registration, login, token refresh, API keys, the JWKS and the admin routes. */
@Module({
  imports: [IdentityStoreModule],
  controllers: [AuthController, JwksController, ApiKeysController, AdminController, ProtectedController],
  providers: [AuthService, ApiKeysService],
})
export class AccountsModule {}
