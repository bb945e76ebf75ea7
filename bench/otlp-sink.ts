import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where the apps export spans during a run: accepts every OTLP/HTTP request and keeps nothing. */
export async function startOtlpSink(): Promise<{ readonly endpoint: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((closed) => server.close(() => closed())),
  };
}
