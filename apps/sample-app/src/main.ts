import './tracing';
import 'reflect-metadata';
import { runHttpApp } from '@app/http';
import { AppModule } from './app.module';
import { SAMPLE_APP } from './sample-app.identity';

void runHttpApp({
  identity: SAMPLE_APP,
  description: 'API service with data, cache, identity and rate limits.',
  buildInfoDirectory: __dirname,
  module: (config, buildInfo) => AppModule.forRoot(config, buildInfo),
});
