// The baselines of `npm run bench`: Fastify alone, answering the benchmark's routes with bodies
// of the same size, and for routes that do work, doing the same work with the same libraries
// (bench/same-work.mjs), so every ratio measures the framework and the observability, not the work.
import Fastify from 'fastify';
import { INFO, insertItem, prepare, readItem, release } from './same-work.mjs';

const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
app.get('/info', async () => INFO);
app.get('/api/v1/items/:id', async (request) => readItem(request.headers.authorization, request.params.id));
app.post('/api/v1/items', async (request, reply) =>
  reply.code(201).send(await insertItem(request.headers.authorization, request.body)),
);
app.addHook('onReady', prepare);
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
const stop = () =>
  void app
    .close()
    .then(release)
    .then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
