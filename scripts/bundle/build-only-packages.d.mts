/** Packages the runtime image's node_modules leaves out: see build-only-packages.mjs. */
export declare const BUILD_ONLY_PACKAGES: readonly string[];
export declare function removeBuildOnlyPackages(nodeModules: string): void;
