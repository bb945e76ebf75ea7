import request from 'supertest';

export interface SpanNode {
  name: string;
  kind: string;
  status: string;
  attributes: Record<string, unknown>;
  children: SpanNode[];
}

const flatten = (nodes: SpanNode[]): SpanNode[] => nodes.flatMap((node) => [node, ...flatten(node.children)]);

/** The newest span of that name in llm-app's trace buffer (GET /traces), waiting briefly for it to end. */
export async function spanNamed(baseUrl: string, name: string): Promise<SpanNode> {
  let found: SpanNode | undefined;
  const look = async () => {
    const list = await request(baseUrl).get('/traces').expect(200);
    for (const { traceId } of (list.body as { traces: { traceId: string }[] }).traces) {
      const trace = await request(baseUrl).get(`/traces/${traceId}`).expect(200);
      found = flatten((trace.body as { spans: SpanNode[] }).spans).find((span) => span.name === name);
      if (found !== undefined) return;
    }
  };
  let tries = 0;
  while (found === undefined && tries++ < 50) {
    await look();
    if (found === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (found === undefined) throw new Error(`no span named "${name}" in /traces`);
  return found;
}
