// A server middleware that reads every body (an audit trail, say): it runs before the routes, so the
// webhook route then finds the Node stream consumed.
import { defineEventHandler, readRawBody } from 'h3'

export default defineEventHandler(async (event) => {
  if (event.method === 'POST') event.context.bodyBytes = (await readRawBody(event, false))?.length
})
