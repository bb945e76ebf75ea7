// Jest reads `testTimeout` only from the top-level config, never from a project, so each
// tier's own timeout is set here, from the project's setupFilesAfterEnv (see jest.config.js).
jest.setTimeout(30_000);
