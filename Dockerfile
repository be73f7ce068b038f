# Kolom on Node 24 (LTS). Build: docker build -t kolom .
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src src
COPY migrations migrations
COPY bench bench
RUN npm run build && npm prune --omit=dev

FROM node:24-slim
# Production with DATABASE_URL starts one worker process per CPU (KOLOM_WORKERS; README, Scaling).
ENV NODE_ENV=production PORT=3000
WORKDIR /app
# Owned by the user it runs as: the embedded database (no DATABASE_URL) writes ./data here.
RUN chown node:node /app
COPY --chown=node:node --from=build /app/package.json ./
COPY --chown=node:node --from=build /app/node_modules node_modules
# The server and its migrations only: the benchmarks stay in the build stage.
COPY --chown=node:node --from=build /app/dist/src dist/src
COPY --chown=node:node --from=build /app/dist/migrations dist/migrations
# Served at /docs/asyncapi.json: the live events' document.
COPY --chown=node:node docs/asyncapi.json docs/asyncapi.json
USER node
EXPOSE 3000
# 200 while the node can serve (PostgreSQL reachable); Redis away is "degraded", still 200.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Migrations run at start-up (in the first worker); SIGTERM drains requests and closes the pool (in every worker).
CMD ["node", "dist/src/main.js"]
