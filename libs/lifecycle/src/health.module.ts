import { type DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { BuildInfo } from '@app/config';
import { BUILD_INFO } from './build-info.token';
import { HealthController } from './health.controller';
import { InfoController } from './info.controller';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';
import { OPERATIONAL_LINKS, ROOT_LINKS, RootController } from './root.controller';
import { ShutdownState } from './shutdown-state';

export interface HealthModuleOptions {
  /** Modules that export the readiness checks. */
  readonly imports?: ModuleMetadata['imports'];
  /** Checks GET /ready runs, in order; each names its dependency. */
  readonly checks: readonly Type<ReadinessCheck>[];
  /** Build facts for GET /info. */
  readonly buildInfo: BuildInfo;
  /** Links GET / lists besides the operational endpoints (the app's API). */
  readonly links?: Readonly<Record<string, string>>;
}

/** GET / (links), GET /health (liveness), GET /ready (readiness), GET /info, and the drain-on-SIGTERM step. */
@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [RootController, HealthController, InfoController],
      providers: [
        ShutdownState,
        { provide: BUILD_INFO, useValue: options.buildInfo },
        { provide: ROOT_LINKS, useValue: { ...OPERATIONAL_LINKS, ...options.links } },
        {
          provide: READINESS_CHECKS,
          inject: [...options.checks],
          useFactory: (...checks: ReadinessCheck[]) => checks,
        },
      ],
      exports: [ShutdownState, READINESS_CHECKS, BUILD_INFO],
    };
  }
}
