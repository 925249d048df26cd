import { EVENT_MODES, eventModeSchema, type EventMode } from '../../../shared/api.ts'
import { useMessages } from '../i18n/useMessages.ts'

export interface EventDetails {
  title: string
  /** `YYYY-MM-DD`, or empty when not set. */
  date: string
  place: string
  mode: EventMode
  /** The video call of an online event, or empty. */
  callUrl: string
}

/** The title, date, place and format inputs of an event, for creating one and for editing it. */
export function EventFields({ value, onChange, titleTestId }: { value: EventDetails; onChange: (next: EventDetails) => void; titleTestId?: string }) {
  const { t } = useMessages()
  const set = (patch: Partial<EventDetails>) => onChange({ ...value, ...patch })
  return (
    <>
      <label>
        {t('event.title')}
        <input value={value.title} onChange={(e) => set({ title: e.target.value })} required maxLength={200} data-testid={titleTestId} />
      </label>
      <label>
        {t('event.date')}
        <input type="date" value={value.date} onChange={(e) => set({ date: e.target.value })} />
      </label>
      <label>
        {t('event.place')}
        <input value={value.place} onChange={(e) => set({ place: e.target.value })} maxLength={200} />
      </label>
      <label>
        {t('event.mode')}
        <select value={value.mode} onChange={(e) => set({ mode: eventModeSchema.parse(e.target.value) })}>
          {EVENT_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`event.mode.${mode}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('event.callUrl')}
        <input type="url" value={value.callUrl} onChange={(e) => set({ callUrl: e.target.value })} maxLength={500} placeholder="https://meet.jit.si/…" aria-describedby="event-call-hint" />
        <small id="event-call-hint">{t('event.callHint')}</small>
      </label>
    </>
  )
}
