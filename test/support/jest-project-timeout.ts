/** The project's timeout from jest.config.js (`globals.PROJECT_TEST_TIMEOUT_MS`); unit tests keep Jest's 5 s. */
const projectTimeout = (globalThis as { PROJECT_TEST_TIMEOUT_MS?: unknown }).PROJECT_TEST_TIMEOUT_MS;
if (typeof projectTimeout === 'number') jest.setTimeout(projectTimeout);
