# share-emulator: a stateful emulator of the Luzmo, EnergyCAP and DESK dashboard-sharing APIs.
# Build stage: install from the lock file and compile TypeScript. Runtime stage: production
# dependencies, dist/, specs/ and fixtures/ only, as the unprivileged `node` user.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4010 \
    LOG_LEVEL=info \
    FIXTURES_DIR=/app/fixtures
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY specs ./specs
COPY fixtures ./fixtures
USER node
EXPOSE 4010
HEALTHCHECK --interval=5s --timeout=4s --start-period=5s --retries=3 CMD ["node", "dist/healthcheck.js"]
# The server handles SIGTERM itself: in-flight requests finish, then it exits 0.
CMD ["node", "dist/main.js"]
