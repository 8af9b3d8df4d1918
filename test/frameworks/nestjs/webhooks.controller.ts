import type { IncomingMessage, ServerResponse } from 'node:http'
import { hookgate } from '@hookgate/node'
import { All, Controller, Req, Res } from '@nestjs/common'
import { receiver } from '../receiver.js'

const stripeWebhook = hookgate(receiver)

@Controller('webhooks')
export class WebhooksController {
  // @Res() hands the response to hookgate, which writes the outcome; Nest then sends nothing itself.
  // @All: another method than POST reaches the receiver too (405 with Allow: POST).
  @All('stripe')
  stripe(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return stripeWebhook(req, res)
  }
}
