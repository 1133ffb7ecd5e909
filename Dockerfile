# share-emulator: a stateful emulator of the Luzmo, EnergyCAP and DESK dashboard-sharing APIs.
# build: install from the lock file, compile TypeScript and bundle the web console (dist/console). deps: production dependencies only.
# runtime: node, dist/, specs/, fixtures/ and the production node_modules, owned by root and run as the
# unprivileged `node` user (uid 1000), so the app cannot change its own files. Nothing is written at run
# time except the state file when STATE_FILE is set (on a mounted volume: /data is there for it), so the
# image runs with a read-only root filesystem (`docker run --read-only`).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY console ./console
RUN npm run build

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
# Labels: pass --build-arg VERSION=... CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ) SOURCE=<repository URL> when
# publishing; the defaults keep a plain `docker build .` reproducible.
ARG VERSION=0.1.0
ARG CREATED=1970-01-01T00:00:00Z
ARG SOURCE=
LABEL org.opencontainers.image.title="share-emulator" \
      org.opencontainers.image.description="Stateful, spec-driven emulator of the Luzmo, EnergyCAP and DESK dashboard-sharing APIs" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="MIT"
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4010 \
    LOG_LEVEL=info \
    FIXTURES_DIR=/app/fixtures
WORKDIR /app
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY specs ./specs
COPY fixtures ./fixtures
# The one writable place: mount a volume here and set STATE_FILE=/data/state.json to keep state.
RUN mkdir /data && chown 1000:1000 /data
USER 1000:1000
EXPOSE 4010
HEALTHCHECK --interval=5s --timeout=4s --start-period=5s --retries=3 CMD ["node", "dist/healthcheck.js"]
# The server handles SIGTERM itself: in-flight requests finish, then it exits 0.
CMD ["node", "dist/main.js"]
