# syntax=docker/dockerfile:1.7
# One image definition for both apps; pick one with --target:
#   docker build --target sample-app -t sample-app:dev .
#   docker build --target llm-app    -t llm-app:dev .
# Build args (CI passes all four): VERSION, GIT_COMMIT, BUILD_TIME, SOURCE_URL.
# What the runtime stage ships is proven without Docker by `npm run bundle:smoke`
# (scripts/bundle-smoke.mjs); keep the two in step.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim
# Distroless Node 24 on Debian 12 (the build stages' glibc, so the prebuilt native addons
# of better-sqlite3 and @node-rs/argon2 load), no shell or package manager, user 65532.
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs24-debian12:nonroot

# Every dependency, from the lock file only; the npm cache survives between builds.
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --no-audit --no-fund --loglevel=error

FROM deps AS build
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY scripts/write-build-info.mjs ./scripts/
COPY libs ./libs
COPY apps ./apps
ARG GIT_COMMIT=unknown
ARG BUILD_TIME=unknown
# build-info.json (version from package.json, commit, build time) lands next to each
# main.js; /info and app_build_info report it.
RUN GIT_COMMIT="$GIT_COMMIT" BUILD_TIME="$BUILD_TIME" npm run -s build

# Production dependencies only: no compiler, test runner or CLI in the image, and none of the files
# inside them that Node never loads here (decision 0148).
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /src
COPY package.json package-lock.json ./
COPY scripts/bundle/build-only-packages.mjs ./scripts/bundle/
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --no-audit --no-fund --loglevel=error \
    && node scripts/bundle/build-only-packages.mjs node_modules

FROM ${RUNTIME_IMAGE} AS runtime
ARG VERSION=0.0.0
ARG GIT_COMMIT=unknown
ARG BUILD_TIME=unknown
ARG SOURCE_URL=https://github.com/nest-k8s-observability/nest-k8s-observability
LABEL org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.url="${SOURCE_URL}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${GIT_COMMIT}" \
      org.opencontainers.image.created="${BUILD_TIME}" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.vendor="nest-k8s-observability"
WORKDIR /app
ENV NODE_ENV=production
# Files owned by root and not writable by the app user: the code cannot be changed at run
# time even where the root filesystem is not mounted read-only. Only /tmp is ever written
# (mount an emptyDir or tmpfs there with a read-only root filesystem).
COPY --from=prod-deps /src/node_modules ./node_modules
COPY package.json ./
# The distroless "nonroot" user, by number so Kubernetes' runAsNonRoot can verify it.
USER 65532:65532
# node is PID 1 (no shell, no wrapper): SIGTERM reaches the app, whose shutdown hooks drain
# and exit 0. The k8s init container reuses this entrypoint with args
# ["dist/apps/sample-app/src/migrate.js"].
ENTRYPOINT ["/nodejs/bin/node"]

FROM runtime AS sample-app
LABEL org.opencontainers.image.title="sample-app" \
      org.opencontainers.image.description="API service with data, cache, identity and rate limits"
COPY --from=build /src/dist/apps/sample-app ./dist
EXPOSE 8080
CMD ["dist/apps/sample-app/src/main.js"]

FROM runtime AS llm-app
LABEL org.opencontainers.image.title="llm-app" \
      org.opencontainers.image.description="OpenAI-compatible LLM gateway built for observability"
COPY --from=build /src/dist/apps/llm-app ./dist
EXPOSE 8081
CMD ["dist/apps/llm-app/src/main.js"]
