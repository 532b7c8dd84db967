# syntax=docker/dockerfile:1
# burnlink container image: docs/container.md. Build: docker build -t burnlink .
# Runs as UID 1000 (the base image's `node` user) and writes only to /data (the SQLite files and file blobs),
# so it works with a read-only root filesystem (`docker run --read-only -v burnlink-data:/data …`).
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: every dependency (dev included), the native SQLite module for this base, then the build ----
FROM ${NODE_IMAGE} AS build
# better-sqlite3 falls back to compiling when no prebuilt binary fits (or none can be fetched).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Compile against the headers shipped with the base image's Node instead of downloading them.
ENV npm_config_nodedir=/usr/local
# The manifests first, so that the dependency layer is cached until one of them changes.
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/wire/package.json packages/wire/
COPY packages/client/package.json packages/client/
COPY packages/server/package.json packages/server/
COPY packages/web/package.json packages/web/
COPY packages/cli/package.json packages/cli/
# No install scripts yet (`prepare` would build before the sources are here); better-sqlite3's own install
# script is the only one the tree needs, run next.
RUN npm install --no-audit --no-fund --ignore-scripts \
 && npm rebuild better-sqlite3
COPY . .
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime: build artefacts and production dependencies only ----
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="burnlink" \
      org.opencontainers.image.description="Self-hosted, end-to-end encrypted one-time secret links" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="${NODE_IMAGE}"
ENV NODE_ENV=production \
    BURNLINK_HOST=0.0.0.0 \
    BURNLINK_PORT=8080 \
    BURNLINK_DATA_DIR=/data \
    TMPDIR=/tmp
WORKDIR /app
COPY --from=build /src/package.json ./
# Production dependencies (better-sqlite3 compiled above); @burnlink/* are links into packages/.
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/packages/core/package.json packages/core/
COPY --from=build /src/packages/core/dist packages/core/dist
COPY --from=build /src/packages/wire/package.json packages/wire/
COPY --from=build /src/packages/wire/dist packages/wire/dist
COPY --from=build /src/packages/client/package.json packages/client/
COPY --from=build /src/packages/client/dist packages/client/dist
COPY --from=build /src/packages/server/package.json packages/server/
COPY --from=build /src/packages/server/dist packages/server/dist
# The web app's bundle: the server serves packages/web/dist (BURNLINK_WEB_DIR's default, beside the server).
COPY --from=build /src/packages/web/package.json packages/web/
COPY --from=build /src/packages/web/dist packages/web/dist
# The CLI, for `burnlink admin` inside the container (docker exec … burnlink admin …).
COPY --from=build /src/packages/cli/package.json packages/cli/
COPY --from=build /src/packages/cli/bin packages/cli/bin
COPY --from=build /src/packages/cli/dist packages/cli/dist
RUN ln -s /app/packages/cli/bin/burnlink.js /usr/local/bin/burnlink \
 && mkdir -p /data \
 && chown 1000:1000 /data
USER 1000:1000
VOLUME /data
EXPOSE 8080
# No curl in the slim image: Node's fetch. 127.0.0.1 reaches the server on 0.0.0.0 and on ::.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.BURNLINK_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: in-flight requests finish, then the store closes (BURNLINK_SHUTDOWN_TIMEOUT, default 10 s).
STOPSIGNAL SIGTERM
CMD ["node", "packages/server/dist/main.js"]
