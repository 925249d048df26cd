import os from 'node:os'

/** Addresses phones on the venue Wi-Fi can reach, when the server listens on every interface. */
function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((address) => address !== undefined && address.family === 'IPv4' && !address.internal)
    .map((address) => address?.address ?? '')
}

/** The start banner, like a notebook server's: a ready-to-click admin link. It is the only place the token is printed. */
export function startBanner(host: string, port: number, publicUrl: string | undefined, adminToken: string): string {
  const everywhere = host === '0.0.0.0' || host === '::'
  const local = `http://${everywhere ? 'localhost' : host}:${port}`
  const bases = publicUrl ? [publicUrl.replace(/\/$/, '')] : [local, ...(everywhere ? lanAddresses().map((ip) => `http://${ip}:${port}`) : [])]
  const lines = ['', '  Ideenschmiede läuft.', '']
  for (const base of bases) lines.push(`  Moderation (Admin):  ${base}/?token=${encodeURIComponent(adminToken)}`)
  lines.push('')
  if (!everywhere && !publicUrl) lines.push('  Nur auf diesem Rechner erreichbar. Für das WLAN vor Ort: HOST=0.0.0.0 npm start', '')
  return lines.join('\n') + '\n'
}
