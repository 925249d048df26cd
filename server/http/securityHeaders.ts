import helmet from 'helmet'

/**
 * helmet's headers with a content security policy tldraw works under:
 * everything from our own origin (fonts, icons and translations are served
 * by us, nothing from a CDN), inline styles (tldraw positions shapes with
 * style attributes), data:/blob: images for pasted pictures and exports.
 * The WebSocket endpoints are same-origin, over ws: or wss:.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:', 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        manifestSrc: ["'self'"],
        mediaSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Plain HTTP on a venue LAN is a supported setup; HSTS would lock phones out of it.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  })
}
