# Multi-stage: build with dev dependencies, run with production ones only, as a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Dependencies first: this layer is reused until the lockfile changes.
COPY package.json package-lock.json ./
RUN npm ci
# Only what the build reads: no local data/, .env or dist/ can end up in the image.
COPY .swcrc ./
COPY apps ./apps
COPY libs ./libs
COPY projections ./projections
COPY console ./console
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
# Code and dependencies stay owned by root: the service cannot modify what it runs.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The only writable place: the embedded PostgreSQL (when no DATABASE_URL is given) and the
# generated API tokens and keys. Mount a volume here to keep them.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# 200 also when a projection failed ("degraded": commands still work); 503 when the database or
# the event store is down. The projector (MODE=projector) serves no HTTP: disable it there.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form, no shell in between: node receives SIGTERM itself (compose adds an init as PID 1);
# it stops within 10 s (docs/operations.md).
CMD ["node", "--enable-source-maps", "dist/apps/api/src/main.js"]
