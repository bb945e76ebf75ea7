// Imported first by main.ts: OpenTelemetry must patch http, fastify, pg, ioredis and
// undici before Nest loads them.
import { bootstrapTracing } from '@app/tracing';
import { SAMPLE_APP } from './sample-app.identity';

bootstrapTracing(SAMPLE_APP, __dirname);
