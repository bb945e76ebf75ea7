/**
 * V8's young generation for sample-app, measured (docs/decisions/0150): the Deployment sets it as
 * NODE_OPTIONS (apps/registry.ts) and the bench starts the app with it.
 *
 * In a 512 Mi container V8 gives the app 1 MB semi-spaces (it sizes them from the memory the process
 * may use): a scavenge every few requests, and short-lived objects promoted to the old generation
 * before they die. 16 MB cut CPU per request by a quarter to two fifths (`/info`, the cached item
 * read, the insert) for ~35 MB of RSS; 32 MB gained nothing more measurable. The old generation is
 * left to V8's sizing from the container's limit (about half of it), which suits a heap that stays
 * small.
 */
export const SAMPLE_APP_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=16'];
