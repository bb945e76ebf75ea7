import './tracing';
import 'reflect-metadata';
import { runHttpApp } from '@app/http';
import { AppModule } from './app.module';
import { LLM_APP } from './llm-app.identity';

void runHttpApp({
  identity: LLM_APP,
  description: 'OpenAI-compatible LLM gateway built for observability.',
  buildInfoDirectory: __dirname,
  module: (config, buildInfo) => AppModule.forRoot(config, buildInfo),
});
