// The Electron shell: the only main-process code that touches Electron; every capability lives in a plain service.
import * as electron from 'electron'
import { runKopij } from './app'

runKopij({ electron, argv: process.argv, env: process.env, mainDir: __dirname }).catch((error: unknown) => {
  console.error('Kopij failed to start', error)
  electron.app.exit(1)
})
