import { readFileSync } from 'node:fs'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

/** The first fenced block of `lang` under the `## heading` of the README, without its fences. */
export function readmeBlock(heading: string, lang: string): string {
  const section = readme.split(/^## /m).find((part) => part.startsWith(`${heading}\n`))
  const block = section?.split(`\`\`\`${lang}\n`)[1]?.split('\n```')[0]
  if (block === undefined) throw new Error(`README.md has no \`\`\`${lang} block under "## ${heading}"`)
  return block
}
