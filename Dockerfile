# syntax=docker/dockerfile:1
# One image for every app process of Guild; docker-compose.yml picks the command
# (node services/support/dist/index.js, node workflows/dist/worker.js, …).

# Only the package manifests, so the `npm ci` layer below stays cached until a dependency changes.
FROM node:26-slim AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests && find . -name package.json -not -path '*/node_modules/*' -exec cp --parents {} /manifests/ \;

FROM node:26-slim AS build
WORKDIR /app
# prisma generate needs DATABASE_URL set to stay on its JS engine; nothing connects at build time.
ENV TURBO_TELEMETRY_DISABLED=1 \
    DATABASE_URL=postgresql://build@127.0.0.1:5432/build
# The npm the project pins (packageManager): its allowScripts keeps dependency install scripts off.
RUN npm install -g npm@11.19.1 --no-audit --no-fund
COPY --from=manifests /manifests/ ./
COPY package-lock.json ./
# npm ci installs package-lock.json exactly, or fails the build: the image never resolves versions anew.
RUN npm ci --no-audit --no-fund
COPY . .
RUN node_modules/.bin/turbo run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:26-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build --chown=node:node /app ./
USER node
CMD ["node", "services/support/dist/index.js"]
