# syntax=docker/dockerfile:1.7
# One image definition for both apps; pick one with --target:
#   docker build --target sample-app -t sample-app:dev .
#   docker build --target llm-app    -t llm-app:dev .
ARG NODE_IMAGE=node:24.21.0-bookworm-slim
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs24-debian12:nonroot

FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

FROM deps AS build
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY libs ./libs
COPY apps ./apps
ARG GIT_COMMIT=unknown
ARG BUILD_TIME=unknown
RUN npx nest build sample-app && npx nest build llm-app \
 && GIT_COMMIT="$GIT_COMMIT" BUILD_TIME="$BUILD_TIME" node scripts/write-build-info.mjs

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

FROM ${RUNTIME_IMAGE} AS runtime
ARG VERSION=0.0.0
ARG GIT_COMMIT=unknown
LABEL org.opencontainers.image.source="https://github.com/nest-k8s-observability/nest-k8s-observability" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${GIT_COMMIT}" \
      org.opencontainers.image.licenses="MIT"
WORKDIR /app
ENV NODE_ENV=production
COPY --from=prod-deps --chown=65532:65532 /src/node_modules ./node_modules
COPY --chown=65532:65532 package.json ./
# distroless "nonroot": UID/GID 65532, no shell; the root filesystem can be read-only
# (only /tmp needs to be writable).
USER 65532:65532

FROM runtime AS sample-app
COPY --from=build --chown=65532:65532 /src/dist/apps/sample-app ./dist
EXPOSE 8080
CMD ["dist/apps/sample-app/src/main.js"]

FROM runtime AS llm-app
COPY --from=build --chown=65532:65532 /src/dist/apps/llm-app ./dist
EXPOSE 8081
CMD ["dist/apps/llm-app/src/main.js"]
