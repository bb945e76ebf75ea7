import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type PublicJwk, SigningKeys } from '@app/auth';
import { Public } from '@app/access';

@Public()
@ApiTags('auth')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeys) {}

  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: 'Public keys (JWK Set) that verify access tokens, current and during rotation previous.' })
  @ApiOkResponse({
    schema: { example: { keys: [{ kty: 'RSA', kid: '…', use: 'sig', alg: 'RS256', n: '…', e: 'AQAB' }] } },
  })
  jwks(): { keys: PublicJwk[] } {
    return this.keys.jwks();
  }
}
