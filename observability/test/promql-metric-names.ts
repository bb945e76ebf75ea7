/** PromQL words that can stand where a metric name could. */
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'group_left', 'group_right', 'inf', 'nan']);

/**
 * The metric names a PromQL expression selects, for checking that the series
 * a rule reads exist. Enough PromQL for rule expressions: strings, label
 * matchers, range and subquery brackets and grouping clauses are dropped, and
 * of the identifiers left, those followed by "(" are functions or
 * aggregations. A selector by `{__name__=...}` alone names no metric here.
 */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ');
  const identifiers = [...bare.matchAll(/(?<![\w:.])[a-zA-Z_:][\w:]*(?![\w:])(?!\s*\()/g)].map((match) => match[0]);
  return [...new Set(identifiers.filter((identifier) => !KEYWORDS.has(identifier.toLowerCase())))];
}
