import { Logger } from '@nestjs/common';
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
 */
export class CompletionLog {
  private readonly logger = new Logger('Completion');

  write(line: CompletionLogLine): void {
    const message = `completion ${line.status} ${line.provider}/${line.model}`;
    if (line.status === 'ok') this.logger.log({ msg: message, ...line });
    else this.logger.warn({ msg: message, ...line });
  }
}
