import { type AlertRule, type RecordingRule, runbook } from './rule-types';

/**
 * Multi-window, multi-burn-rate SLO alerts (Google SRE workbook, ch. 5): page
 * when 2 % of a 30-day error budget burns in 1 h or 5 % in 6 h; open a ticket
 * when 10 % burns in 3 days. Each long window is paired with a short one (1/12)
 * so the alert also stops soon after the burn does.
 */
export const BURN_WINDOWS = [
  { severity: 'critical', long: '1h', short: '5m', factor: 14.4, for: '2m' },
  // Shares the 1 h window's alert (and its `for`).
  { severity: 'critical', long: '6h', short: '30m', factor: 6 },
  { severity: 'warning', long: '3d', short: '6h', factor: 1, for: '1h' },
] as const;

export const RATE_WINDOWS = ['5m', '30m', '1h', '6h', '3d'] as const;

export interface Slo {
  /** Alert name prefix, e.g. "HttpAvailability". */
  readonly name: string;
  /** Recorded ratio name without the window, e.g. "job:http_server_errors:ratio_rate". */
  readonly record: string;
  /** The bad-event ratio over a window, grouped by the alert's labels. */
  readonly ratio: (window: string) => string;
  /** Fraction of events allowed to be bad (1 - objective). */
  readonly budget: number;
  readonly what: string;
  /** What a bad request is, for the description: "failing", "slow". */
  readonly bad: string;
}

export function sloRecordingRules(slo: Slo): RecordingRule[] {
  return RATE_WINDOWS.map((window) => ({ record: `${slo.record}${window}`, expr: slo.ratio(window) }));
}

/** One fast-burn (page) and one slow-burn (ticket) alert per SLO. */
export function sloAlerts(slo: Slo): AlertRule[] {
  const condition = (window: (typeof BURN_WINDOWS)[number]) =>
    `(${slo.record}${window.long} > ${window.factor} * ${slo.budget} and ${slo.record}${window.short} > ${window.factor} * ${slo.budget})`;
  const [oneHour, sixHours, threeDays] = BURN_WINDOWS;
  const objective = `${(100 * (1 - slo.budget)).toFixed(2)} %`;
  return [
    {
      alert: `${slo.name}BudgetBurnFast`,
      expr: `${condition(oneHour)}\nor\n${condition(sixHours)}`,
      for: oneHour.for,
      labels: { severity: oneHour.severity },
      annotations: {
        summary: `{{ $labels.job }} is burning its ${slo.what} error budget fast`,
        description: `{{ $labels.job }}: {{ $value | humanizePercentage }} of requests are ${slo.bad} (objective ${objective}); at this rate the 30-day budget is gone in under 2 days.`,
        runbook_url: runbook(`${slo.name}BudgetBurnFast`),
      },
    },
    {
      alert: `${slo.name}BudgetBurnSlow`,
      expr: condition(threeDays),
      for: threeDays.for,
      labels: { severity: threeDays.severity },
      annotations: {
        summary: `{{ $labels.job }} is steadily burning its ${slo.what} error budget`,
        description: `{{ $labels.job }}: {{ $value | humanizePercentage }} bad requests over 3 days (objective ${objective}); the 30-day budget will not last the month.`,
        runbook_url: runbook(`${slo.name}BudgetBurnSlow`),
      },
    },
  ];
}
