import { Controller, Get, Inject } from '@nestjs/common';
import { OperationalEndpoint } from '@app/access';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppConfig, type BuildInfo } from '@app/config';
import { BUILD_INFO } from './build-info.token';

export const ROOT_LINKS = Symbol('ROOT_LINKS');

/** The operational endpoints every app serves at its root. */
export const OPERATIONAL_LINKS: Readonly<Record<string, string>> = {
  health: '/health',
  ready: '/ready',
  info: '/info',
  metrics: '/metrics',
  docs: '/docs',
  openapi: '/docs-json',
};

@OperationalEndpoint()
@ApiTags('operations')
@Controller()
export class RootController {
  constructor(
    private readonly config: AppConfig,
    @Inject(BUILD_INFO) private readonly build: BuildInfo,
    @Inject(ROOT_LINKS) private readonly links: Readonly<Record<string, string>>,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Name, version and links to the endpoints.' })
  @ApiOkResponse({ schema: { example: { name: 'sample-app', version: '0.1.0', links: OPERATIONAL_LINKS } } })
  index(): { name: string; version: string; links: Readonly<Record<string, string>> } {
    return { name: this.config.app.name, version: this.build.version, links: this.links };
  }
}
