import { diag } from '@opentelemetry/api';
import { reportTelemetryErrors } from './telemetry-errors';

describe(reportTelemetryErrors.name, () => {
  afterEach(() => diag.disable());

  it("writes the SDK's export errors as one line naming the cause, without a stack", () => {
    const lines: string[] = [];
    reportTelemetryErrors((line) => lines.push(line));
    diag.error('Export failed', new Error('connect ECONNREFUSED 127.0.0.1:4318'));
    expect(lines).toEqual(['tracing: Export failed connect ECONNREFUSED 127.0.0.1:4318']);
  });

  it('reads the message out of an exception the SDK passed as JSON', () => {
    const lines: string[] = [];
    reportTelemetryErrors((line) => lines.push(line));
    diag.error(JSON.stringify({ stack: 'Error: x\n    at y', message: 'connect ECONNREFUSED 127.0.0.1:1' }));
    expect(lines).toEqual(['tracing: connect ECONNREFUSED 127.0.0.1:1']);
  });

  it('keeps the debug chatter out', () => {
    const lines: string[] = [];
    reportTelemetryErrors((line) => lines.push(line));
    diag.debug('exporting 3 spans');
    diag.info('started');
    expect(lines).toEqual([]);
  });
});
