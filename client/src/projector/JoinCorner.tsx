import QRCode from 'qrcode'
import { useEffect, useState } from 'react'
import type { Translate } from '../i18n/useMessages.ts'

/**
 * The projector has a viewer token and cannot create links, so the join
 * code comes from the projector link itself: the console appends `?code=`.
 */
export function joinCodeFromUrl(): string | null {
  const code = new URL(window.location.href).searchParams.get('code')
  return code && /^[A-Z0-9]{4,12}$/i.test(code) ? code.toUpperCase() : null
}

/** The join screen, with the code filled in for those who scan. */
function joinUrl(code: string): string {
  return `${window.location.origin}/?code=${encodeURIComponent(code)}`
}

/** A QR code to scan and the code to type: big enough for the back row while people arrive, a small corner card for late arrivals later. */
function peopleLabel(count: number, t: Translate): string {
  if (count === 0) return t('projector.peopleNone')
  return count === 1 ? t('projector.peopleOne') : t('projector.peopleMany', { count })
}

/** `people`: how many have joined, shown on the large card during check-in; null until the server has said. */
export function JoinCorner({ code, size, people, t }: { code: string | null; size: 'large' | 'corner'; people: number | null; t: Translate }) {
  const [qr, setQr] = useState<string | null>(null)
  useEffect(() => {
    if (!code) return
    let cancelled = false
    QRCode.toDataURL(joinUrl(code), { margin: 1, width: 360, errorCorrectionLevel: 'M' }).then(
      (url) => {
        if (!cancelled) setQr(url)
      },
      (error: unknown) => console.error('Ideenschmiede: the QR code could not be drawn', error),
    )
    return () => {
      cancelled = true
    }
  }, [code])
  if (!code) return null
  return (
    <aside className={`projector__join projector__join--${size}`} aria-labelledby="projector-join-title" data-testid="projector-join" data-size={size}>
      {qr && (
        <img
          className="projector__join-qr"
          src={qr}
          width={size === 'large' ? 300 : 140}
          height={size === 'large' ? 300 : 140}
          alt={t('projector.qrAlt', { host: window.location.host })}
        />
      )}
      <div>
        <h2 id="projector-join-title">{t('projector.joinTitle')}</h2>
        <p className="projector__join-url">{window.location.host}</p>
        <p className="projector__join-hint">{t('projector.joinHint')}</p>
        <p className="projector__join-code" data-testid="projector-join-code">
          {code}
        </p>
        {size === 'large' && people !== null && (
          <p className="projector__join-people" data-testid="projector-people" aria-live="polite">
            {peopleLabel(people, t)}
          </p>
        )}
      </div>
    </aside>
  )
}
