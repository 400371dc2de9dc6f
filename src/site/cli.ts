// `npm run site -- --port N --data DIR [--token T]`: the reference site of Kopij's export API, on loopback.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startReferenceSite } from './server'

async function main() {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '4801' }, data: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean', default: false } },
  })
  if (values.help || !values.data) {
    console.error('Usage: npm run site -- --data DIR [--port N] [--token TOKEN]\n  Serves the reference site on 127.0.0.1 (data in DIR/site.sqlite).')
    process.exit(values.help ? 0 : 1)
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`)
  const site = await startReferenceSite({ dataDir: path.resolve(values.data), port, token: values.token })
  console.error(`Reference site on ${site.url} (data ${path.resolve(values.data)}; Ctrl+C stops it)`)
  console.error(`API: ${site.apiUrl}`)
  if (site.token && !values.token) console.error(`New bearer token (shown once; only its hash is kept): ${site.token}`)
  console.log(site.url)
  const stop = () => void site.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  console.error(`Reference site: ${(error as Error).message}`)
  process.exit(1)
})
