import { TraceFlags, trace } from '@opentelemetry/api';
import { register } from 'prom-client';
import { HTTP_LATENCY_BUCKETS, HttpMetrics } from './http-metrics';
import { renderOpenMetrics } from './open-metrics';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';

describe(HttpMetrics.name, () => {
  const metrics = new HttpMetrics();

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('requestFinished', () => {
    it('attaches the sampled trace as an exemplar that only OpenMetrics shows', async () => {
      const span = trace.wrapSpanContext({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED });
      jest.spyOn(trace, 'getActiveSpan').mockReturnValue(span);
      metrics.requestStarted();
      metrics.requestFinished('GET', '/exemplar', 200, 0.004);
      const openMetrics = await renderOpenMetrics(register);
      expect(openMetrics).toContain(
        `http_server_request_duration_seconds_bucket{le="0.005",method="GET",route="/exemplar",status_code="200"} 1 # {trace_id="${TRACE_ID}",span_id="${SPAN_ID}"} 0.004`,
      );
      expect(await register.metrics()).not.toContain(TRACE_ID);
    });

    it('adds no exemplar for a trace that was not sampled: no backend would have it', async () => {
      const span = trace.wrapSpanContext({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.NONE });
      jest.spyOn(trace, 'getActiveSpan').mockReturnValue(span);
      metrics.requestStarted();
      metrics.requestFinished('GET', '/unsampled', 200, 0.004);
      expect(await renderOpenMetrics(register)).not.toMatch(/route="\/unsampled".*# \{/);
    });
  });

  it('spans API latencies from a millisecond to a minute', () => {
    expect(HTTP_LATENCY_BUCKETS[0]).toBe(0.001);
    expect(HTTP_LATENCY_BUCKETS.at(-1)).toBe(60);
    expect([...HTTP_LATENCY_BUCKETS].sort((a, b) => a - b)).toEqual(HTTP_LATENCY_BUCKETS);
  });
});
