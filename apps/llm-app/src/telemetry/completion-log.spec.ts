import { Writable } from 'node:stream';
import { NestPinoLogger, REDACT_PATHS } from '@app/logging';
import pino from 'pino';
import { CompletionLog } from './completion-log';

function completionLog(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const root = pino({ level, redact: { paths: [...REDACT_PATHS], censor: '[Redacted]' } }, sink);
  return { log: new CompletionLog(new NestPinoLogger(root)), lines };
}

const OK_LINE = {
  provider: 'openai',
  model: 'gpt-4o-mini',
  responseModel: 'gpt-4o-mini-2024-07-18',
  stream: false,
  status: 'ok',
  finishReason: 'stop',
  inputTokens: 12,
  outputTokens: 7,
  latencyMs: 41.5,
} as const;

describe(CompletionLog.name, () => {
  describe('write', () => {
    it('writes one info line per completion with its context, message and every field', () => {
      const { log, lines } = completionLog();
      log.write(OK_LINE);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        level: 30,
        context: 'Completion',
        msg: 'completion ok openai/gpt-4o-mini',
        ...OK_LINE,
      });
    });

    it('writes a failed completion as a warning naming the error type', () => {
      const { log, lines } = completionLog();
      log.write({ ...OK_LINE, status: 'error', errorType: 'timeout' });
      expect(lines[0]).toMatchObject({ level: 40, msg: 'completion error openai/gpt-4o-mini', errorType: 'timeout' });
    });

    it("follows the root logger's level", () => {
      const { log, lines } = completionLog('warn');
      log.write(OK_LINE);
      log.write({ ...OK_LINE, status: 'error', errorType: 'timeout' });
      expect(lines.map((line) => line.status)).toEqual(['error']);
    });
  });
});
