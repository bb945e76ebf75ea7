import { type DynamicModule, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { stopTracing } from './tracing-runtime';

/** Flushes the spans still buffered when the app shuts down, after in-flight requests end. */
@Injectable()
export class TracingShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopTracing();
  }
}

/**
 * Tracing inside Nest. The SDK itself starts earlier (bootstrapTracing in the
 * app's src/tracing.ts); this module owns its end.
 */
@Module({})
export class TracingModule {
  static forRoot(): DynamicModule {
    return { module: TracingModule, providers: [TracingShutdown] };
  }
}
