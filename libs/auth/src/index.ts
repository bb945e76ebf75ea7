export { AuthModule } from './auth.module';
export { PasswordHasher } from './password-hasher';
