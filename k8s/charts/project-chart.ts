import { Chart, type ChartProps } from 'cdk8s';
import { type Construct } from 'constructs';
import { PROJECT_LABELS } from '../constructs/labels';

/** A chart whose objects all carry the project labels (part-of, managed-by). */
export class ProjectChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { ...props, labels: { ...PROJECT_LABELS, ...props.labels } });
  }
}
