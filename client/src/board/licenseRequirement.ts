/**
 * tldraw treats a page served over HTTPS from a non-loopback host as a
 * production deployment: without a license key it hides the canvas after a
 * few seconds. Plain HTTP (a LAN address at the venue) and localhost run
 * without one. We say so up front instead of showing a canvas that vanishes.
 */
export function isMissingRequiredLicense(location: Pick<Location, 'protocol' | 'hostname'>, licenseKey: string | null): boolean {
  if (licenseKey) return false
  if (location.protocol !== 'https:') return false
  const host = location.hostname.toLowerCase().replace(/^\[|\]$/g, '')
  const isLoopback = host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)
  return !isLoopback
}
