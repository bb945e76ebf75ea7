import { ApiProperty } from '@nestjs/swagger';
import { ROLE_NAMES, type RoleName } from '@app/auth';
import type { UserEntity } from './user.entity';

/** A user as the API shows it: never the password hash. */
export class UserView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'ada@example.com' })
  email!: string;

  @ApiProperty({ enum: ROLE_NAMES })
  role!: RoleName;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  static of(user: UserEntity): UserView {
    return { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt.toISOString() };
  }
}
