import { type FetchHandler, hookgate } from '@hookgate/fetch'
import { stripeReceiver } from '../../../../lib/receiver'

export const runtime = 'nodejs'

// The mistake to avoid, kept to show its answer: this route reads the body before hookgate gets the
// request (as logging code or a `request.json()` would), so the signed bytes are gone. hookgate answers
// 500 `raw_body_unavailable` with how to fix it, never a 401 that would blame the signature.
let handler: FetchHandler | undefined
export async function POST(request: Request): Promise<Response> {
  await request.text()
  handler ??= hookgate(stripeReceiver())
  return handler(request)
}
