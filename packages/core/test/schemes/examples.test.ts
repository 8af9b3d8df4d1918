import { readFile } from 'node:fs/promises'
import type { Provider, SignInput } from '@hookgate/core'
import { describe, expect, it } from 'vitest'

// Each docs/providers page shows one example file verbatim; this runs them and keeps the pages in sync.
interface Example {
  provider: Provider
  handle(request: Request): Promise<Response>
}

const cases: [name: string, input: SignInput, expected: { id?: string; type: string }][] = [
  ['stripe', { body: '{"id":"evt_1","type":"invoice.paid"}' }, { id: 'evt_1', type: 'invoice.paid' }],
  [
    'github',
    { body: '{"action":"opened"}', type: 'issues', id: 'guid-1' },
    { id: 'guid-1', type: 'issues.opened' },
  ],
  ['shopify', { body: '{"id":1}', type: 'orders/create', id: 'wh-1' }, { id: 'wh-1', type: 'orders/create' }],
  [
    'slack',
    { body: '{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention"}}' },
    { id: 'Ev1', type: 'app_mention' },
  ],
  [
    'twilio',
    { body: 'SmsStatus=received&Body=hi', url: 'https://example.com/twilio', id: 'idem-1' },
    { id: 'idem-1', type: 'message.received' },
  ],
  [
    'standard-webhooks',
    { body: '{"type":"user.created"}', id: 'msg_1' },
    { id: 'msg_1', type: 'user.created' },
  ],
  ['hmac', { body: '{"done":true}', id: 'e-1', type: 'thing.done' }, { id: 'e-1', type: 'thing.done' }],
]

const load = async (name: string) => (await import(`./examples/${name}.ts`)) as Example

async function post(example: Example, input: SignInput, change: (body: string) => string = (body) => body) {
  const signed = await example.provider.sign(input)
  return example.handle(
    new Request(signed.url ?? 'https://example.com/hooks', {
      method: 'POST',
      headers: signed.headers,
      body: change(String(signed.body)),
    }),
  )
}

describe.each(cases)('docs/providers/%s.md', (name, input, expected) => {
  it('shows the example file exactly', async () => {
    const page = await readFile(new URL(`../../../../docs/providers/${name}.md`, import.meta.url), 'utf8')
    const source = await readFile(new URL(`./examples/${name}.ts`, import.meta.url), 'utf8')
    expect(/```ts\n([\s\S]*?)```/.exec(page)?.[1]).toBe(source)
  })

  it('accepts a signed delivery and refuses a tampered one', async () => {
    const example = await load(name)
    const accepted = await post(example, input)
    expect(accepted.status).toBe(200)
    expect(await accepted.json()).toEqual(expected)
    const tampered = await post(example, input, (body) => `${body}x`)
    expect(tampered.status).toBe(401)
    expect(await tampered.text()).toBe('invalid_signature')
  })
})

it("docs/providers/slack.md: answers Slack's URL verification itself", async () => {
  const response = await post(await load('slack'), { body: '{"type":"url_verification","challenge":"c-1"}' })
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({ challenge: 'c-1' })
})
