import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Attributes } from '@opentelemetry/api';
import type { SpanKindName, SpanStatusName } from './buffered-span';

const SPAN_KINDS: SpanKindName[] = ['internal', 'server', 'client', 'producer', 'consumer'];
const SPAN_STATUSES: SpanStatusName[] = ['unset', 'ok', 'error'];

export class TraceTokensView {
  @ApiProperty({ description: 'gen_ai.usage.input_tokens summed over the LLM spans' })
  input!: number;

  @ApiProperty({ description: 'gen_ai.usage.output_tokens summed over the LLM spans' })
  output!: number;
}

export class TraceSummaryView {
  @ApiProperty({ example: '4bf92f3577b34da6a3ce929d0e0e4736' })
  traceId!: string;

  @ApiProperty({ example: 'POST /chat', description: 'The span with no parent in this trace' })
  rootSpanName!: string;

  @ApiProperty({ format: 'date-time' })
  startTime!: string;

  @ApiProperty({ description: 'From the first span start to the last span end, in milliseconds' })
  durationMs!: number;

  @ApiProperty({ enum: ['ok', 'error'], description: 'error when any span ended in error' })
  status!: 'ok' | 'error';

  @ApiProperty()
  spanCount!: number;

  @ApiProperty({ type: TraceTokensView })
  tokens!: TraceTokensView;
}

export class TraceListView {
  @ApiProperty({ type: [TraceSummaryView], description: 'Newest first' })
  traces!: TraceSummaryView[];
}

export class SpanNodeView {
  @ApiProperty()
  spanId!: string;

  @ApiPropertyOptional({ description: 'Absent for a root span' })
  parentSpanId?: string;

  @ApiProperty({ example: 'chat simulated' })
  name!: string;

  @ApiProperty({ enum: SPAN_KINDS })
  kind!: SpanKindName;

  @ApiProperty({ enum: SPAN_STATUSES })
  status!: SpanStatusName;

  @ApiPropertyOptional()
  statusMessage?: string;

  @ApiProperty({ description: 'Milliseconds after the trace started' })
  startOffsetMs!: number;

  @ApiProperty()
  durationMs!: number;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The span attributes' })
  attributes!: Attributes;

  @ApiProperty({ type: () => [SpanNodeView] })
  children!: SpanNodeView[];
}

export class TraceTreeView extends TraceSummaryView {
  @ApiProperty({ type: [SpanNodeView], description: 'Root spans, each with its children nested, by start time' })
  spans!: SpanNodeView[];
}
