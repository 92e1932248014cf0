// The HTTP server around the Koa app, with timeouts that cut a half-sent request in seconds.
// Node's defaults (headers 60 s, whole request 300 s, checked every 30 s) let a few thousand
// idle sockets pin the process for minutes. What we receive is small and sent at once: a
// callback body is at most 64 KiB and WeCom itself gives up after 5 s.
import { createServer, type Server } from 'node:http';
import type Koa from 'koa';

/** From the first byte of a request to the end of its headers. */
export const HEADERS_TIMEOUT_MS = 5_000;
/** From the first byte to the end of the body. Answers may take longer (the simulator's 20 s long poll). */
export const REQUEST_TIMEOUT_MS = 10_000;
/** An idle kept-alive connection is closed after this (a reverse proxy should reuse for less). */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** How often Node looks for requests past those timeouts; the cut comes at most this late. */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

export function createHttpServer(app: Koa): Server {
  return createServer(
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    app.callback(),
  );
}

/** Listens and resolves once bound; host undefined means every interface. */
export function listen(server: Server, port: number, host?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('listening', resolve).once('error', reject);
    server.listen(port, host);
  });
}
