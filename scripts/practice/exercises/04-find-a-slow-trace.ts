import { type Exercise } from '../exercise';
import { http } from '../inspect';

/** A request slower than this counts as slow; the simulator's LLM_SIMULATED_TTFT_MS makes one. */
export const SLOW_MS = 1000;

interface SpanNode {
  readonly name: string;
  readonly children?: readonly SpanNode[];
}

interface TraceTree {
  readonly durationMs?: number;
  readonly spans?: readonly SpanNode[];
}

const namesOf = (spans: readonly SpanNode[]): string[] =>
  spans.flatMap((span) => [span.name, ...namesOf(span.children ?? [])]);

export const findASlowTrace: Exercise = {
  number: 4,
  title: 'Find a slow request’s trace from its log line',
  level: 'beginner',
  inspects: 'llm-app’s /traces/{id} for the trace id you give with --trace-id',
  async check(target) {
    const traceId = target.answers['trace-id'];
    if (traceId === undefined) {
      return ['give the trace id you found in the log line: npm run practice -- 4 --trace-id <trace_id>'];
    }
    if (!/^[0-9a-f]{32}$/.test(traceId)) {
      return [
        `--trace-id ${traceId} is not a W3C trace id (32 lower-case hex digits, the trace_id field of the log line)`,
      ];
    }
    const answer = await http(`${target.llmAppUrl}/traces/${traceId}`);
    if (typeof answer === 'string') return [`llm-app: ${answer}; is it running?`];
    if (answer.status === 404) {
      return [
        `trace ${traceId} is not among llm-app's recent traces: copy trace_id from llm-app's log line of the request`,
      ];
    }
    if (answer.status !== 200)
      return [`GET /traces/${traceId} answered ${answer.status}: ${answer.text.slice(0, 200)}`];
    const tree = answer.body as TraceTree;
    const problems: string[] = [];
    if ((tree.durationMs ?? 0) < SLOW_MS) {
      problems.push(
        `trace ${traceId} took ${Math.round(tree.durationMs ?? 0)} ms: find a request slower than ${SLOW_MS} ms (its log line's responseTime)`,
      );
    }
    if (!namesOf(tree.spans ?? []).some((name) => name.startsWith('chat'))) {
      problems.push(`trace ${traceId} has no chat span: pick the log line of a POST /v1/chat/completions`);
    }
    return problems;
  },
};
