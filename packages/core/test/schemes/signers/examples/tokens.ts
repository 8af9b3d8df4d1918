import { basicAuth, gitlab, postmark, token } from '@hookgate/core'

// Project > Settings > Webhooks > Secret token: GitLab sends it as it is in X-Gitlab-Token.
export const gitlabProvider = gitlab({ secret: process.env.GITLAB_WEBHOOK_TOKEN ?? 'example-token' })

// The webhook URL in Postmark is https://<username>:<password>@your.host/webhooks/postmark.
export const postmarkProvider = postmark({
  username: 'postmark',
  password: process.env.POSTMARK_WEBHOOK_PASSWORD ?? 'example-password',
})

// Any sender you give a user name and password, e.g. an internal service; rotate with an array.
export const basicProvider = basicAuth({
  name: 'billing',
  username: 'billing',
  password: ['new-password', 'old-password'],
  id: 'X-Delivery-Id',
})

// A Supabase database webhook with the HTTP header Authorization: Bearer <token> you added to it.
export const tokenProvider = token({
  name: 'supabase-db',
  token: process.env.SUPABASE_DB_WEBHOOK_TOKEN ?? 'example-token',
  id: ({ payload }) => {
    const { table, type, record } = payload as { table: string; type: string; record: { id: string } }
    return `${table}:${type}:${record.id}`
  },
  type: ({ payload }) => (payload as { type: string }).type,
})
