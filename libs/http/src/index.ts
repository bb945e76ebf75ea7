export { HttpPlatformModule, type HttpPlatformOptions } from './http-platform.module';
export { createValidationPipe } from './validation.pipe';
export { createHttpApp, listenHttpApp, DOCS_PATH, type HttpAppOptions } from './create-http-app';
export { runHttpApp, type HttpAppSpec } from './run-http-app';
