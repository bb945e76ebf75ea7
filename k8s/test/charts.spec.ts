import { join } from 'node:path';
import { ENVIRONMENTS } from '../environments';
import { synthesizeEnvironment } from './synthesize';

// One snapshot per chart and environment: a change to any manifest shows up in review.
describe.each(ENVIRONMENTS.map((env) => [env.name, env] as const))('environment %s', (_name, env) => {
  const charts = synthesizeEnvironment(env, join(__dirname, 'fixtures', 'observability'));

  it.each([...charts.keys()])('synthesizes the %s chart', (chart) => {
    expect(charts.get(chart)).toMatchSnapshot();
  });
});
