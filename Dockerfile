# syntax=docker/dockerfile:1
# Sitrep in a container. No container engine runs in this project's CI, so
# scripts/check-production-start.sh (run by .ci/run) repeats these steps outside one.

# Build: every dependency, then src/ (the generated Prisma client included) compiled to dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Run: production dependencies only (the install regenerates the client with the `prisma` package), plus dist/.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data \
    COMPONENTS_FILE=/app/components.yml
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/generate-client.mjs ./scripts/
COPY prisma ./prisma
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Embedded PostgreSQL (no DATABASE_URL) keeps its data here; mount a volume to keep it.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node is PID 1, with no shell or npm in between: `docker stop`'s SIGTERM reaches Sitrep, which drains and exits.
ENTRYPOINT ["node", "dist/main.js"]
