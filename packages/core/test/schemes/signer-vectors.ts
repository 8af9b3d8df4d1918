import { check, clockAt, received, type Vector } from './vector-kit.js'

// The senders of schemes/signers/: SendGrid's vectors from its package's tests, the Standard Webhooks
// example under each preset's name, and fixed ed25519 (RFC 8032) and ES256 deliveries for Discord and Plaid.
/** @sendgrid/eventwebhook 8.0.0, src/eventwebhook.spec.js: one event, then two (each line ends in \r\n). */
export const sendgridVectors = [
  {
    name: 'one event',
    publicKey:
      'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==',
    signature:
      'MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=',
    timestamp: 1600112502,
    body: `${JSON.stringify([
      {
        email: 'hello@world.com',
        event: 'dropped',
        reason: 'Bounced Address',
        sg_event_id: 'ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA',
        sg_message_id: 'LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0',
        'smtp-id': '<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>',
        timestamp: 1600112492,
      },
    ])}\r\n`,
    firstId: 'ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA',
    firstType: 'dropped',
  },
  {
    name: 'two events',
    publicKey:
      'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEQ4LIFtWztlsF7skFqOncjD1lun4H5w8XOhyOArHW9RcIx/FfEzx6cikC/yPfUvwaX/JScE7Fc9CJD2afQ9Ok3Q==',
    signature:
      'MEYCIQC/I4o6vCgqRYrTljjoVWB/GRWNtxeePlLMHr3x9ETeRQIhAIpV+03nREPTTHWSW0wIOA0EoMPdcNgXa70yCaqDJlu5',
    timestamp: 1619651159,
    body: `${JSON.stringify([
      {
        email: 'invalid@gmail.com',
        event: 'processed',
        send_at: 0,
        sg_event_id: 'cHJvY2Vzc2VkLTE5OTQyMTEyLXFOd0JMZ1BRUWpXNkRKdktRd1NBYnctMA',
        sg_message_id: 'qNwBLgPQQjW6DJvKQwSAbw.filterdrecv-canary-547b64655b-cw6zx-1-6089EA4A-56.0',
        'smtp-id': '<qNwBLgPQQjW6DJvKQwSAbw@ismtpd0178p1mdw1.sendgrid.net>',
        timestamp: 1619651146,
      },
      {
        email: 'invalid@gmail.com',
        event: 'bounce',
        ip: '167.89.101.76',
        reason:
          '552 5.2.2 The email account that you tried to reach is over quota and inactive. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm c17si1130468pgv.34 - gsmtp',
        sg_event_id: 'Ym91bmNlLTAtMTk5NDIxMTItcU53QkxnUFFRalc2REp2S1F3U0Fidy0w',
        sg_message_id: 'qNwBLgPQQjW6DJvKQwSAbw.filterdrecv-canary-547b64655b-cw6zx-1-6089EA4A-56.0',
        'smtp-id': '<qNwBLgPQQjW6DJvKQwSAbw@ismtpd0178p1mdw1.sendgrid.net>',
        status: '5.2.2',
        timestamp: 1619651147,
        tls: 1,
        type: 'blocked',
      },
    ])
      .split('},{')
      .join('},\r\n{')}\r\n`,
    firstId: 'cHJvY2Vzc2VkLTE5OTQyMTEyLXFOd0JMZ1BRUWpXNkRKdktRd1NBYnctMA',
    firstType: 'processed',
  },
]

const standardExample = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
}

/** A Standard Webhooks preset and the header names its sender writes. */
function presetVector(
  name: 'clerk' | 'resend' | 'replicate' | 'openai' | 'supabase',
  prefix: string,
): Vector {
  return {
    name: `${name}: the Standard Webhooks specification example`,
    async run(core) {
      const { secret, id, timestamp, body, signature } = standardExample
      const provider = core[name]({
        secret: name === 'supabase' ? `v1,${secret}` : secret,
        now: clockAt(timestamp),
      })
      const signed = await provider.sign({ body, id, timestamp })
      check(`${prefix}-signature`, signed.headers[`${prefix}-signature`], signature)
      check('event', await core.verifyWebhook(provider, received(signed)), { id, providerName: name })
    },
  }
}

export const signerVectors: Vector[] = [
  ...sendgridVectors.map(
    (vector): Vector => ({
      name: `SendGrid: the package's ${vector.name} example`,
      async run(core) {
        const provider = core.sendgrid({ publicKey: vector.publicKey, now: clockAt(vector.timestamp) })
        const headers = {
          'X-Twilio-Email-Event-Webhook-Signature': vector.signature,
          'X-Twilio-Email-Event-Webhook-Timestamp': String(vector.timestamp),
        }
        check('event', await core.verifyWebhook(provider, { headers, body: vector.body }), {
          id: vector.firstId,
          type: vector.firstType,
        })
      },
    }),
  ),
  presetVector('clerk', 'svix'),
  presetVector('resend', 'svix'),
  presetVector('replicate', 'webhook'),
  presetVector('openai', 'webhook'),
  presetVector('supabase', 'webhook'),
  {
    name: "Discord: RFC 8032's first key pair signs an interaction",
    async run(core) {
      const provider = core.discord({
        secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
        now: clockAt(1760000000),
      })
      const body = '{"id":"1122","type":2,"data":{"name":"deploy"}}'
      const signature =
        'cb450cecb31ac281693b008fbb612245d45727c8f4b37686d778e29923e836ea585aba39dddf82e62209e8b2d43b23d77793cd5c3240761e9a2ab33a600b4e04'
      check('X-Signature-Ed25519', (await provider.sign({ body })).headers['X-Signature-Ed25519'], signature)
      const verifier = core.discord({
        publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
        now: clockAt(1760000000),
      })
      const headers = { 'X-Signature-Ed25519': signature, 'X-Signature-Timestamp': '1760000000' }
      check('event', await core.verifyWebhook(verifier, { headers, body }), {
        id: '1122',
        type: 'APPLICATION_COMMAND',
      })
    },
  },
  {
    name: 'Plaid: an ES256 Plaid-Verification JWT over the body',
    async run(core) {
      const jwk = {
        kty: 'EC',
        crv: 'P-256',
        x: 'oI-roNgsvL3Pj5yrleebXn5ALAGo8Z3ujE2ApF6okh8',
        y: 'ulNMdTwmTiEyfBNGhkhw--8_AUiA0K6oyvUCeuxjb-Q',
      }
      const kid = '6c5516e1-92dc-479e-a8ff-5a51992e0001'
      const provider = core.plaid({
        publicKey: (id) => (id === kid ? jwk : undefined),
        now: clockAt(1760000000),
      })
      const body =
        '{"webhook_type":"TRANSACTIONS","webhook_code":"SYNC_UPDATES_AVAILABLE","item_id":"wz666MBjYWTp2PDzzggYhM6oWWmBb"}'
      const jwt =
        'eyJhbGciOiJFUzI1NiIsImtpZCI6IjZjNTUxNmUxLTkyZGMtNDc5ZS1hOGZmLTVhNTE5OTJlMDAwMSIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3NjAwMDAwMDAsInJlcXVlc3RfYm9keV9zaGEyNTYiOiJkNmI1YmE3OWNkM2JhNjcyZjhjZTRjMDgyMjRhMmVmNzc2ZTY2M2E5NjQyNTAyNWU0OTJkYzk5ZTFhYTMwYjY2In0.NIT1cZ-UDu2kiWmfTP7xCnT8N-thzQGe46ZPLqn-yxOtx7R7yGohuW1WEPoVXdkUctnq0XlD_Kua-TR76Knwnw'
      check('event', await core.verifyWebhook(provider, { headers: { 'Plaid-Verification': jwt }, body }), {
        id: 'd6b5ba79cd3ba672f8ce4c08224a2ef776e663a96425025e492dc99e1aa30b66',
        type: 'TRANSACTIONS.SYNC_UPDATES_AVAILABLE',
      })
    },
  },
]
