import { useEffect, useRef, useState, type FormEvent } from 'react'
import { joinResultSchema, whoAmISchema } from '../../../shared/api.ts'
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normalizeJoinCode } from '../../../shared/joinCode.ts'
import { ApiRequestError, createApiClient } from '../api/apiClient.ts'
import { useMessages } from '../i18n/useMessages.ts'
import { PRIVACY_PATH } from '../privacy/privacyPath.ts'
import { AdminHome } from './AdminHome.tsx'
import { useAsync } from './useAsync.ts'
import './pages.css'
import '../privacy/privacy.css'

const allowed = new RegExp(`[^${JOIN_CODE_ALPHABET}]`, 'g')

function cleanCode(raw: string): string {
  return normalizeJoinCode(raw).replace(allowed, '').slice(0, JOIN_CODE_LENGTH)
}

/** The projector's QR code opens `/?code=…`: scanning fills the code in. */
function codeFromAddress(): string {
  return cleanCode(new URL(window.location.href).searchParams.get('code') ?? '')
}

/** `/`: type the code from the projector; an admin token also gets the list of events. */
export function JoinPage({ token }: { token: string | null }) {
  const { t } = useMessages()
  const [code, setCode] = useState(codeFromAddress)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const me = useAsync(() => (token ? createApiClient(token).get('/api/me', whoAmISchema) : Promise.resolve(null)), [token])

  const join = async () => {
    if (code.length !== JOIN_CODE_LENGTH) {
      setMessage(t('join.tooShort'))
      return
    }
    setBusy(true)
    setMessage(null)
    try {
      const joined = await createApiClient(null).send('POST', '/api/join', { code }, joinResultSchema)
      window.location.assign(joined.url)
    } catch (error) {
      const code = error instanceof ApiRequestError ? error.code : 'internal'
      setMessage(t(code === 'not_found' ? 'join.invalid' : code === 'too_many_requests' ? 'join.tooMany' : code === 'conflict' ? 'join.full' : 'join.failed'))
      setBusy(false)
    }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void join()
  }
  // Someone who scanned the QR code goes straight on; a wrong or old code stays in the field with the reason below it.
  const scanned = useRef(code.length === JOIN_CODE_LENGTH)
  useEffect(() => {
    if (!scanned.current) return
    scanned.current = false
    void join()
  })

  return (
    <main className="page page--narrow">
      <h1 className="page__title">{t('app.name')}</h1>
      {/* The admin comes here for their events; the code field is for phones and goes below. */}
      {me.status === 'ready' && me.value?.role === 'admin' && token && <AdminHome token={token} />}
      <form className="join-form" onSubmit={submit}>
        <label htmlFor="join-code" className="join-form__label">
          {t('join.label')}
        </label>
        <input
          id="join-code"
          className="join-form__code"
          value={code}
          onChange={(event) => setCode(cleanCode(event.target.value))}
          inputMode="text"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="join-hint"
          data-testid="join-code"
        />
        <p id="join-hint" className="join-form__hint">
          {t('join.hint')}
        </p>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('join.submit')}
        </button>
        {message && (
          <p className="form-error" role="alert">
            {message}
          </p>
        )}
      </form>
      <a className="privacy-link" href={PRIVACY_PATH} data-testid="privacy-link">
        {t('privacy.link')}
      </a>
    </main>
  )
}
