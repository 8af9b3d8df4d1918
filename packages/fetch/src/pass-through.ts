/**
 * A `Request` like `request` (method, URL, headers) over `body`, the bytes already read from it: its body
 * unread, so the next handler can `await request.json()` as if hookgate had never been there.
 */
export function replayed(request: Request, body: Uint8Array): Request {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: body as Uint8Array<ArrayBuffer>,
    signal: request.signal,
  })
}
