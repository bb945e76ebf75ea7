import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCredentials, CurrentPrincipal, type Principal } from '@app/auth';
import { ApiProblems } from '@app/errors';
import { API_PREFIX } from '../api-prefix';

@ApiTags('auth')
@ApiCredentials()
@Controller(`${API_PREFIX}/protected`)
export class ProtectedController {
  @Get()
  @ApiOperation({ summary: 'Answers any authenticated caller, access token or API key.' })
  @ApiOkResponse({
    schema: {
      example: { message: 'authenticated', userId: '…', role: 'user', authenticatedWith: 'access-token', scopes: [] },
    },
  })
  @ApiProblems(401, 429)
  check(@CurrentPrincipal() principal: Principal): Record<string, unknown> {
    return {
      message: 'authenticated',
      userId: principal.userId,
      role: principal.role,
      authenticatedWith: principal.kind,
      scopes: principal.scopes,
    };
  }
}
