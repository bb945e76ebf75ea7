import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor' with {
  'resolution-mode': 'import',
};
import { componentLabels } from './labels';

export interface AppServiceMonitorProps {
  /** The app: names the ServiceMonitor and selects its Service by the app labels. */
  readonly appName: string;
  /** Namespace of the app's Service. */
  readonly appNamespace: string;
  /** Namespace the ServiceMonitor lives in (Prometheus's). */
  readonly namespace: string;
  /** Labels of the app's Service. */
  readonly serviceLabels: Readonly<Record<string, string>>;
  /**
   * Name of the Service port that serves /metrics.
   * @default 'http'
   */
  readonly portName?: string;
  /**
   * @default '30s'
   */
  readonly interval?: string;
}

/** Tells the Prometheus operator to scrape an app's /metrics through its Service. */
export class AppServiceMonitor extends Construct {
  constructor(scope: Construct, id: string, props: AppServiceMonitorProps) {
    super(scope, id);
    const interval = props.interval ?? '30s';
    if (!/^\d+(s|m)$/.test(interval)) throw new Error(`interval: expected a duration such as 30s, got "${interval}"`);
    if (Object.keys(props.serviceLabels).length === 0) {
      throw new Error('serviceLabels: an empty selector would scrape every Service');
    }
    const spec: IServiceMonitor['spec'] = {
      namespaceSelector: { matchNames: [props.appNamespace] },
      selector: { matchLabels: { ...props.serviceLabels } },
      endpoints: [{ port: props.portName ?? 'http', path: '/metrics', interval, scheme: 'http' }],
    };
    new ApiObject(this, 'resource', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: {
        name: props.appName,
        namespace: props.namespace,
        labels: componentLabels(props.appName, 'monitoring'),
      },
      spec,
    });
  }
}
