import { CLIENT_CONFIG_PATH, clientConfigSchema, type ClientConfig } from '../../../shared/clientConfig.ts'

export async function loadClientConfig(): Promise<ClientConfig> {
  const response = await fetch(CLIENT_CONFIG_PATH, { headers: { Accept: 'application/json' } })
  if (!response.ok) throw new Error(`client config answered ${response.status}`)
  return clientConfigSchema.parse(await response.json())
}
