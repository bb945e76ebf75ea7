import { Injectable } from '@nestjs/common';
import { NestPinoLogger } from '@app/logging';
import type pino from 'pino';
import type { UpstreamErrorReason } from './upstream-error-reason';

export interface CompletionLogLine {
  readonly provider: string;
  readonly model: string;
  readonly responseModel: string;
  readonly stream: boolean;
  readonly status: 'ok' | 'error';
  readonly errorType?: UpstreamErrorReason;
  readonly finishReason?: string;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly latencyMs: number;
  readonly timeToFirstTokenMs?: number;
  /** Only with LLM_CAPTURE_CONTENT=true. */
  readonly prompt?: string;
}

/**
 * One JSON line per completion. Written inside the provider span's context,
 * so the logger's mixin adds that span's trace_id and span_id.
 *
 * Through a child of the root logger built once, without its redaction (decision 0152): the
 * line's fields are the closed set above, none of which the redaction paths name, and walking
 * the wildcard paths on every completion cost about 3 % of its CPU.
 */
@Injectable()
export class CompletionLog {
  private readonly lines: pino.Logger;

  constructor(logger: NestPinoLogger) {
    this.lines = logger.pino.child({ context: 'Completion' }, { redact: { paths: [] } });
  }

  write(line: CompletionLogLine): void {
    const message = `completion ${line.status} ${line.provider}/${line.model}`;
    if (line.status === 'ok') this.lines.info(line, message);
    else this.lines.warn(line, message);
  }
}
