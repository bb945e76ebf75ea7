import { ruleFiles } from '../src/alerts/catalog';
import { metricNames } from './promql-metric-names';

describe(metricNames.name, () => {
  it('names the metrics of a ratio, not the functions, aggregations or grouping labels around them', () => {
    expect(
      metricNames(
        'sum by (job) (rate(llm_upstream_errors_total[5m]))\n/ sum by (job) (rate(gen_ai_client_operation_duration_seconds_count[5m])) > 0.05',
      ),
    ).toEqual(['llm_upstream_errors_total', 'gen_ai_client_operation_duration_seconds_count']);
  });

  it('keeps recorded names with colons and leaves out label matchers, keywords and numbers', () => {
    expect(
      metricNames(
        '(job:errors:ratio_rate1h > 14.4 * 0.001 and job:errors:ratio_rate5m > 1e3)\nor\nmax by (job, instance) (1 - app_dependency_up{dependency="cache",backend="redis"}) > 0',
      ),
    ).toEqual(['job:errors:ratio_rate1h', 'job:errors:ratio_rate5m', 'app_dependency_up']);
  });

  it('ignores what strings, offsets, subqueries and vector matching hold', () => {
    expect(
      metricNames(
        'label_replace(up offset 5m, "dst", "{x} (y)", "src", "(.*)") * on (job) group_left (version) max_over_time(app_build_info[1h:1m] @ 100)',
      ),
    ).toEqual(['up', 'app_build_info']);
  });

  it('finds at least one metric in every rule of the catalog, each a valid metric name', () => {
    for (const rule of ruleFiles().flatMap((file) => file.groups.flatMap((group) => group.rules))) {
      const names = metricNames(rule.expr);
      expect({ expr: rule.expr, found: names.length > 0 }).toEqual({ expr: rule.expr, found: true });
      for (const name of names) expect(name).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/);
    }
  });
});
