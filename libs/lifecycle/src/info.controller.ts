import { hostname } from 'node:os';
import { Controller, Get, Inject } from '@nestjs/common';
import { OperationalEndpoint } from '@app/access';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppConfig, type BuildInfo } from '@app/config';
import { BUILD_INFO } from './build-info.token';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';

export interface InfoBody {
  readonly name: string;
  readonly version: string;
  readonly commit: string;
  readonly buildTime: string;
  readonly node: string;
  readonly uptimeSeconds: number;
  readonly environment: string;
  readonly hostname: string;
  readonly podName: string | null;
  readonly backends: Readonly<Record<string, string>>;
}

@OperationalEndpoint()
@ApiTags('operations')
@Controller()
export class InfoController {
  constructor(
    private readonly config: AppConfig,
    @Inject(BUILD_INFO) private readonly build: BuildInfo,
    @Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[],
  ) {}

  @Get('info')
  @ApiOperation({ summary: 'Build, runtime and backend facts about this instance.' })
  @ApiOkResponse({
    description: 'name, version, commit, build time, Node version, uptime, environment, host and backends',
  })
  info(): InfoBody {
    return {
      name: this.config.app.name,
      version: this.build.version,
      commit: this.build.commit,
      buildTime: this.build.buildTime,
      node: process.version,
      uptimeSeconds: Math.round(process.uptime()),
      environment: this.config.app.env,
      hostname: hostname(),
      podName: this.config.app.podName ?? null,
      backends: Object.fromEntries(this.checks.map((check) => [check.name, check.backend])),
    };
  }
}
