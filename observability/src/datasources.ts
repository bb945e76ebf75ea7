import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/dashboard';
import { appNames } from '../../apps/registry';

/**
 * Datasource uids every Grafana this project provisions (docker-compose and
 * Kubernetes) must use: the dashboards refer to them by uid, not by name.
 */
export const PROMETHEUS: DataSourceRef = { type: 'prometheus', uid: 'prometheus' };
export const LOKI: DataSourceRef = { type: 'loki', uid: 'loki' };
export const TEMPO: DataSourceRef = { type: 'tempo', uid: 'tempo' };

/** The apps (apps/registry.ts), by their Prometheus `job` and Loki `app` label (both the app's name). */
export const APPS: readonly string[] = appNames();
export type AppName = string;
