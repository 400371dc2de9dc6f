// The preload: gives Kopij's page `window.api` (the contract over IPC) and nothing else; sandboxed, so only 'electron'.
import { contextBridge, ipcRenderer } from 'electron'
import { createBridge } from './bridge'

contextBridge.exposeInMainWorld('api', createBridge(ipcRenderer))
