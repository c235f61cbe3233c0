# syntax=docker/dockerfile:1
# The dashboard only (no embedded cluster): the Next.js standalone output on a current Node LTS,
# run as a non-root user; the Deployment in deploy/ adds a read-only root filesystem.
# Build:  docker build -t sts-topology:0.1.0 .

FROM node:24-bookworm-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# --ignore-scripts: the image already has Node 24, so the `node` devDependency is not needed.
# npm install (locked versions) rather than npm ci: see lib/launcher/ensure-deps.cjs.
# The `node` package has no binary until its install script runs: drop its dangling bin link so
# nothing on node_modules/.bin can stand in for the image's node.
RUN npm install --ignore-scripts --no-audit --no-fund \
 && rm -f node_modules/.bin/node
COPY . .
RUN npx next build \
 && cp -r .next/static .next/standalone/.next/static \
 && cp -r public .next/standalone/public

FROM node:24-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
COPY --from=build --chown=root:root /src/.next/standalone ./
# uid/gid 1000 is the `node` user of the base image; numeric so runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
# --max-semi-space-size: as lib/launcher/server-flags.ts (keeps RSS near the live heap).
CMD ["node", "--max-semi-space-size=8", "server.js"]
