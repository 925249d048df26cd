import express from 'express'
import { CLIENT_CONFIG_PATH, type ClientConfig } from '../../shared/clientConfig.ts'
import type { Config } from '../config.ts'

/** Serves what the client reads at start; the license key is public by nature, tldraw checks it in the browser. */
export function clientConfigRoute(config: Pick<Config, 'tldrawLicenseKey' | 'assetMaxBytes'>): express.Router {
  const body: ClientConfig = { tldrawLicenseKey: config.tldrawLicenseKey ?? null, assetMaxBytes: config.assetMaxBytes }
  const router = express.Router()
  router.get(CLIENT_CONFIG_PATH, (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(body)
  })
  return router
}
