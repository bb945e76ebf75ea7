import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiCredentials, CurrentPrincipal, type Principal, ROLE_NAMES, type RoleName, Roles } from '@app/auth';
import { ApiProblems, DomainError, NotFoundError } from '@app/errors';
import { Clock } from '@app/lifecycle';
import { IsIn } from 'class-validator';
import { API_PREFIX } from '../api-prefix';
import { fetchPage } from '../pagination/cursor';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../pagination/page-query.dto';
import { UserView } from '../users/user.view';
import { UsersRepository } from '../users/users.repository';

class SetRoleDto {
  @ApiProperty({ enum: ROLE_NAMES })
  @IsIn(ROLE_NAMES)
  role!: RoleName;
}

class UserPageView {
  @ApiProperty({ type: [UserView] })
  items!: UserView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

class OwnRoleChangeError extends DomainError {
  readonly code = 'own-role-change';
  readonly status = HttpStatus.CONFLICT;
  readonly title = 'Own Role Change';
}

@ApiTags('admin')
@ApiCredentials()
@Roles('admin')
@Controller(`${API_PREFIX}/admin/users`)
export class AdminController {
  constructor(
    private readonly users: UsersRepository,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All users, newest first (admin only).' })
  @ApiOkResponse({ type: UserPageView })
  @ApiProblems(400, 401, 403, 429)
  async list(@Query() query: PageQueryDto): Promise<UserPageView> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    return (await fetchPage(
      limit,
      query.cursor,
      (take, afterId) => this.users.list(take, afterId),
      (user) => UserView.of(user),
    )) as UserPageView;
  }

  @Patch(':id/role')
  @ApiOperation({
    summary: "Change a user's role (admin only; not your own, so the last admin cannot lock everyone out).",
  })
  @ApiOkResponse({ type: UserView })
  @ApiProblems(400, 401, 403, 404, 409, 429)
  async setRole(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SetRoleDto,
  ): Promise<UserView> {
    if (id === principal.userId) throw new OwnRoleChangeError('Admins cannot change their own role.');
    const user = await this.users.findById(id);
    if (user === null) throw new NotFoundError(`There is no user ${id}.`);
    await this.users.setRole(id, body.role, this.clock.now());
    return UserView.of({ ...user, role: body.role });
  }
}
