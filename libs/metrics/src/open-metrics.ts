import { type Metric, type OpenMetricsContentType, Registry } from 'prom-client';

export const OPENMETRICS_CONTENT_TYPE = Registry.OPENMETRICS_CONTENT_TYPE;

/** Only used for its formatting: it holds no metrics of its own. */
const formatter = new Registry<OpenMetricsContentType>();
formatter.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);

interface Renderable {
  get(): Promise<{ name: string }>;
}

/**
 * Renders every metric of `source` in OpenMetrics (with exemplars).
 * prom-client's own OpenMetrics registry renames counters in place (it drops
 * "_total" from the shared metric object), which would corrupt the next
 * text-format scrape of the same metric; this renders a renamed view instead.
 */
export async function renderOpenMetrics(source: Registry): Promise<string> {
  const families = await Promise.all(
    source.getMetricsAsArray().map((metric) => {
      const view: Renderable = {
        get: async () => {
          const family = await (metric as unknown as Metric & Renderable).get();
          return family.name.endsWith('_total') && (metric as unknown as { type?: string }).type === 'counter'
            ? { ...family, name: family.name.slice(0, -'_total'.length) }
            : family;
        },
      };
      return (formatter as unknown as { getMetricsAsString(metric: Renderable): Promise<string> }).getMetricsAsString(
        view,
      );
    }),
  );
  return `${families.join('\n')}\n# EOF\n`;
}
