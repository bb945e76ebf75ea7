import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCredentials, CurrentPrincipal, type Principal, StrictRateLimit } from '@app/auth';
import { Public } from '@app/access';
import { ApiProblems, NotFoundError } from '@app/errors';
import { API_PREFIX } from '../api-prefix';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { UserView } from '../users/user.view';
import { UsersRepository } from '../users/users.repository';
import { AuthService } from './auth.service';
import { CredentialsDto, LoginDto } from './dto/credentials.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { MeView, TokenPairView } from './dto/token-pair.view';

@ApiTags('auth')
@Controller(`${API_PREFIX}/auth`)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersRepository,
  ) {}

  @Public()
  @StrictRateLimit()
  @Post('register')
  @Idempotent()
  @ApiOperation({ summary: 'Create an account (role user). Safe to retry with an Idempotency-Key.' })
  @ApiCreatedResponse({ type: UserView })
  @ApiProblems(400, 409, 429)
  async register(@Body() body: CredentialsDto): Promise<UserView> {
    return UserView.of(await this.auth.register(body.email, body.password));
  }

  @Public()
  @StrictRateLimit()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for an access token and a refresh token.' })
  @ApiOkResponse({ type: TokenPairView })
  @ApiProblems(400, 401, 429)
  login(@Body() body: LoginDto): Promise<TokenPairView> {
    return this.auth.login(body.email, body.password);
  }

  @Public()
  @StrictRateLimit()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair. Each refresh token works once; reusing one revokes its family.',
  })
  @ApiOkResponse({ type: TokenPairView })
  @ApiProblems(400, 401, 429)
  refresh(@Body() body: RefreshTokenDto): Promise<TokenPairView> {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the refresh token and every token rotated from the same login.' })
  @ApiNoContentResponse({ description: 'Logged out (also for an unknown token)' })
  @ApiProblems(400, 429)
  async logout(@Body() body: RefreshTokenDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }

  @Get('me')
  @ApiCredentials()
  @ApiOperation({ summary: 'The authenticated user and how they authenticated.' })
  @ApiOkResponse({ type: MeView })
  @ApiProblems(401, 429)
  async me(@CurrentPrincipal() principal: Principal): Promise<MeView> {
    const user = await this.users.findById(principal.userId);
    if (user === null) throw new NotFoundError('The account no longer exists.');
    return {
      id: user.id,
      email: user.email,
      role: user.role,
      authenticatedWith: principal.kind,
      scopes: [...principal.scopes],
    };
  }
}
