import { Counter, Histogram, Registry } from 'prom-client';
import { renderOpenMetrics } from './open-metrics';

function registryWithTraffic(): Registry {
  const registry = new Registry();
  new Counter({ name: 'jobs_total', help: 'Jobs.', registers: [registry] }).inc(3);
  const histogram = new Histogram({
    name: 'job_seconds',
    help: 'Job time.',
    buckets: [1],
    enableExemplars: true,
    registers: [],
  });
  registry.registerMetric(histogram);
  histogram.observe({ value: 0.5, labels: {}, exemplarLabels: { trace_id: 'abc' } });
  return registry;
}

describe(renderOpenMetrics.name, () => {
  it('writes counters as OpenMetrics families with one _total suffix, and exemplars', async () => {
    const text = await renderOpenMetrics(registryWithTraffic());
    expect(text).toContain('# TYPE jobs counter\njobs_total 3');
    expect(text).toMatch(/^job_seconds_bucket\{le="1"\} 1 # \{trace_id="abc"\} 0\.5 \d/m);
    expect(text.endsWith('\n# EOF\n')).toBe(true);
  });

  it('leaves the metrics untouched, so the next text-format scrape keeps its names', async () => {
    const registry = registryWithTraffic();
    await renderOpenMetrics(registry);
    const text = await registry.metrics();
    expect(text).toContain('# TYPE jobs_total counter\njobs_total 3');
    expect(text).not.toContain('trace_id');
  });
});
