import { ApiProperty } from '@nestjs/swagger';
import { ROLE_NAMES, type RoleName } from '@app/auth';

export class TokenPairView {
  @ApiProperty({ description: 'RS256 JWT; send as "Authorization: Bearer <accessToken>"' })
  accessToken!: string;

  @ApiProperty({ description: 'Single-use; exchange at POST /api/v1/auth/refresh' })
  refreshToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn!: number;
}

export class MeView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: ROLE_NAMES })
  role!: RoleName;

  @ApiProperty({ enum: ['access-token', 'api-key'] })
  authenticatedWith!: string;

  @ApiProperty({ type: [String] })
  scopes!: string[];
}
