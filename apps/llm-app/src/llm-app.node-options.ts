/**
 * V8's heap sizes for llm-app, measured (docs/decisions/0126, 0150): the Deployment sets them as
 * NODE_OPTIONS (apps/registry.ts) and the bench starts the app with them.
 *
 * Left to itself V8 sizes the heap from the memory the process may use: in the Deployment's 512 Mi
 * container a ~256 MB old generation and 1 MB semi-spaces, on a 24 GB host a 4 GB old generation and
 * 64 MB semi-spaces. Both are set here so the app runs the same heap wherever it runs.
 * - Old generation 256 MB: where V8 grows it by its smallest factor (1.3x the live heap, about 60 MB
 *   under load); with the young generation and the ~100 MB outside the heap it stays under 512 Mi.
 * - Semi-spaces 16 MB: the 1 MB a 512 Mi container gets made every completion cost about 1.5x and
 *   every streamed chunk about 2x the CPU (scavenges every few requests, objects promoted before they
 *   die); 16 MB takes that back for ~35 MB of RSS, and 32 MB gained nothing more measurable.
 */
export const LLM_APP_NODE_OPTIONS: readonly string[] = ['--max-old-space-size=256', '--max-semi-space-size=16'];
