/**
 * V8's heap sizes for llm-app, measured (docs/decisions/0126): the Deployment sets them as
 * NODE_OPTIONS (apps/registry.ts) and the bench starts the app with them.
 *
 * Left to itself V8 sizes the heap from the memory it sees: on a 24 GB host an old generation
 * allowed to grow to 4x what survived the last full GC (and a 64 MB semi-space); in a 512 Mi
 * container, much smaller (Node sizes it from the cgroup's limit). Under load llm-app kept about
 * 60 MB live in 250-450 MB of heap. A 256 MB old-space limit is where V8 grows the old generation
 * by its smallest factor (1.3x the live heap); it still leaves four times the live heap and, with
 * the young generation Node sizes from the pod's limit and the ~100 MB outside the heap, stays
 * under the pod's 512 Mi. A smaller semi-space
 * (`--max-semi-space-size=16`) with it saved another 90 MB of RSS but cost 13 % more CPU per
 * completion and 30-45 % per stream: not taken.
 */
export const LLM_APP_NODE_OPTIONS: readonly string[] = ['--max-old-space-size=256'];
