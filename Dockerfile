# Build the portal, then the server, into one small image.
FROM node:20-bookworm AS portal
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
COPY openapi/ /src/openapi/
RUN npm run build

FROM rust:1-bookworm AS server
WORKDIR /src
COPY . .
RUN cargo build --release --bin seatdesk

FROM debian:bookworm-slim
RUN useradd --system --home /app seatdesk && mkdir -p /app/data && chown seatdesk /app/data
WORKDIR /app
COPY --from=server /src/target/release/seatdesk /usr/local/bin/seatdesk
COPY --from=portal /src/frontend/dist /app/frontend/dist
USER seatdesk
EXPOSE 8080
CMD ["seatdesk", "serve"]
