# syntax=docker/dockerfile:1
# One image for every Sluice service: build once, run any app by argument.
#   docker build -t sluice .
#   docker run sluice processor        (or producer, redis-writer, cassandra-writer, mongo-writer, influx-writer, console)

# ---- build: all dependencies, transpile every app in one swc pass (scripts/build.js) ----
FROM node:24.11.1-bookworm-slim AS build
WORKDIR /app
# Package files first: the npm ci layer is reused until they change. patches/ is applied by
# the postinstall script (patch-package): kafkajs's read_committed fix.
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY apps ./apps
COPY libs ./libs
COPY scripts/build.js ./scripts/build.js
RUN node scripts/build.js

# ---- production dependencies only ----
FROM node:24.11.1-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime: slim, non-root ----
FROM node:24.11.1-bookworm-slim AS runtime
ENV NODE_ENV=production HTTP_HOST=0.0.0.0
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node docker/entrypoint.sh /usr/local/bin/sluice
# The processor's task snapshots (PROCESSOR_STATE_DIR in compose): a named volume mounted here
# starts with this directory's owner.
RUN mkdir -p /var/lib/sluice/state && chown node:node /var/lib/sluice/state
USER node
ENTRYPOINT ["sluice"]
CMD ["processor"]
