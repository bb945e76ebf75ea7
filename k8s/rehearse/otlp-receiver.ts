import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

interface ResourceSpans {
  resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
  scopeSpans?: { spans?: { traceId: string }[] }[];
}

/**
 * Stands in for Tempo: receives OTLP/HTTP JSON on /v1/traces (what the apps export) and answers
 * Tempo's trace lookup, `GET /api/traces/<id>` → `{ batches: [resourceSpans…] }`, so the smoke
 * script queries it exactly as it queries Tempo in the cluster.
 */
export class OtlpReceiver {
  private readonly traces = new Map<string, ResourceSpans[]>();
  private readonly server: Server = createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/v1/traces') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        try {
          this.store(JSON.parse(body) as { resourceSpans?: ResourceSpans[] });
          response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        } catch {
          response.writeHead(400).end();
        }
      });
      return;
    }
    const match = /^\/api\/traces\/([0-9a-f]{32})$/.exec(request.url ?? '');
    const batches = match ? this.traces.get(match[1] ?? '') : undefined;
    if (!batches) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ batches }));
  });

  async listen(): Promise<string> {
    await new Promise<void>((ready) => this.server.listen(0, '127.0.0.1', ready));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Trace ids seen, with the services that reported spans in each. */
  services(traceId: string): string[] {
    return [
      ...new Set(
        (this.traces.get(traceId) ?? []).flatMap((batch) =>
          (batch.resource?.attributes ?? [])
            .filter((a) => a.key === 'service.name')
            .map((a) => a.value.stringValue ?? ''),
        ),
      ),
    ];
  }

  get traceCount(): number {
    return this.traces.size;
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }

  private store(payload: { resourceSpans?: ResourceSpans[] }): void {
    for (const resourceSpans of payload.resourceSpans ?? []) {
      const byTrace = new Map<string, ResourceSpans>();
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          const id = span.traceId;
          const entry = byTrace.get(id) ?? { resource: resourceSpans.resource, scopeSpans: [{ spans: [] }] };
          entry.scopeSpans?.[0]?.spans?.push(span);
          byTrace.set(id, entry);
        }
      }
      for (const [id, entry] of byTrace) this.traces.set(id, [...(this.traces.get(id) ?? []), entry]);
    }
  }
}
