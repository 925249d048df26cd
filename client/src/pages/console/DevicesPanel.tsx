import { useEffect, useState } from 'react'
import { z } from 'zod'
import { deviceLinkSchema, type DeviceLink } from '../../../../shared/api.ts'
import { ApiRequestError } from '../../api/apiClient.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import { errorText } from '../ErrorNotice.tsx'
import type { EventViewProps } from './ConsolePage.tsx'

/**
 * The phones that joined with the code. Each one keeps its access until it
 * has been idle for the configured days; the facilitator can end one early
 * (a lost phone, someone who left).
 */
export function DevicesPanel({ event, api }: EventViewProps) {
  const { t, locale } = useMessages()
  const [devices, setDevices] = useState<DeviceLink[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [refresh, setRefresh] = useState(0)
  const [open, setOpen] = useState(false)
  useEffect(() => {
    if (!open) return
    api.get(`/api/events/${event.id}/devices`, z.array(deviceLinkSchema)).then(setDevices, (failure: unknown) => {
      setError(failure instanceof ApiRequestError ? errorText(failure, t) : t('pages.error.generic'))
    })
  }, [api, event.id, refresh, open, t])

  const revoke = async (device: DeviceLink) => {
    if (!window.confirm(t('devices.revokeConfirm', { name: device.name ?? t('devices.unnamed') }))) return
    setError(null)
    try {
      await api.sendNoContent('DELETE', `/api/events/${event.id}/links/${device.id}`)
    } catch (failure) {
      setError(failure instanceof ApiRequestError ? errorText(failure, t) : t('pages.error.generic'))
    }
    setRefresh((n) => n + 1)
  }
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' })

  return (
    <details className="devices-panel" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="devices-panel">
      <summary>{devices ? t('devices.titleCount', { count: devices.length }) : t('devices.title')}</summary>
      {devices?.length === 0 && <p>{t('devices.none')}</p>}
      <ul className="link-list">
        {devices?.map((device) => (
          <li key={device.id} className="link-list__item" data-testid="device">
            <span className="devices-panel__who">
              <span>{device.name ?? t('devices.unnamed')}</span>
              <small>{t('devices.lastSeen', { when: when(device.lastSeenAt) })}</small>
            </span>
            <button type="button" onClick={() => void revoke(device)}>
              {t('devices.revoke')}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </details>
  )
}
