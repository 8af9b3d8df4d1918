import { z } from 'zod'

/**
 * The zod schema the bench's handlers declare: what a billing app reads of an `invoice.paid` event, every
 * line item included (so validation cost grows with the body, as it does in real apps).
 */
export const invoicePaid = z.object({
  id: z.string(),
  type: z.string(),
  created: z.number().int(),
  data: z.object({
    object: z.object({
      id: z.string(),
      customer: z.string(),
      currency: z.string().length(3),
      amount_paid: z.number().int(),
      status: z.enum(['draft', 'open', 'paid', 'void', 'uncollectible']),
      lines: z.object({
        data: z.array(
          z.object({
            id: z.string(),
            amount: z.number().int(),
            currency: z.string(),
            quantity: z.number().int(),
            metadata: z.record(z.string(), z.string()),
          }),
        ),
      }),
    }),
  }),
})
