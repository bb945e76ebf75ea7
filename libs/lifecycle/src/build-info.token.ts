/** Injection token of the build facts (BuildInfo from @app/config) GET / and GET /info show. */
export const BUILD_INFO = Symbol('BUILD_INFO');
