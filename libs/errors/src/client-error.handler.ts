import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem-details';

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before any route is known
 * (headers over the size limit, a request too slow, bytes that are not HTTP). Fastify's own
 * answer is its internal JSON; this one is problem+json that also carries OpenAI's `error`
 * member, since the path (and so which API's shape the client expects) is not known yet.
 * The connection is closed afterwards, as Node does, once the answer is sent.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request-timeout', 'The request was not received in time.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'header-too-large', 'The request line and headers are larger than this server accepts.']
        : [400, 'bad-request', 'The request is not valid HTTP.'];
  const title = STATUS_CODES[status] ?? 'Client Error';
  const body = JSON.stringify({
    type: problemType(code),
    title,
    status,
    detail,
    code,
    error: { message: detail, type: 'invalid_request_error', code: code.replace(/-/g, '_'), param: null },
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  // End after the answer and drain what the client is still sending: closing with unread
  // bytes would reset the connection before the client reads the answer.
  socket.end();
  socket.resume();
  setTimeout(() => socket.destroy(), 1_000).unref();
}
