// NestJS on Fastify with none of the project's libs: the framework's own floor for `npm run bench`'s
// ladders. The same routes as bench/bare-fastify.mjs doing the same work (bench/same-work.mjs), in
// one controller with no guards, pipes, interceptors or filters, so the difference to bare Fastify is
// Nest's per-request pipeline (router proxy, execution context, parameter factories, response handling).
// Plain JavaScript so that it starts like the built apps (no TypeScript loader): decorators are applied
// by hand, which is what the compiled `@Get()` does.
import 'reflect-metadata';
import { Body, Controller, Get, Headers, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { INFO, insertItem, prepare, readItem, release } from './same-work.mjs';

class BenchController {
  health() {
    return { status: 'ok' };
  }
  info() {
    return INFO;
  }
  item(authorization, id) {
    return readItem(authorization, id);
  }
  create(authorization, body) {
    return insertItem(authorization, body);
  }
}
const route = (decorator, key, ...parameters) => {
  const proto = BenchController.prototype;
  parameters.forEach((parameter, index) => parameter(proto, key, index));
  Reflect.decorate([decorator], proto, key, Object.getOwnPropertyDescriptor(proto, key));
};
route(Get('health'), 'health');
route(Get('info'), 'info');
route(Get('api/v1/items/:id'), 'item', Headers('authorization'), Param('id'));
route(Post('api/v1/items'), 'create', Headers('authorization'), Body());
Reflect.decorate([Controller()], BenchController);

class BenchModule {}
Reflect.decorate([Module({ controllers: [BenchController] })], BenchModule);

await prepare();
const app = await NestFactory.create(BenchModule, new FastifyAdapter(), { logger: false });
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
const stop = () =>
  void app
    .close()
    .then(release)
    .then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
