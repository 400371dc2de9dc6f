import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReferenceSite, type ReferenceSite } from './server'

type Schema = Record<string, any>
const doc = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../resources/openapi/kopij-export-api.json'), 'utf8'))

const deref = (node: Schema): Schema => {
  if (!node?.$ref) return node
  return deref(node.$ref.replace(/^#\//, '').split('/').reduce((at: Schema, key: string) => at[key], doc))
}

/** The subset of JSON Schema the document uses: type (with null), required, properties, enum, items, allOf, oneOf. */
function problems(value: unknown, schema: Schema | true, at = '$'): string[] {
  if (schema === true) return []
  const s = deref(schema)
  if (s.allOf) return s.allOf.flatMap((part: Schema) => problems(value, part, at))
  if (s.oneOf) return s.oneOf.some((part: Schema) => problems(value, part, at).length === 0) ? [] : [`${at}: matches none of oneOf`]
  const types: string[] = s.type ? [s.type].flat() : []
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value
  if (types.length && !types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return [`${at}: ${actual}, not ${types.join('|')}`]
  if (s.enum && !s.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} not in ${s.enum.join(', ')}`]
  const out: string[] = []
  if (actual === 'object') {
    for (const key of s.required ?? []) if (!(key in (value as object))) out.push(`${at}.${key}: missing`)
    for (const [key, sub] of Object.entries(s.properties ?? {})) if (key in (value as object)) out.push(...problems((value as any)[key], sub as Schema, `${at}.${key}`))
  }
  if (actual === 'array' && s.items) (value as unknown[]).forEach((item, i) => out.push(...problems(item, s.items, `${at}[${i}]`)))
  return out
}

let dir: string
let site: ReferenceSite
const seen: string[] = []
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-openapi-'))
  site = await startReferenceSite({ dataDir: dir, token: 't' })
})
afterAll(async () => {
  await site.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** Calls the reference site and checks the answer against the document: a documented status, a body of its schema. */
async function check(method: string, template: string, concrete: string, init: { body?: unknown; headers?: Record<string, string>; token?: string } = {}) {
  const operation = doc.paths[template]?.[method.toLowerCase()]
  expect(operation, `${method} ${template} is documented`).toBeDefined()
  const response = await fetch(`${site.apiUrl}${concrete}`, {
    method,
    headers: { authorization: `Bearer ${init.token ?? 't'}`, 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const documented = operation.responses[String(response.status)]
  expect(documented, `${method} ${template} answered ${response.status}, which the document does not list`).toBeDefined()
  const answer = deref(documented)
  const type = response.headers.get('content-type')!.split(';')[0]!
  const body = (await response.json()) as any
  const schema = answer.content?.[type]?.schema
  expect(schema, `${method} ${template} ${response.status} as ${type}`).toBeDefined()
  expect(problems(body, schema)).toEqual([])
  seen.push(`${method} ${template} ${response.status}`)
  return { status: response.status, body, response }
}

describe('the OpenAPI document and the reference site agree', () => {
  it('on every operation and the answers the document promises', async () => {
    const id = 'a1'
    const input = { slug: 'een', title: 'Een', html: '<p>x</p>', status: 'published' }
    await check('GET', '/me', '/me')
    await check('GET', '/me', '/me', { token: 'wrong' })
    const created = await check('PUT', '/articles/{id}', `/articles/${id}`, { body: input, headers: { 'if-none-match': '*', 'idempotency-key': 'k1' } })
    expect(created.status).toBe(201)
    await check('PUT', '/articles/{id}', `/articles/${id}`, { body: input, headers: { 'if-none-match': '*' } })
    await check('PUT', '/articles/{id}', `/articles/${id}`, { body: { ...input, title: 'Twee' }, headers: { 'if-match': created.body.etag } })
    await check('PUT', '/articles/{id}', '/articles/b2', { body: input })
    await check('PUT', '/articles/{id}', '/articles/b2', { body: { title: 1 } })
    await check('GET', '/articles/{id}', `/articles/${id}`)
    await check('GET', '/articles/{id}', '/articles/none')
    await check('GET', '/articles', '/articles?changedSince=2020-01-01T00:00:00Z&limit=10')
    await check('GET', '/articles', '/articles?changedSince=yesterday')
    site.setFaults({ rateLimitRate: 1 })
    const limited = await check('GET', '/articles', '/articles')
    expect(limited.response.headers.get('retry-after')).not.toBeNull()
    site.setFaults({})
    await fetch(`${site.url}/een/comments`, { method: 'POST', body: new URLSearchParams({ author: 'L', comment: 'Goed' }), redirect: 'manual' })
    const listed = await check('GET', '/comments', '/comments?status=pending')
    const commentId = listed.body.items[0].id
    await check('PUT', '/comments/{id}/moderation', `/comments/${commentId}/moderation`, { body: { status: 'approved', expected: 'spam' } })
    await check('PUT', '/comments/{id}/moderation', `/comments/${commentId}/moderation`, { body: { status: 'approved', expected: 'pending' } })
    await check('PUT', '/comments/{id}', '/comments/r1', { body: { articleId: id, parentId: commentId, authorName: 'Redactie', text: 'Dank' } })
    await check('PUT', '/comments/{id}', '/comments/r1', { body: { articleId: id, parentId: commentId, authorName: 'Redactie', text: 'Anders' } })
    await check('PUT', '/comments/{id}/text', `/comments/${commentId}/text`, { body: { text: 'Goed, en verbeterd' } })
    await check('PUT', '/comments/{id}/text', '/comments/none/text', { body: { text: 'x' } })
    await check('PUT', '/comments/{id}/text', `/comments/${commentId}/text`, { body: { text: '' } })
    await check('DELETE', '/comments/{id}', '/comments/r1')
    await check('DELETE', '/comments/{id}', '/comments/r1')
    await check('DELETE', '/articles/{id}', `/articles/${id}`)
    await check('DELETE', '/articles/{id}', '/articles/none')
    const operations = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item as object).filter((m) => m !== 'parameters').map((m) => `${m.toUpperCase()} ${p}`))
    expect(operations.filter((op) => !seen.some((s) => s.startsWith(`${op} `)))).toEqual([])
  })
})
