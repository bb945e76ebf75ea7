/** The GenAI metrics contract of docs/observability.md, in Prometheus form. */
export const GEN_AI_TOKEN_USAGE = 'gen_ai_client_token_usage';
export const GEN_AI_OPERATION_DURATION = 'gen_ai_client_operation_duration_seconds';
export const GEN_AI_TIME_TO_FIRST_TOKEN = 'gen_ai_server_time_to_first_token_seconds';
export const GEN_AI_TIME_PER_OUTPUT_TOKEN = 'gen_ai_server_time_per_output_token_seconds';
export const LLM_GATEWAY_OVERHEAD = 'llm_gateway_overhead_seconds';
export const LLM_UPSTREAM_ERRORS = 'llm_upstream_errors_total';
export const LLM_UPSTREAM_RETRIES = 'llm_upstream_retries_total';
export const LLM_ESTIMATED_COST = 'llm_estimated_cost_usd_total';
export const LLM_RATE_LIMIT_REJECTIONS = 'llm_rate_limit_rejections_total';
export const LLM_CIRCUIT_BREAKER_STATE = 'llm_circuit_breaker_state';
export const LLM_RESPONSE_CACHE_LOOKUPS = 'llm_response_cache_lookups_total';

/** Bucket boundaries advised by the GenAI semantic conventions. */
export const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304];
export const OPERATION_SECONDS_BUCKETS = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];
/** Includes 2.5, the LlmTimeToFirstTokenSlo threshold. */
export const TIME_TO_FIRST_TOKEN_BUCKETS = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];
export const TIME_PER_OUTPUT_TOKEN_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5,
];
/** The gateway's own work is meant to be milliseconds. */
export const OVERHEAD_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
