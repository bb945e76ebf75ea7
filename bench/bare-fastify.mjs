// The baseline of `npm run bench`: Fastify alone, answering the benchmark's routes with bodies
// of the same size, so every other scenario reads as a ratio of what the framework can do.
import Fastify from 'fastify';

const ITEM = {
  id: '01900000-0000-7000-8000-000000000001',
  ownerId: '01900000-0000-7000-8000-000000000002',
  name: 'Telescope',
  description: 'A 200 mm reflector on a Dobsonian mount.',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
app.get('/info', async () => ({ name: 'bare-fastify', version: '0.0.0', commit: 'none', node: process.version }));
app.get('/api/v1/items/:id', async () => ITEM);
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
