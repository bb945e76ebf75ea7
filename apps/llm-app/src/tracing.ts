// Imported first by main.ts: OpenTelemetry must patch http, fastify, pg, ioredis and
// undici before Nest loads them.
import { bootstrapTracing } from '@app/tracing';
import { LLM_APP } from './llm-app.identity';
import { llmTracingOptions } from './traces/llm-tracing.options';

bootstrapTracing(LLM_APP, __dirname, llmTracingOptions);
